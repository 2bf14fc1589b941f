// Pure: the Vitest line that fits a project — its Vite (Vitest runs on Vite: a Vitest that wants
// another Vite major pulls its own, and the project's plugins then meet a Vite they were not built
// for), the oldest Node the project supports, and the TypeScript its lockfile holds (the project's
// `tsc` must parse Vitest's declarations, and those of the @types/node Vitest brings). Newest line
// first; the first that fits wins. Figures from the registry's package.json of each line (vitest's
// `vite` dependency and peer range, `engines.node`, `@types/node`), checked 2026-12.

// A namespace import: the transform loader may turn this module into CommonJS without default interop.
import * as semver from 'semver';
import { parse as parseYaml } from 'yaml';
import type { JsonValue } from './jest-config.js';
import { lockedVersion } from './locked-version.js';

export interface VitestLine {
  /** The range written into devDependencies (and for each @vitest/* package). */
  readonly range: string;
  /** The Vite versions this line runs on. */
  readonly vite: string;
  /** The Node versions this line runs on. */
  readonly node: string;
  /**
   * The oldest TypeScript whose `tsc` (skipLibCheck) reads this line's declarations: a test file
   * importing from 'vitest', measured with typescript 4.3–5.0 (2026-12). 4.1's and 5.1's
   * @vitest/runner write `typeof beforeAll<T>` (an instantiation expression, 4.7); 3.2 and 0.34
   * parse on 4.5 (0.34's Vite 5 declarations stop 4.4).
   */
  readonly typescript: string;
  /**
   * The @types/node the line brings, with the newest Vite of its range (what npm installs beside
   * it): both declare it an optional peer (vitest 4.1 `^20 || ^22 || >=24`, vite 8 `^20.19.0 ||
   * >=22.12.0`; the range here is where they meet), and npm raises a locked @types/node outside it
   * to the newest. Vitest 0.34 also depends on `*`, so it installs the newest where none is locked.
   * ts-express-supertest: @types/node 17.0.21 locked, Vitest 0.34 brought Vite 5
   * (`^18.0.0 || >=20.0.0`) and npm raised it to 26.6.
   */
  readonly typesNode: { readonly range: string; readonly installs: boolean };
  /**
   * Vitest's own @types/node range (0.34 a dependency, later lines a peer): with the project's own
   * Vite kept, only this and that Vite's peer (`VITE_TYPES_NODE`) decide whether npm raises it.
   */
  readonly ownTypesNode: string;
}

/**
 * The @types/node peer of each Vite major (registry, 2026-12). A project whose own Vite fits the
 * line keeps it (npm dedupes Vitest's `vite` dependency onto it), so that Vite's peer applies,
 * not the newest Vite's of the line: svelte-headless-table (Vite 4, `>= 14`) locks @types/node
 * 17, which Vitest 0.34 over Vite 4 keeps; over Vite 5 (`^18.0.0 || >=20.0.0`) npm raises it.
 */
export const VITE_TYPES_NODE: Readonly<Record<number, string>> = {
  3: '>= 14',
  4: '>= 14',
  5: '^18.0.0 || >=20.0.0',
  6: '^18.0.0 || ^20.0.0 || >=22.0.0',
  7: '^20.19.0 || >=22.12.0',
  8: '^20.19.0 || >=22.12.0',
};

/**
 * The newest @types/node (25.x, 2026-12) declares `const` type parameters: TypeScript 5.0. An
 * @types/node npm picks afresh is the newest, and TypeScript reads every @types package.
 */
export const NEWEST_TYPES_NODE_TYPESCRIPT = '5.0.0';

