// Where a `require('…')` specifier leads, read from disk the way Node's CommonJS resolver does
// (exact file, then `.js`, `.json`, then a directory: its package.json `main`, else its
// `index.js` / `index.json`), so that the import gets the full specifier ESM needs, since ESM
// resolves neither extensions nor directories. Bare names are classified as Node builtins or packages.
// From a TypeScript source, the file found is the *source* (`./util` → util.ts, as TypeScript's
// node10 resolution finds it) and the specifier written is the file tsc emits for it (`./util.js`):
// TypeScript maps `./util.js` back to util.ts under every resolution mode, and Node needs it at run time.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, posix, resolve } from 'node:path';

export type Target =
  | { readonly kind: 'relative'; readonly specifier: string; readonly file: string; readonly json: boolean }
  | { readonly kind: 'missing'; readonly specifier: string }
  | { readonly kind: 'builtin'; readonly specifier: string }
  | { readonly kind: 'package'; readonly specifier: string; readonly name: string; readonly manifest: PackageManifest | undefined };

export interface PackageManifest {
  readonly type?: string;
  readonly exports?: unknown;
}

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

/** Whose resolution to follow: Node's CommonJS one (JavaScript), or tsc's source → emitted file. */
export type Language = 'javascript' | 'typescript';

/** A TypeScript source extension and the extension of the file tsc emits for it. */
const TYPESCRIPT_EMIT: readonly (readonly [string, string])[] = [
  ['.ts', '.js'],
  ['.tsx', '.js'],
  ['.d.ts', '.js'],
  ['.mts', '.mjs'],
  ['.cts', '.cjs'],
];

/** `./util.js` naming util.ts (or .tsx, .d.ts; `.mjs` → .mts, `.cjs` → .cts): the source, written as is. */
function asEmitted(base: string, written: string): [string, string] | undefined {
  const extension = /\.[cm]?js$/.exec(base)?.[0];
  if (!extension) return undefined;
  const stem = base.slice(0, -extension.length);
  for (const [source, emitted] of TYPESCRIPT_EMIT) {
    if (emitted === extension && isFile(`${stem}${source}`)) return [`${stem}${source}`, written];
  }
  return undefined;
}

/**
 * The file a path names as Node's LOAD_AS_FILE finds it: itself, `.js`, `.json`. From TypeScript,
 * as tsc finds it (`.ts`, `.tsx`, `.d.ts`, then `.js`, `.json`), written with the emitted extension.
 */
function asFile(base: string, written: string, language: Language): [string, string] | undefined {
  if (language === 'typescript') {
    const emitted = asEmitted(base, written);
    if (emitted) return emitted;
    // A written `.mts`/`.ts` extension (allowImportingTsExtensions) is the project's own choice.
    if (/\.([cm]?tsx?|json|[cm]?jsx?)$/.test(base) && isFile(base)) return [base, written];
    const source = ['.ts', '.tsx', '.d.ts'].map((extension): [string, string] => [`${base}${extension}`, `${written}.js`]).find(([file]) => isFile(file));
    if (source) return source;
  }
  const candidates: [string, string][] = [
    ...(language === 'javascript' ? [[base, written] as [string, string]] : []),
    [`${base}.js`, `${written}.js`],
    [`${base}.json`, `${written}.json`],
  ];
  return candidates.find(([file]) => isFile(file));
}

/** A directory's `main` (LOAD_AS_FILE then its index), else its own `index.js` / `index.json`. */
function asDirectory(base: string, written: string, language: Language): [string, string] | undefined {
  const main = directoryMain(join(base, 'package.json'));
  if (main !== undefined) {
    const mainBase = join(base, main);
    const mainWritten = posix.join(written, main);
    const found = asFile(mainBase, mainWritten, language) ?? asIndex(mainBase, mainWritten, language);
    if (found) return found;
  }
  return asIndex(base, written, language);
}

function asIndex(base: string, written: string, language: Language): [string, string] | undefined {
  return asFile(join(base, 'index'), posix.join(written, 'index'), language);
}

function directoryMain(manifest: string): string | undefined {
  if (!isFile(manifest)) return undefined;
  try {
    const main = (JSON.parse(readFileSync(manifest, 'utf8')) as { main?: unknown }).main;
    return typeof main === 'string' && main !== '' ? main : undefined;
  } catch {
    return undefined; // Node throws on such a directory; the import is left for the report.
  }
}

/** `./util` → `./util.js` (or `./util/index.js`, or the folder's `main`), checked under `fromDir`. */
function resolveRelative(fromDir: string, specifier: string, language: Language): Target {
  const base = resolve(fromDir, specifier);
  const tail = specifier.endsWith('/') ? specifier.slice(0, -1) : specifier;
  const found = (specifier.endsWith('/') ? undefined : asFile(base, tail, language)) ?? asDirectory(base, tail, language);
  if (!found) return { kind: 'missing', specifier };
  const [file, written] = found;
  const relative = written.startsWith('.') || written.startsWith('/') ? written : `./${written}`;
  return { kind: 'relative', specifier: relative, file, json: file.endsWith('.json') };
}

/** The package name of a bare specifier: `lodash/fp` → `lodash`, `@a/b/c` → `@a/b`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function readManifest(fromDir: string, root: string, name: string): PackageManifest | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (isFile(manifest)) {
      try {
        return JSON.parse(readFileSync(manifest, 'utf8')) as PackageManifest;
      } catch {
        return undefined;
      }
    }
    if (dir === root || dirname(dir) === dir) return undefined;
  }
}

const BUILTINS = new Set(builtinModules);

export const isRelative = (specifier: string): boolean =>
  specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';

/** A TypeScript source tsc compiles (not a declaration file). */
export const isTypeScriptSource = (path: string): boolean => /\.[cm]?tsx?$/.test(path) && !/\.d\.[cm]?tsx?$/.test(path) && !/\.d\.[^/]*\.ts$/.test(path);

export function resolveTarget(specifier: string, fromFile: string, root: string, language: Language = 'javascript'): Target {
  if (isRelative(specifier)) {
    return resolveRelative(dirname(fromFile), specifier, language);
  }
  if (specifier.startsWith('node:') || BUILTINS.has(specifier)) return { kind: 'builtin', specifier };
  const name = packageName(specifier);
  return { kind: 'package', specifier, name, manifest: readManifest(dirname(fromFile), root, name) };
}

/** True when a package may load a different file under `import` than under `require`. */
export function hasSeparateEsmEntry(manifest: PackageManifest | undefined): boolean {
  if (!manifest) return false;
  if (manifest.type === 'module') return true;
  return JSON.stringify(manifest.exports ?? null).includes('"import"');
}
