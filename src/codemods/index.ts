// The codemod engines behind one CodemodEngine: dispatches on the recipe's `engine`.

import { availableParallelism } from 'node:os';
import type { CodemodEngine } from '../core/codemod.js';
import type { Engine } from '../core/recipe.js';
import { createJscodeshiftEngine } from './jscodeshift-engine.js';
import { loadTransform, type TransformLoader } from './load-transform.js';
import { createTsMorphEngine } from './ts-morph-engine.js';

export { loadTransform, createTransformLoader, resolveTransformPath, TRANSFORM_EXTENSIONS } from './load-transform.js';
export type { LoadedTransform, TransformFunction, TransformLoader } from './load-transform.js';
export { toPrefilter } from './prefilter.js';
export type { Prefilter, PrefilterSpec } from './prefilter.js';
export { createJscodeshiftEngine, JSCODESHIFT_PARSERS, DEFAULT_JSCODESHIFT_PARSER } from './jscodeshift-engine.js';
export type { JscodeshiftParserName } from './jscodeshift-engine.js';
export { createTsMorphEngine } from './ts-morph-engine.js';
export type { TsMorphContext, TsMorphTransform, ReportTarget } from './ts-morph-engine.js';

export interface CodemodEngineOptions {
  /** Defaults to the process-wide loader, whose cache every engine shares. */
  readonly load?: TransformLoader;
  /** Worker threads for jscodeshift transforms; defaults to defaultCodemodWorkers(). */
  readonly workers?: number;
}

/**
 * One jscodeshift worker per core (at most 4) when there are 2 or more cores and this is the
 * built program; 0 (in this thread) from the TypeScript sources, i.e. in tests.
 * CODEMIGRATE_CODEMOD_WORKERS=<n> overrides it (the benchmark compares 0, 1 and 2).
 */
export function defaultCodemodWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const forced = env['CODEMIGRATE_CODEMOD_WORKERS'];
  if (forced !== undefined && /^\d{1,2}$/.test(forced)) return Number(forced);
  if (import.meta.url.endsWith('.ts')) return 0;
  const cores = availableParallelism();
  return cores >= 2 ? Math.min(cores, 4) : 0;
}

export function createCodemodEngine({ load = loadTransform, workers = defaultCodemodWorkers() }: CodemodEngineOptions = {}): CodemodEngine {
  const engines: Record<Engine, CodemodEngine> = {
    jscodeshift: createJscodeshiftEngine({ load, workers }),
    'ts-morph': createTsMorphEngine({ load }),
  };
  return {
    run: (spec, files, signal) => engines[spec.engine].run(spec, files, signal),
    check: (spec) => engines[spec.engine].check(spec),
    async close() {
      await Promise.all(Object.values(engines).map((engine) => engine.close()));
    },
  };
}