export const VITEST_LINES: readonly VitestLine[] = [
  { range: '^5.1.0', vite: '^6.4.0 || ^7.0.0 || ^8.0.0', node: '^22.12.0 || ^24.0.0 || >=26.0.0', typescript: '4.7.0', typesNode: { range: '^22.12.0 || >=24.0.0', installs: false }, ownTypesNode: '^22.0.0 || >=24.0.0' },
  { range: '^4.1.0', vite: '^6.0.0 || ^7.0.0 || ^8.0.0', node: '^20.0.0 || ^22.0.0 || >=24.0.0', typescript: '4.7.0', typesNode: { range: '^20.19.0 || ^22.12.0 || >=24.0.0', installs: false }, ownTypesNode: '^20.0.0 || ^22.0.0 || >=24.0.0' },
  { range: '~3.2.4', vite: '^5.0.0 || ^6.0.0 || ^7.0.0', node: '^18.0.0 || ^20.0.0 || >=22.0.0', typescript: '4.5.0', typesNode: { range: '^20.19.0 || >=22.12.0', installs: false }, ownTypesNode: '^18.0.0 || ^20.0.0 || >=22.0.0' },
  { range: '^0.34.6', vite: '^3.1.0 || ^4.0.0 || ^5.0.0', node: '>=14.18.0', typescript: '4.5.0', typesNode: { range: '^18.0.0 || >=20.0.0', installs: true }, ownTypesNode: '*' },
];

/** What the project says about itself: its Vite range, and the Node versions it supports. */
export interface ProjectFacts {
  /** `vite` in dependencies or devDependencies. */
  readonly vite?: string;
  /** The lowest Node the project's CI runs, else `.nvmrc`, `.node-version`, `volta.node`, `engines.node`. */
  readonly node?: { readonly range: string; readonly from: string };
  /** The oldest Node the project's Jest runs on. */
  readonly jestNodeFloor?: string;
  /**
   * The Node that runs the migration's checks (codemigrate's own): a line that cannot run there
   * fails every step however well it fits the project (react-countdown's CI is on Node 24, and
   * Vitest 5 on Node 20 stops at `Map.groupBy is not a function`).
   */
  readonly runningNode?: string;
  /**
   * The TypeScript the project compiles with: the lockfile's version, else its range's lowest.
   * Only when something compiles with it (a root tsconfig*.json, a script that runs tsc, ts-jest): dayjs
   * lists typescript 2.9 for nothing its scripts run and has no tsconfig, and no Vitest line was
   * "readable" by it, so setup stopped a project that nothing type-checks.
   */
  readonly typescript?: { readonly version: string; readonly from: string };
  /** The @types/node the lockfile holds at the root (the one TypeScript reads). */
  readonly typesNode?: string;
  /**
   * The project's package.json names @types/node itself: npm then keeps the project's (a peer
   * range it does not meet is an ERESOLVE, which the install retries with --legacy-peer-deps)
   * instead of raising it to the newest. zod: @types/node 14 declared and locked, TypeScript 4.5.
   */
  readonly typesNodeDeclared?: boolean;
  /**
   * npm installs with legacy peer deps (`.npmrc` `legacy-peer-deps=true`, or the CI's npm install
   * passes `--legacy-peer-deps`): peers are neither installed nor checked, so npm keeps a locked
   * @types/node outside the peer range of Vitest's Vite instead of raising it to the newest.
   * casper-ui-kit: TypeScript 4.9.5 and @types/node 16.18.12 locked, `.npmrc` for Storybook; setup
   * stopped ("needs typescript 5.0.0") where 0.34 and 3.2 read fine on what stays installed.
   */
  readonly legacyPeerDeps?: string;
  /**
   * The project installs with yarn (yarn.lock, no npm or pnpm lockfile): yarn, classic or berry,
   * installs no peer dependency and only warns at one it does not meet, so Vite's optional
   * @types/node peer raises nothing, and Vitest 0.34's own `@types/node: *` takes the `*` entry
   * the lockfile already holds. reselect (yarn 3, TypeScript 4.8.3, `@types/node@npm:*` locked at
   * 16.11.7, CI Node 16): setup stopped ("needs typescript 5.0.0") where its own move took Vitest
   * 0.29 on that same lockfile.
   */
  readonly yarnPeers?: string;
  /**
   * pnpm fails the install at any peer it does not meet, optional ones too (`.npmrc`
   * `strict-peer-dependencies=true`, pnpm-workspace.yaml or package.json `strictPeerDependencies`),
   * where npm retries and yarn warns: which setting says so.
   */
  readonly strictPeers?: string;
}

