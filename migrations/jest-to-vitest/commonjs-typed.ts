// Pure: whether TypeScript reads a TS file as CommonJS, and whether such a file's `import … from
// 'vitest'` then costs the project a library diagnostic. A CommonJS file's import resolves the
// `require` condition of Vitest's exports, `vitest/index.d.cts`, whose `export * from
// './dist/index.js'` (an ES module) is TS1479 where TypeScript refuses require() of ESM:
// `module` node16 or node18, and nodenext before TypeScript 5.8 (measured with TypeScript 6.0.3:
// node16 and node18 report it, nodenext and node20 do not; `module: commonjs` reads files as
// CommonJS but resolves without the exports conditions, and reports nothing). `skipLibCheck: true`
// hides it, as it hides every diagnostic in a .d.cts. Type-only imports resolve the same way.
//
// The settings are read from the nearest tsconfig.json above the file (its `extends` chain when
// the bases are files of the project; a base from a package is unread and the answer 'unknown'),
// the format from the file's extension (.cts always CommonJS, .mts never) and else the nearest
// package.json's "type".

import { posix } from 'node:path';
import * as semver from 'semver';
import { ts } from 'ts-morph';

/** A file of the project by repo-relative path, undefined when there is none. */
export type ReadFile = (path: string) => string | undefined;

export const FORMATS = ['commonjs', 'module', 'unknown'] as const;
export type Format = (typeof FORMATS)[number];

export interface TsconfigSettings {
  /** Repo-relative path of the tsconfig.json read. */
  readonly path: string;
  /** `module`, lower-cased; undefined when no file of the chain sets it. */
  readonly module?: string;
  /** `moduleResolution`, lower-cased; undefined when no file of the chain sets it. */
  readonly moduleResolution?: string;
  readonly skipLibCheck?: boolean;
  /** `types`, from the nearest file of the chain that sets it. */
  readonly types?: readonly string[];
  /** A base the chain names that is not a file of the project (`@tsconfig/node16`): its options are unknown. */
  readonly unreadBase?: string;
}

export interface TypeCheckReading {
  readonly format: Format;
  /** Whether an import of 'vitest' in this file brings TS1479 into the type check. */
  readonly charged: boolean;
  readonly tsconfig?: TsconfigSettings;
}

/** Modes whose resolution reads the `require` condition for a CommonJS file and refuses ESM behind it. */
const REFUSING_MODES = new Set(['node16', 'node18']);
/** Modes that read a .ts file's format from package.json "type". */
const NODE_MODES = new Set(['node16', 'node18', 'node20', 'nodenext']);
/** nodenext accepts require() of ESM from this TypeScript on. */
const NODENEXT_REQUIRES_ESM = '5.8.0';

function dirOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

/** The nearest `name` in the file's folder or above it, with its text. */
function nearest(file: string, name: string, read: ReadFile): { path: string; text: string } | undefined {
  let dir = dirOf(file);
  for (;;) {
    const path = dir === '' ? name : `${dir}/${name}`;
    const text = read(path);
    if (text !== undefined) return { path, text };
    if (dir === '') return undefined;
    dir = dirOf(dir);
  }
}

/** A tsconfig's text (comments and trailing commas allowed) as an object, or undefined when it does not parse to one. */
export function parseJsonc(path: string, text: string): Record<string, unknown> | undefined {
  const { config, error } = ts.parseConfigFileTextToJson(path, text);
  return error === undefined && typeof config === 'object' && config !== null && !Array.isArray(config) ? (config as Record<string, unknown>) : undefined;
}

interface Options {
  module?: string;
  moduleResolution?: string;
  skipLibCheck?: boolean;
  types?: readonly string[];
  unreadBase?: string;
}

