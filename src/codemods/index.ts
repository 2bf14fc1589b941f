// The codemod engines behind one CodemodEngine: dispatches on the recipe's `engine`. Each engine
// module (and so jscodeshift with babel, or ts-morph with TypeScript) is imported on first use:
// commands that run no codemod (status, review) start ~0.5 s sooner (bench/README.md).

import { availableParallelism } from 'node:os';
import type { CodemodEngine } from '../core/codemod.js';
import type { Engine } from '../core/recipe.js';
import { loadTransform, type TransformLoader } from './load-transform.js';

export { isResultCacheOff, withResultCache } from './result-cache.js';
export { loadTransform, createTransformLoader, resolveTransformPath, TRANSFORM_EXTENSIONS } from './load-transform.js';
export type { LoadedTransform, TransformFunction, TransformLoader } from './load-transform.js';
export { toPrefilter } from './prefilter.js';
export type { Prefilter, PrefilterSpec } from './prefilter.js';
export type { JscodeshiftParserName } from './jscodeshift-files.js';
export type { JscodeshiftAPI, JscodeshiftTransform, ReportTarget, TransformReport, TsMorphContext, TsMorphTransform } from './transform-api.js';

export interface CodemodEngineOptions {
  /** Defaults to the process-wide loader, whose cache every engine shares. */
  readonly load?: TransformLoader;
  /** Worker threads for jscodeshift transforms; defaults to defaultCodemodWorkers(). */
  readonly workers?: number;
}

/**
 * One jscodeshift worker per core (at most 4) when there are 2 or more cores and this is the
 * built program; 0 (in this thread) from the TypeScript sources, i.e. in tests.
 * CODEMIGRATE_CODEMOD_WORKERS=<n> overrides it (the benchmark compares 0 and the default).
 */
export function defaultCodemodWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const forced = env['CODEMIGRATE_CODEMOD_WORKERS'];
  if (forced !== undefined && /^\d{1,2}$/.test(forced)) return Number(forced);
  if (import.meta.url.endsWith('.ts')) return 0;
  const cores = availableParallelism();
  return cores >= 2 ? Math.min(cores, 4) : 0;
}

export function createCodemodEngine({ load = loadTransform, workers = defaultCodemodWorkers() }: CodemodEngineOptions = {}): CodemodEngine {
  const open: Record<Engine, () => Promise<CodemodEngine>> = {
    jscodeshift: async () => (await import('./jscodeshift-engine.js')).createJscodeshiftEngine({ load, workers }),
    'ts-morph': async () => (await import('./ts-morph-engine.js')).createTsMorphEngine({ load }),
  };
  const engines = new Map<Engine, Promise<CodemodEngine>>();
  const engine = (name: Engine): Promise<CodemodEngine> => {
    let pending = engines.get(name);
    if (pending === undefined) {
      pending = open[name]();
      engines.set(name, pending);
      pending.catch(() => engines.delete(name));
    }
    return pending;
  };
  return {
    run: async (spec, files, signal) => (await engine(spec.engine)).run(spec, files, signal),
    check: async (spec) => (await engine(spec.engine)).check(spec),
    async close() {
      const opened = [...engines.values()];
      engines.clear();
      await Promise.all(opened.map(async (pending) => (await pending.catch(() => undefined))?.close()));
    },
  };
}