/**
 * The Vite setup must name beside Vitest when pnpm's strict peers would refuse the one Vitest brings:
 * the newest Vite of the line declares an @types/node peer (VITE_TYPES_NODE) that the project's own
 * locked @types/node may miss. pnpm/meta-updater (Vitest 3.2 → Vite 7.3.8, peer `^20.19.0 ||
 * >=22.12.0`, @types/node 20.17.32 declared and locked, `.npmrc` strict-peer-dependencies): setup's
 * install failed with ERR_PNPM_PEER_DEP_ISSUES. The answer is the newest major of the line whose
 * peer the locked version meets (`^6.0.0` there); `range` is absent when no major does (then the
 * project's @types/node must be raised). Undefined when nothing needs naming: no strict peers, the
 * project's own Vite (its peer is the project's business), or the newest Vite's peer met.
 */
export function strictPeerVite(facts: ProjectFacts, line: VitestLine): { readonly range?: string; readonly why: string } | undefined {
  const { strictPeers, typesNode } = facts;
  if (strictPeers === undefined || facts.vite !== undefined || !facts.typesNodeDeclared || typesNode === undefined) return undefined;
  const majors = Object.keys(VITE_TYPES_NODE).map(Number).filter((major) => semver.intersects(`^${major}.0.0`, line.vite)).sort((a, b) => b - a);
  const meets = (major: number) => semver.satisfies(typesNode, VITE_TYPES_NODE[major]!);
  const newest = majors[0];
  if (newest === undefined || meets(newest)) return undefined;
  const fitting = majors.find(meets);
  const refused = `vitest ${line.range} brings vite ${newest}, whose @types/node peer ${VITE_TYPES_NODE[newest]} the locked @types/node ${typesNode} does not meet, and pnpm refuses an unmet peer here (${strictPeers})`;
  if (fitting === undefined) return { why: `${refused}; no vite of the line (${line.vite}) admits it: raise @types/node` };
  return { range: `^${fitting}.0.0`, why: `vite ^${fitting}.0.0 added: ${refused}; vite ${fitting}'s peer is ${VITE_TYPES_NODE[fitting]}` };
}

/** The oldest TypeScript that reads this line's declarations in this project, and why. */
export function typescriptNeeded(line: VitestLine, typesNode: string | undefined, declared = false, peersKept = false, projectVite?: string): { readonly version: string; readonly why: string } {
  const range = typesNodeRange(line, projectVite);
  // 0.34's own dependency (`*`) installs one where none is locked, legacy peer deps or not.
  const raised = declared ? false : typesNode === undefined ? line.typesNode.installs : !peersKept && !range.every((r) => semver.satisfies(typesNode, r));
  if (!raised || semver.gte(line.typescript, NEWEST_TYPES_NODE_TYPESCRIPT)) return { version: line.typescript, why: `vitest ${line.range} needs typescript ${line.typescript}` };
  const held = typesNode === undefined ? 'none is locked' : `the lockfile holds ${typesNode}`;
  return { version: NEWEST_TYPES_NODE_TYPESCRIPT, why: `vitest ${line.range} needs typescript ${NEWEST_TYPES_NODE_TYPESCRIPT} (it brings @types/node ${range.join(' and ')} and ${held}: npm installs the newest, whose declarations need ${NEWEST_TYPES_NODE_TYPESCRIPT})` };
}

