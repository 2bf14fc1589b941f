// The codemod engines behind one CodemodEngine: dispatches on the recipe's `engine`.

import type { CodemodEngine } from '../core/codemod.js';
import type { Engine } from '../core/recipe.js';
import { createJscodeshiftEngine } from './jscodeshift-engine.js';
import { loadTransform, type TransformLoader } from './load-transform.js';
import { createTsMorphEngine } from './ts-morph-engine.js';

export { loadTransform, createTransformLoader, resolveTransformPath, TRANSFORM_EXTENSIONS } from './load-transform.js';
export type { LoadedTransform, TransformFunction, TransformLoader } from './load-transform.js';
export { createJscodeshiftEngine, JSCODESHIFT_PARSERS, DEFAULT_JSCODESHIFT_PARSER } from './jscodeshift-engine.js';
export type { JscodeshiftParserName } from './jscodeshift-engine.js';
export { createTsMorphEngine } from './ts-morph-engine.js';
export type { TsMorphContext, TsMorphTransform, ReportTarget } from './ts-morph-engine.js';

export interface CodemodEngineOptions {
  /** Defaults to the process-wide loader, whose cache every engine shares. */
  readonly load?: TransformLoader;
}

export function createCodemodEngine({ load = loadTransform }: CodemodEngineOptions = {}): CodemodEngine {
  const engines: Record<Engine, CodemodEngine> = {
    jscodeshift: createJscodeshiftEngine({ load }),
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