/** The compiler options a tsconfig file sets with those of its bases under them; undefined when it does not parse. */
function readOptions(path: string, read: ReadFile, seen: ReadonlySet<string>): Options | undefined {
  const text = read(path);
  if (text === undefined || seen.has(path)) return undefined;
  const config = parseJsonc(path, text);
  if (config === undefined) return undefined;
  const bases = typeof config['extends'] === 'string' ? [config['extends']] : Array.isArray(config['extends']) ? config['extends'].filter((b): b is string => typeof b === 'string') : [];
  let merged: Options = {};
  for (const base of bases) {
    const relative = base.startsWith('.') || base.startsWith('/');
    const basePath = relative ? posix.join(dirOf(path), base.endsWith('.json') ? base : `${base}.json`) : undefined;
    const options = basePath === undefined ? undefined : readOptions(basePath, read, new Set([...seen, path]));
    merged = options === undefined ? { ...merged, unreadBase: base } : { ...merged, ...options };
  }
  const own = config['compilerOptions'];
  if (typeof own === 'object' && own !== null) {
    const o = own as Record<string, unknown>;
    if (typeof o['module'] === 'string') merged.module = o['module'].toLowerCase();
    if (typeof o['moduleResolution'] === 'string') merged.moduleResolution = o['moduleResolution'].toLowerCase();
    if (typeof o['skipLibCheck'] === 'boolean') merged.skipLibCheck = o['skipLibCheck'];
    if (Array.isArray(o['types'])) merged.types = o['types'].filter((t): t is string => typeof t === 'string');
  }
  return merged;
}

/** The settings of the nearest tsconfig.json above `file`; undefined when there is none or it does not parse. */
export function tsconfigOf(file: string, read: ReadFile): TsconfigSettings | undefined {
  const found = nearest(file, 'tsconfig.json', read);
  return found === undefined ? undefined : tsconfigAt(found.path, read);
}

/** The settings of the tsconfig at `path` (any name), its bases under them. */
export function tsconfigAt(path: string, read: ReadFile): TsconfigSettings | undefined {
  const options = readOptions(path, read, new Set());
  return options === undefined ? undefined : { path, ...options };
}

/** package.json "type" of the nearest package.json: 'module' or 'commonjs' (its absence), 'unknown' when it does not parse. */
export function packageFormat(file: string, read: ReadFile): Format {
  const found = nearest(file, 'package.json', read);
  if (found === undefined) return 'commonjs';
  try {
    const pkg = JSON.parse(found.text) as unknown;
    if (typeof pkg !== 'object' || pkg === null) return 'unknown';
    return (pkg as Record<string, unknown>)['type'] === 'module' ? 'module' : 'commonjs';
  } catch {
    return 'unknown';
  }
}

/** How TypeScript reads `file` under `settings` (the format of a .ts file decided by `module`). */
export function formatOf(file: string, settings: TsconfigSettings | undefined, read: ReadFile): Format {
  if (/\.d\.[cm]?ts$/.test(file)) return 'unknown';
  if (/\.cts$/.test(file)) return 'commonjs';
  if (/\.mts$/.test(file)) return 'module';
  if (!/\.tsx?$/.test(file) || settings === undefined) return 'unknown';
  if (settings.module === undefined) return settings.unreadBase === undefined ? 'module' : 'unknown';
  if (settings.module === 'commonjs') return 'commonjs';
  if (NODE_MODES.has(settings.module)) return packageFormat(file, read);
  return 'module';
}

/**
 * Whether the module mode refuses a CommonJS file's require() of Vitest's ESM types. `typescript` is
 * the project's version; unknown, nodenext counts as refusing (the cost of a needless rewrite is
 * imports turned into globals, of a missed one an unverified land).
 */
export function refusesRequireOfEsm(module: string | undefined, typescript: string | undefined): boolean {
  if (module === undefined) return false;
  if (REFUSING_MODES.has(module)) return true;
  if (module !== 'nodenext') return false;
  const version = typescript === undefined ? null : semver.coerce(typescript);
  return version === null || semver.lt(version, NODENEXT_REQUIRES_ESM);
}

/** The reading of `file`: its format, and whether an import of 'vitest' there is charged with TS1479. */
export function readTypeCheck(file: string, read: ReadFile, typescript: string | undefined): TypeCheckReading {
  const tsconfig = tsconfigOf(file, read);
  const format = formatOf(file, tsconfig, read);
  const charged = format === 'commonjs' && tsconfig !== undefined && tsconfig.skipLibCheck !== true && refusesRequireOfEsm(tsconfig.module, typescript);
  return { format, charged, ...(tsconfig !== undefined && { tsconfig }) };
}