/** The @types/node ranges npm must meet beside this line: with the project's own Vite (a version that fits the line), Vitest's and that Vite's; else the line's with its newest Vite. */
function typesNodeRange(line: VitestLine, projectVite: string | undefined): readonly string[] {
  const vitePeer = projectVite !== undefined && semver.satisfies(projectVite, line.vite) ? VITE_TYPES_NODE[semver.major(projectVite)] : undefined;
  return vitePeer === undefined ? [line.typesNode.range] : [line.ownTypesNode, vitePeer];
}

export type VitestChoice =
  | { readonly status: 'chosen'; readonly line: VitestLine; readonly why: string }
  | { readonly status: 'none'; readonly why: string };

/** With no Node named, the project is taken to run where codemigrate's own minimum is (Node 20). */
const ASSUMED_NODE = '20.19.0';

export function chooseVitest(facts: ProjectFacts): VitestChoice {
  const { runningNode } = facts;
  const fitting = chooseFor(facts, VITEST_LINES);
  if (runningNode === undefined || fitting.status === 'none' || semver.satisfies(runningNode, fitting.line.node)) return fitting;
  const here = chooseFor(facts, VITEST_LINES.filter((line) => semver.satisfies(runningNode, line.node)));
  const why = `vitest ${fitting.line.range} needs node ${fitting.line.node} and the checks run on Node ${runningNode}`;
  return here.status === 'chosen' ? { ...here, why: `${here.why} (${why})` } : { status: 'none', why: `${fitting.why}, but ${why}` };
}

function chooseFor(facts: ProjectFacts, lines: readonly VitestLine[]): VitestChoice {
  const viteMin = facts.vite === undefined ? undefined : minVersion(facts.vite);
  const named = facts.node === undefined ? undefined : nodeVersion(facts.node.range);
  const floor = facts.jestNodeFloor;
  const nodeMin = named !== undefined && floor !== undefined && semver.lt(named, floor) ? floor : named;
  const node = nodeMin ?? ASSUMED_NODE;
  const viteWhy = facts.vite === undefined ? 'no Vite in the project' : viteMin === undefined ? `vite ${facts.vite} (range not read: taken as the newest)` : `vite ${facts.vite}`;
  const raised = nodeMin !== named ? ` (raised to ${nodeMin}, the oldest Node its Jest runs on)` : '';
  const newest = named !== undefined && isNodeLine(facts.node!.range) ? ` (the newest of that line: taken as ${named})` : '';
  const nodeWhy = facts.node === undefined ? `no Node version named (taken as ${ASSUMED_NODE})` : nodeMin === undefined ? `node ${facts.node.range} from ${facts.node.from} (not read)` : `node ${facts.node.range} from ${facts.node.from}${newest}${raised}`;
  const { typescript } = facts;
  // Lines that fit Vite and Node but whose declarations this TypeScript cannot read.
  const tooNew: { readonly version: string; readonly why: string }[] = [];
  const readable = (line: VitestLine) => {
    if (typescript === undefined) return true;
    const needed = typescriptNeeded(line, facts.typesNode, facts.typesNodeDeclared, facts.legacyPeerDeps !== undefined || facts.yarnPeers !== undefined, viteMin);
    if (semver.gte(typescript.version, needed.version)) return true;
    tooNew.push(needed);
    return false;
  };
  const tsWhy = () => (tooNew.length === 0 ? '' : `; typescript ${typescript!.version} (${typescript!.from}) rules out newer lines: ${tooNew.map((need) => need.why).join('; ')}`);
  for (const line of lines) {
    if (viteMin !== undefined && !semver.satisfies(viteMin, line.vite)) continue;
    if (!semver.satisfies(node, line.node)) continue;
    if (!readable(line)) continue;
    return { status: 'chosen', line, why: `vitest ${line.range}: ${viteWhy}, ${nodeWhy}${tsWhy()}` };
  }
  // An open range (`>= 10.4`) names its users' floor: the oldest line that runs on some Node it admits.
  const range = facts.node?.range;
  if (range !== undefined && semver.validRange(range) !== null && semver.satisfies('99.0.0', range)) {
    for (const line of [...lines].reverse()) {
      if (viteMin !== undefined && !semver.satisfies(viteMin, line.vite)) continue;
      if (semver.intersects(line.node, range) && readable(line)) return { status: 'chosen', line, why: `vitest ${line.range}: ${viteWhy}, ${nodeWhy}, which admits Node ${node} and later: vitest ${line.range} needs node ${line.node}${tsWhy()}` };
    }
  }
  if (tooNew.length > 0) {
    const oldest = tooNew.reduce((low, need) => (semver.lt(need.version, low.version) ? need : low));
    return {
      status: 'none',
      why: `typescript ${typescript!.version} (${typescript!.from}) cannot read the declarations of any Vitest line that runs with ${viteWhy} and ${nodeWhy}: ${tooNew.map((need) => need.why).join('; ')}. Raise typescript to ${oldest.version} or later (the recipe does not raise it: a newer compiler may find new errors in the project's code)`,
    };
  }
  return { status: 'none', why: `no Vitest line runs with ${viteWhy} and ${nodeWhy}: ${VITEST_LINES.map((line) => `vitest ${line.range} needs vite ${line.vite}, node ${line.node}`).join('; ')}` };
}

