// Pure: the Vitest line that fits a project — its Vite (Vitest runs on Vite: a Vitest that wants
// another Vite major pulls its own, and the project's plugins then meet a Vite they were not built
// for) and the oldest Node the project supports. Newest line first; the first that fits wins.
// Figures from the registry's package.json of each line (vitest's `vite` dependency and peer
// range, `engines.node`), checked 2026-12.

// A namespace import: the transform loader may turn this module into CommonJS without default interop.
import * as semver from 'semver';
import type { JsonValue } from './jest-config.js';

export interface VitestLine {
  /** The range written into devDependencies (and for each @vitest/* package). */
  readonly range: string;
  /** The Vite versions this line runs on. */
  readonly vite: string;
  /** The Node versions this line runs on. */
  readonly node: string;
}

export const VITEST_LINES: readonly VitestLine[] = [
  { range: '^5.1.0', vite: '^6.4.0 || ^7.0.0 || ^8.0.0', node: '^22.12.0 || ^24.0.0 || >=26.0.0' },
  { range: '^4.1.0', vite: '^6.0.0 || ^7.0.0 || ^8.0.0', node: '^20.0.0 || ^22.0.0 || >=24.0.0' },
  { range: '~3.2.4', vite: '^5.0.0 || ^6.0.0 || ^7.0.0', node: '^18.0.0 || ^20.0.0 || >=22.0.0' },
  { range: '^0.34.6', vite: '^3.1.0 || ^4.0.0 || ^5.0.0', node: '>=14.18.0' },
];

/** What the project says about itself: its Vite range, and the Node versions it supports. */
export interface ProjectFacts {
  /** `vite` in dependencies or devDependencies. */
  readonly vite?: string;
  /** `engines.node`, `.nvmrc`, `.node-version` or `volta.node`, whichever is found first. */
  readonly node?: { readonly range: string; readonly from: string };
}

export type VitestChoice =
  | { readonly status: 'chosen'; readonly line: VitestLine; readonly why: string }
  | { readonly status: 'none'; readonly why: string };

/** With no Node named, the project is taken to run where codemigrate's own minimum is (Node 20). */
const ASSUMED_NODE = '20.19.0';

export function chooseVitest(facts: ProjectFacts): VitestChoice {
  const viteMin = facts.vite === undefined ? undefined : minVersion(facts.vite);
  const nodeMin = facts.node === undefined ? undefined : minVersion(facts.node.range);
  const node = nodeMin ?? ASSUMED_NODE;
  const viteWhy = facts.vite === undefined ? 'no Vite in the project' : viteMin === undefined ? `vite ${facts.vite} (range not read: taken as the newest)` : `vite ${facts.vite}`;
  const nodeWhy = facts.node === undefined ? `no Node version named (taken as ${ASSUMED_NODE})` : nodeMin === undefined ? `node ${facts.node.range} from ${facts.node.from} (not read)` : `node ${facts.node.range} from ${facts.node.from}`;
  for (const line of VITEST_LINES) {
    if (viteMin !== undefined && !semver.satisfies(viteMin, line.vite)) continue;
    if (!semver.satisfies(node, line.node)) continue;
    return { status: 'chosen', line, why: `vitest ${line.range}: ${viteWhy}, ${nodeWhy}` };
  }
  return { status: 'none', why: `no Vitest line runs with ${viteWhy} and ${nodeWhy}: ${VITEST_LINES.map((line) => `vitest ${line.range} needs vite ${line.vite}, node ${line.node}`).join('; ')}` };
}

/** The lowest version a range admits (`^4.3.9` → 4.3.9, `18` → 18.0.0, `lts/*` → undefined). */
function minVersion(range: string): string | undefined {
  const text = range.trim().replace(/^v(?=\d)/, '');
  try {
    return semver.minVersion(text)?.version ?? semver.coerce(text)?.version;
  } catch {
    return semver.coerce(text)?.version;
  }
}

/** The project's facts from package.json and the Node version files among setup's files. */
export function projectFacts(pkg: Record<string, JsonValue>, readFile: (path: string) => string | undefined): ProjectFacts {
  const dependency = (name: string) => {
    for (const field of ['devDependencies', 'dependencies']) {
      const range = (pkg[field] as Record<string, JsonValue> | undefined)?.[name];
      if (typeof range === 'string') return range;
    }
    return undefined;
  };
  const vite = dependency('vite');
  const engines = (pkg['engines'] as Record<string, JsonValue> | undefined)?.['node'];
  const volta = (pkg['volta'] as Record<string, JsonValue> | undefined)?.['node'];
  const candidates: [string | undefined, string][] = [
    [typeof engines === 'string' ? engines : undefined, 'package.json engines.node'],
    [readFile('.nvmrc')?.trim().split('\n')[0], '.nvmrc'],
    [readFile('.node-version')?.trim().split('\n')[0], '.node-version'],
    [typeof volta === 'string' ? volta : undefined, 'package.json volta.node'],
  ];
  const named = candidates.find(([range]) => range !== undefined && range !== '' && minVersion(range) !== undefined);
  return { ...(vite !== undefined && { vite }), ...(named && { node: { range: named[0]!, from: named[1] } }) };
}
