// ts-morph transform for the root package.json, in two phases (options.phase), following the
// React 19 upgrade guide's advice to go through React 18.3 first:
//   setup  — React 18.3 (18.2 plus warnings for what 19 removes, and `act` exported from react, which
//            the steps' replace-act-import needs while the rest of the app is still unmigrated) and
//            @testing-library/react 16 (accepts React 18 and 19; its @testing-library/dom peer is
//            added beside it when the project does not list it). Every module still works on them.
//   finish — once every module has landed: react, react-dom, react-test-renderer, react-is and the
//            @types at 19; and a report of each locked package whose React peer range stops below
//            19 (the lockfile comes as `options.context`, see lockfile-peers.ts).
// A dependency is raised only when the lowest version its range admits is below the target, never
// lowered; the range keeps its kind (`^`, `~` or exact). Text is spliced at positions from
// TypeScript's JSON parser: key order, indentation and the final newline stay as they were.

import { ts, type SourceFile } from 'ts-morph';
// A namespace import: the transform loader may turn this module into CommonJS without default interop.
import * as semver from 'semver';
import { peerConflicts } from './lockfile-peers.js';

interface Context {
  readonly path: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly report: (leftover: { line?: number; message: string }) => void;
}

type Phase = 'setup' | 'finish';

/** Phase → package → the version it is raised to. */
export const TARGETS: Readonly<Record<Phase, Readonly<Record<string, string>>>> = {
  setup: {
    react: '18.3.1',
    'react-dom': '18.3.1',
    'react-test-renderer': '18.3.1',
    '@types/react': '18.3.0',
    '@types/react-dom': '18.3.0',
    '@testing-library/react': '16.0.0',
  },
  finish: {
    react: '19.0.0',
    'react-dom': '19.0.0',
    'react-test-renderer': '19.0.0',
    'react-is': '19.0.0',
    '@types/react': '19.0.0',
    '@types/react-dom': '19.0.0',
  },
};

/** Peers a raised package needs listed beside it: package → [peer, range]. */
const COMPANIONS: Readonly<Record<string, readonly [string, string]>> = {
  '@testing-library/react': ['@testing-library/dom', '^10.0.0'],
};

const SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

function property(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  return object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isStringLiteral(p.name) && p.name.text === name);
}

function indentAt(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** The new range for `range` raised to `target`, keeping its kind; undefined when it admits nothing lower. */
export function raisedRange(range: string, target: string): string | undefined {
  const lowest = semver.validRange(range) === null ? null : semver.minVersion(range);
  if (lowest === null) return undefined; // a tag, a URL, `workspace:`…: not ours to change.
  if (!semver.lt(lowest, target)) return undefined;
  const kind = /^\s*([~^]|>=)?/.exec(range)?.[1] ?? '';
  const exact = semver.valid(range.trim()) !== null;
  return `${exact ? '' : kind === '~' ? '~' : '^'}${target}`;
}

function reportPeerConflicts(root: ts.ObjectLiteralExpression, json: ts.JsonSourceFile, ctx: Context): void {
  const context = ctx.options['context'];
  if (typeof context !== 'object' || context === null) return;
  const lockfiles = Object.fromEntries(Object.entries(context).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const target = TARGETS.finish['react']!;
  for (const conflict of peerConflicts(lockfiles, target, new Set(Object.keys(TARGETS.finish)))) {
    const entry = SECTIONS.filter((section) => section !== 'peerDependencies')
      .map((section) => property(root, section)?.initializer)
      .flatMap((object) => (object && ts.isObjectLiteralExpression(object) ? [property(object, conflict.name)] : []))
      .find((found) => found !== undefined);
    const listed = entry === undefined ? 'a dependency of a dependency' : 'listed here';
    ctx.report({
      ...(entry && { line: json.getLineAndCharacterOfPosition(entry.getStart(json)).line + 1 }),
      message: `${conflict.name} ${conflict.version} (${listed}; ${conflict.lockfile}) declares the peer ${Object.entries(conflict.peers)
        .map(([peer, range]) => `${peer} "${range}"`)
        .join(' and ')}, which React 19 is outside of: raise it to a release that accepts React 19 (npm installs the result only with --legacy-peer-deps until then)`,
    });
  }
}

export default function transform(sourceFile: SourceFile, ctx: Context): string | undefined {
  // The recipe gives it package.json only (its `files`); fixtures name theirs X.json.
  if (!ctx.path.endsWith('.json')) return undefined;
  const phase: Phase = ctx.options['phase'] === 'finish' ? 'finish' : 'setup';
  const text = sourceFile.getFullText();
  const json = ts.parseJsonText(ctx.path, text);
  const root = json.statements[0]?.expression;
  if (!root || !ts.isObjectLiteralExpression(root)) return undefined;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const edits: { at: number; end: number; insert: string }[] = [];
  const listed = new Set<string>();
  for (const section of SECTIONS) {
    const object = property(root, section)?.initializer;
    if (object && ts.isObjectLiteralExpression(object)) for (const p of object.properties) if (p.name && ts.isStringLiteral(p.name)) listed.add(p.name.text);
  }

  for (const section of SECTIONS) {
    const object = property(root, section)?.initializer;
    if (!object || !ts.isObjectLiteralExpression(object)) continue;
    for (const [name, target] of Object.entries(TARGETS[phase])) {
      const entry = property(object, name);
      if (!entry || !ts.isStringLiteral(entry.initializer)) continue;
      // A peer range is what the package promises its users: widened, not raised.
      const next = section === 'peerDependencies' ? undefined : raisedRange(entry.initializer.text, target);
      if (next === undefined) continue;
      edits.push({ at: entry.initializer.getStart(json), end: entry.initializer.end, insert: JSON.stringify(next) });
      const companion = COMPANIONS[name];
      if (companion && !listed.has(companion[0])) {
        listed.add(companion[0]);
        const indent = indentAt(text, entry.getStart(json));
        edits.push({ at: entry.end, end: entry.end, insert: `,${newline}${indent}${JSON.stringify(companion[0])}: ${JSON.stringify(companion[1])}` });
      }
    }
    if (section === 'peerDependencies') {
      const react = property(object, 'react');
      if (phase === 'finish' && react && ts.isStringLiteral(react.initializer) && !semver.intersects(react.initializer.text, '^19.0.0')) {
        ctx.report({ line: json.getLineAndCharacterOfPosition(react.getStart(json)).line + 1, message: `peerDependencies.react "${react.initializer.text}" does not admit React 19: widen it (for example "${react.initializer.text} || ^19.0.0") if this package supports both` });
      }
    }
  }
  if (phase === 'finish') reportPeerConflicts(root, json, ctx);
  if (edits.length === 0) return undefined;
  let out = text;
  for (const edit of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, edit.at) + edit.insert + out.slice(edit.end);
  return out;
}