/** nvm's names of Node's LTS lines. */
const LTS_CODENAMES: Readonly<Record<string, number>> = {
  argon: 4, boron: 6, carbon: 8, dubnium: 10, erbium: 12, fermium: 14, gallium: 16, hydrogen: 18, iron: 20, jod: 22, krypton: 24,
};
const NEWEST_LTS = Object.entries(LTS_CODENAMES).sort((a, b) => b[1] - a[1])[0]![0];

/**
 * A Node version as the project names it: a line without its patch (`12`, `18.x`, `v20.11`,
 * `lts/iron`) is the newest release of that line, which nvm, .node-version readers and
 * setup-node install (`18` → 18.99.99, `20.11` → 20.11.99); a full version or a range is read
 * as any other (`>=18` admits 18.0.0). jsonl-db's `12` is no Node 12.0.0.
 */
function nodeVersion(range: string): string | undefined {
  const text = range.trim().replace(/^v(?=\d)/, '');
  const line = /^(\d+)(?:\.(\d+))?(?:\.[xX*])?$/.exec(text);
  if (line !== null) return `${line[1]}.${line[2] ?? 99}.99`;
  const codename = /^lts\/([a-z]+)$/i.exec(text)?.[1]?.toLowerCase();
  if (codename !== undefined) return LTS_CODENAMES[codename] === undefined ? undefined : `${LTS_CODENAMES[codename]}.99.99`;
  return minVersion(text);
}

function isNodeLine(range: string): boolean {
  return /^(?:v?\d+(?:\.\d+)?(?:\.[xX*])?|lts\/[a-z]+)$/i.test(range.trim());
}

/** The lowest version a range admits (`^4.3.9` → 4.3.9, `18` → 18.0.0, `catalog:` → undefined). */
function minVersion(range: string): string | undefined {
  const text = range.trim().replace(/^v(?=\d)/, '');
  if (semver.validRange(text) === null) return semver.valid(semver.coerce(text)) ?? undefined;
  try {
    return semver.minVersion(text)?.version ?? undefined;
  } catch {
    return undefined;
  }
}

/** The oldest Node each Jest major runs on (its engines): a Node its own tests cannot run on is no constraint. */
const JEST_NODE_FLOOR: Readonly<Record<number, string>> = { 26: '10.14.2', 27: '10.13.0', 28: '12.13.0', 29: '14.15.0', 30: '18.14.0' };

