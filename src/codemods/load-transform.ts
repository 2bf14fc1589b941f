// Loads a codemod's transform module (TypeScript, ESM or CommonJS) through jiti, once per resolved
// path. A transform that cannot be loaded is a CodemigrateError('transform'), never "0 files, ok".

import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Jiti } from 'jiti';
import { transformError } from '../core/errors.js';
import type { CodemodSpec } from '../core/recipe.js';
import { toPrefilter, type Prefilter } from './prefilter.js';
import { cachedTransform, transpileCacheDir } from './transpile-cache.js';

export const TRANSFORM_EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts', '.tsx', '.mts', '.cts'] as const;

export type TransformFunction = (...args: never[]) => unknown;

export interface LoadedTransform {
  /** Absolute path of the module file. */
  readonly path: string;
  readonly transform: TransformFunction;
  /** The module's own `parser` export, if any: a jscodeshift parser name or parser object. */
  readonly parser?: unknown;
  /** From the module's `prefilter` export: files it rejects are skipped without parsing. */
  readonly prefilter?: Prefilter;
}

export type TransformLoader = (spec: CodemodSpec) => Promise<LoadedTransform>;

/** A loader with its own cache; failures are not cached, so a fixed file loads on the next try. */
export function createTransformLoader(): TransformLoader {
  const cache = new Map<string, Promise<LoadedTransform>>();
  return async (spec) => {
    const path = resolveTransformPath(spec);
    let pending = cache.get(path);
    if (pending === undefined) {
      pending = importTransform(path);
      cache.set(path, pending);
      pending.catch(() => cache.delete(path));
    }
    try {
      return await pending;
    } catch (error) {
      throw transformError(`${spec.name}: cannot load transform: ${reasonOf(error)}`, error);
    }
  };
}

/** The process-wide loader: Node's module cache is process-wide too. */
export const loadTransform: TransformLoader = createTransformLoader();

/**
 * `spec.resolved` is an absolute file path, or a package specifier ("some-codemods/transforms/x.js")
 * that did not resolve from the recipe's folder when the recipe was loaded (loadRecipeFile resolves
 * those): it may still be one of codemigrate's own dependencies. Never the working directory: a
 * recipe means the same codemods wherever the command starts.
 */
export function resolveTransformPath(spec: CodemodSpec): string {
  const id = spec.resolved;
  if (isAbsolute(id)) return id;
  const known = resolvedIds.get(id);
  if (known !== undefined) return known;
  const path = resolvePackageFrom(id, dirname(fileURLToPath(import.meta.url)));
  if (path === undefined) {
    throw transformError(`${spec.name}: cannot load transform: cannot resolve package "${id}" from the recipe's folder (install it there or in a parent folder's node_modules)`);
  }
  resolvedIds.set(id, path);
  return path;
}

const resolvedIds = new Map<string, string>();

/** The file Node finds for a package specifier from `dir` (its node_modules, then its parents'), or undefined. */
export function resolvePackageFrom(id: string, dir: string): string | undefined {
  const base = join(dir, 'noop.js');
  try {
    return createRequire(base).resolve(id);
  } catch {
    // an ESM-only package has no "require" condition: try import resolution below
  }
  const url = getJiti().esmResolve(id, { parentURL: pathToFileURL(base).href, try: true });
  return typeof url === 'string' ? (url.startsWith('file:') ? fileURLToPath(url) : url) : undefined;
}

class LoadFailure extends Error {}

async function importTransform(path: string): Promise<LoadedTransform> {
  if (!(TRANSFORM_EXTENSIONS as readonly string[]).includes(extname(path))) {
    throw new LoadFailure(`unsupported file type "${extname(path)}" (expected ${TRANSFORM_EXTENSIONS.join(' ')}): ${path}`);
  }
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile()) throw new LoadFailure(`file not found: ${path}`);

  const jiti = getJiti();
  let mod: unknown = await jiti.import(path);
  if (pickFunction(mod) === undefined && extname(path) === '.js') {
    // A CommonJS .js inside a "type": "module" package imports natively as an empty ES namespace.
    // The jscodeshift CLI loads it through babel-register's require, so it works there: do the same
    // with jiti's require, which transpiles to CommonJS whatever the package type says.
    mod = jiti(path);
  }
  const transform = pickFunction(mod);
  if (transform === undefined) {
    throw new LoadFailure(`${path} exports no function (expected module.exports or a default export)`);
  }
  const parser = prop(mod, 'parser') ?? prop(prop(mod, 'default'), 'parser');
  const { prefilter, problem } = toPrefilter(prop(mod, 'prefilter') ?? prop(prop(mod, 'default'), 'prefilter'));
  if (problem !== undefined) throw new LoadFailure(`${path}: ${problem}`);
  return {
    path,
    transform,
    ...(parser === undefined ? {} : { parser }),
    ...(prefilter === undefined ? {} : { prefilter }),
  };
}

/** As jscodeshift's Worker: `.default` if it is a function, else the module; `.default.default` for CJS compiled from ESM. */
function pickFunction(mod: unknown): TransformFunction | undefined {
  const candidates = [prop(mod, 'default'), prop(prop(mod, 'default'), 'default'), mod];
  return candidates.find((value): value is TransformFunction => typeof value === 'function');
}

function prop(value: unknown, key: string): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  return (value as Record<string, unknown>)[key];
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Node appends the require stack of our own loader, which says nothing about the transform.
  const [head = ''] = message.split('\nRequire stack:');
  return head
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join(' ');
}

let sharedJiti: Jiti | undefined;

/**
 * jiti on first use, and through require (its CommonJS build; the ESM entry wraps the same code):
 * `status` and `review` plan without loading a transform, and skip it (~0.15 CPU-s a process).
 */
function requireJiti(): typeof import('jiti') {
  return createRequire(import.meta.url)('jiti') as typeof import('jiti');
}

function getJiti(): Jiti {
  // interopDefault off: the raw namespace lets pickFunction mirror jscodeshift's own rules.
  // jiti's fsCache off: it would write cache files into the user's node_modules (or a /tmp/jiti
  // shared by all users); transpiled code is cached by transpile-cache.ts instead, which says why.
  // A ts-morph transform that imports 'ts-morph' gets our copy: the one that built its Project
  // (and it need not be installed beside the transform), through Node's require as the engine
  // loads it: when the transform asks first (the engine loads it on its first run), jiti's own
  // loading of it would cost ~0.3-0.6 CPU-s more.
  if (sharedJiti !== undefined) return sharedJiti;
  const cacheDir = transpileCacheDir();
  sharedJiti = requireJiti().createJiti(import.meta.url, {
    interopDefault: false,
    fsCache: false,
    ...(cacheDir !== undefined && { transform: cachedTransform(cacheDir) }),
    alias: { 'ts-morph': createRequire(import.meta.url).resolve('ts-morph') },
    nativeModules: ['ts-morph'],
  });
  return sharedJiti;
}