/** The project's facts from package.json and, among setup's `files`, the Node version files, CI workflows and pnpm-workspace.yaml. */
export function projectFacts(pkg: Record<string, JsonValue>, readFile: (path: string) => string | undefined, files: readonly string[] = []): ProjectFacts {
  const dependency = (name: string) => {
    for (const field of ['devDependencies', 'dependencies']) {
      const range = (pkg[field] as Record<string, JsonValue> | undefined)?.[name];
      if (typeof range === 'string') return range;
    }
    return undefined;
  };
  const vite = catalogued(dependency('vite'), 'vite', readFile);
  const engines = (pkg['engines'] as Record<string, JsonValue> | undefined)?.['node'];
  const volta = (pkg['volta'] as Record<string, JsonValue> | undefined)?.['node'];
  const workflows = files.filter((path) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)).map((path) => readFile(path) ?? '');
  // What the tests really run on comes first; engines.node is the floor for a package's users.
  const candidates: [string | undefined, string][] = [
    ...ciNodeVersions(workflows),
    [readFile('.nvmrc')?.trim().split('\n')[0], '.nvmrc'],
    [readFile('.node-version')?.trim().split('\n')[0], '.node-version'],
    [typeof volta === 'string' ? volta : undefined, 'package.json volta.node'],
    [typeof engines === 'string' ? engines : undefined, 'package.json engines.node'],
  ];
  const named = candidates.find(([range]) => range !== undefined && range !== '' && nodeVersion(range) !== undefined);
  const jest = dependency('jest');
  const jestMajor = jest === undefined ? undefined : minVersion(jest) === undefined ? undefined : semver.major(minVersion(jest)!);
  const jestNodeFloor = jestMajor === undefined ? undefined : JEST_NODE_FLOOR[jestMajor];
  const compiles = files.some((path) => /^tsconfig[^/]*\.json$/.test(path)) || dependency('ts-jest') !== undefined || Object.values((pkg['scripts'] as Record<string, JsonValue> | undefined) ?? {}).some((script) => typeof script === 'string' && /(?:^|[\s;&|(/])(?:vue-)?tsc(?:$|[\s;&|)])/.test(script));
  const typescriptRange = compiles ? catalogued(dependency('typescript'), 'typescript', readFile) : undefined;
  const locked = compiles ? lockedVersion('typescript', typescriptRange, readFile) : undefined;
  const rangeMin = typescriptRange === undefined ? undefined : minVersion(typescriptRange);
  const typescript = locked ?? (rangeMin === undefined ? undefined : { version: rangeMin, from: `package.json typescript ${typescriptRange}, its lowest: no lockfile holds it` });
  const typesNodeRange = dependency('@types/node');
  const yarn = readFile('yarn.lock') !== undefined && readFile('package-lock.json') === undefined && readFile('pnpm-lock.yaml') === undefined;
  // Undeclared under yarn, the one that counts is what Vitest 0.34's `@types/node: *` takes: yarn.lock's `*` entry, if any.
  const typesNode = (typesNodeRange === undefined && yarn ? lockedVersion('@types/node', '*', readFile, true) : lockedVersion('@types/node', typesNodeRange, readFile))?.version ?? (typesNodeRange === undefined ? undefined : minVersion(typesNodeRange));
  const legacyPeerDeps = npmLegacyPeerDeps(readFile, workflows);
  const strictPeers = pnpmStrictPeers(pkg, readFile);
  return {
    ...(vite !== undefined && { vite }),
    ...(named && { node: { range: named[0]!, from: named[1] } }),
    ...(jestNodeFloor && { jestNodeFloor }),
    ...(typescript && { typescript: locked ? { version: locked.version, from: `locked in ${locked.from}` } : typescript }),
    ...(typesNode !== undefined && { typesNode }),
    ...(typesNodeRange !== undefined && { typesNodeDeclared: true }),
    ...(legacyPeerDeps !== undefined && { legacyPeerDeps }),
    ...(yarn && { yarnPeers: 'yarn.lock' }),
    ...(strictPeers !== undefined && { strictPeers }),
  };
}

/** Where a pnpm project turns strict peer dependencies on, if it does (pnpm's default is off since 8). */
function pnpmStrictPeers(pkg: Record<string, JsonValue>, readFile: (path: string) => string | undefined): string | undefined {
  const manager = typeof pkg['packageManager'] === 'string' ? pkg['packageManager'] : '';
  if (readFile('pnpm-lock.yaml') === undefined && !manager.startsWith('pnpm@')) return undefined;
  if (/^\s*strict-peer-dependencies\s*=\s*true\s*$/m.test(readFile('.npmrc') ?? '')) return '.npmrc strict-peer-dependencies=true';
  if (/^strictPeerDependencies:\s*true\s*$/m.test(readFile('pnpm-workspace.yaml') ?? '')) return 'pnpm-workspace.yaml strictPeerDependencies: true';
  const own = pkg['pnpm'];
  if (own !== null && typeof own === 'object' && !Array.isArray(own) && own['strictPeerDependencies'] === true) return 'package.json pnpm.strictPeerDependencies';
  return undefined;
}

/** `catalog:` / `catalog:<name>` (pnpm) → the range pnpm-workspace.yaml gives the package. */
function catalogued(range: string | undefined, name: string, readFile: (path: string) => string | undefined): string | undefined {
  const catalog = range === undefined ? undefined : /^catalog:(.*)$/.exec(range.trim())?.[1];
  if (catalog === undefined) return range;
  const text = readFile('pnpm-workspace.yaml');
  if (text === undefined) return range;
  try {
    const workspace = parseYaml(text) as { catalog?: Record<string, string>; catalogs?: Record<string, Record<string, string>> } | null;
    const entries = catalog === '' || catalog === 'default' ? (workspace?.catalog ?? workspace?.catalogs?.['default']) : workspace?.catalogs?.[catalog];
    return typeof entries?.[name] === 'string' ? entries[name] : range;
  } catch {
    return range;
  }
}

/** Why npm installs this project with legacy peer deps, if it does: `.npmrc`, or an npm install in a CI workflow. */
function npmLegacyPeerDeps(readFile: (path: string) => string | undefined, workflows: readonly string[]): string | undefined {
  if (readFile('yarn.lock') !== undefined || readFile('pnpm-lock.yaml') !== undefined) return undefined;
  if (/^\s*legacy-peer-deps\s*=\s*true\s*$/m.test(readFile('.npmrc') ?? '')) return '.npmrc legacy-peer-deps=true';
  if (workflows.some((text) => /\bnpm\s+(?:ci|i|install)\b[^\n]*--legacy-peer-deps\b/.test(text))) return 'the CI workflows install with npm --legacy-peer-deps';
  return undefined;
}

/**
 * A workflow whose steps neither set Node up nor run a Node tool names a `node-version` it never
 * uses: casper-ui-kit's markdown-skip.yml (`node-version: [16.x]`, one step `echo`) made Node 16 its
 * lowest, where its tests run on 18.
 */
function usesNode(text: string): boolean {
  if (!/^\s*steps:/m.test(text)) return true;
  const lines = text.split('\n').filter((line) => !/^\s*#/.test(line) && !/node[-_]version/.test(line));
  return /setup-node|\b(?:npm|npx|yarn|pnpm|node|corepack|bun)\b/.test(lines.join('\n'));
}

/** Matrix keys and setup-node inputs that name Node versions. */
const NODE_KEY = /^node(?:[-_]?version)?$/i;
/** A step that runs the project's tests: its test script or a runner itself. */
const RUNS_TESTS = /\b(?:(?:npm|yarn|pnpm|bun)\s+(?:run\s+)?(?:test|t)(?::[\w:-]+)?\b|npx\s+(?:jest|vitest)\b|(?:^|[\s;&|])(?:jest|vitest)\b)/m;

interface CiJob {
  readonly versions: readonly string[];
  readonly usesNode: boolean;
  readonly runsTests: boolean;
}

function versionsOf(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => {
    const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().replace(/\.x$/, '') : '';
    if (/^\d+(\.\d+){0,2}$/.test(text)) return [text];
    // setup-node's aliases: an LTS line by its codename, and `lts/*` (the newest LTS; at least the newest this table knows).
    const codename = /^lts\/([a-z]+|\*)$/i.exec(text)?.[1]?.toLowerCase();
    if (codename === '*') return [`lts/${NEWEST_LTS}`];
    return codename !== undefined && LTS_CODENAMES[codename] !== undefined ? [`lts/${codename}`] : [];
  });
}

/**
 * The jobs of a workflow with the Node versions each names (its matrix, its setup-node input),
 * whether it uses Node, and whether it runs the tests; undefined when the text is no workflow YAML.
 */
function ciJobs(text: string): CiJob[] | undefined {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    return undefined;
  }
  const jobs = (doc as { jobs?: unknown } | null)?.jobs;
  if (jobs === null || typeof jobs !== 'object' || Array.isArray(jobs)) return undefined;
  return Object.values(jobs as Record<string, unknown>).map((job) => {
    const j = (job ?? {}) as { strategy?: { matrix?: Record<string, unknown> }; steps?: unknown };
    const matrix = j.strategy?.matrix ?? {};
    const versions = Object.entries(matrix).flatMap(([key, value]) => {
      if (NODE_KEY.test(key)) return versionsOf(value);
      if (key === 'include' && Array.isArray(value)) return value.flatMap((entry) => Object.entries((entry ?? {}) as Record<string, unknown>).flatMap(([k, v]) => (NODE_KEY.test(k) ? versionsOf(v) : [])));
      return [];
    });
    const steps = Array.isArray(j.steps) ? (j.steps as { uses?: unknown; run?: unknown; with?: Record<string, unknown> }[]) : undefined;
    for (const step of steps ?? []) {
      if (typeof step?.uses === 'string' && /setup-node/.test(step.uses)) versions.push(...versionsOf(step.with?.['node-version']));
    }
    const runs = (steps ?? []).map((step) => (typeof step?.run === 'string' ? step.run : '')).join('\n');
    const uses = (steps ?? []).map((step) => (typeof step?.uses === 'string' ? step.uses : '')).join('\n');
    return {
      versions,
      usesNode: steps === undefined || /setup-node/.test(uses) || /\b(?:npm|npx|yarn|pnpm|node|corepack|bun)\b/.test(runs),
      runsTests: RUNS_TESTS.test(runs),
    };
  });
}

/**
 * The lowest `node-version` the workflows name (`18`, `18.x`, `[18, 20]`, a block list, `'20.11'`),
 * as a candidate, as named (`18.x` → `18`: a line). Where some job runs the tests, only the jobs
 * that do count: Octokit's repositories share an update-prettier.yml on Node 16 that only formats,
 * beside a test matrix of 18, 20 and 22 (octokit/plugin-retry.js got Vitest 0.34 for Node 16).
 */
export function ciNodeVersions(texts: readonly string[]): [string | undefined, string][] {
  const jobs: CiJob[] = [];
  for (const text of texts) {
    const read = ciJobs(text);
    if (read !== undefined) {
      jobs.push(...read);
      continue;
    }
    // Not YAML this reads: every node-version written in it.
    const versions = [...text.matchAll(/node[-_]version:\s*(\[[^\]\n]*\]|[^\n#]+)/g)].flatMap((match) => versionsOf(match[1]!.replace(/[[\]'"]/g, '').split(',')));
    jobs.push({ versions, usesNode: usesNode(text), runsTests: false });
  }
  const testing = jobs.filter((job) => job.runsTests && job.versions.length > 0);
  const counted = testing.length > 0 ? testing : jobs.filter((job) => job.usesNode);
  const versions = counted.flatMap((job) => job.versions);
  const lowest = versions.sort((a, b) => semver.compare(nodeVersion(a)!, nodeVersion(b)!))[0];
  return lowest === undefined ? [] : [[lowest, testing.length > 0 ? 'the CI jobs that run the tests (lowest node-version)' : 'the CI workflows (lowest node-version)']];
}
