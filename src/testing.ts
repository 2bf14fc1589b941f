// `codemigrate/testing`: fixture tests for a recipe's transforms, in the author's own Vitest (a
// peer dependency of this entry only; the command line never loads it). See README "Writing a recipe".

import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createCodemodEngine, createTransformLoader } from './codemods/index.js';
import type { JscodeshiftParser } from './codemods/transform-api.js';
import { readTransformFixtures } from './testing/fixtures.js';
import { checkFixture } from './testing/run-fixture.js';

export interface TransformTestOptions {
  /** The transform module: a file URL (`new URL('./transform.ts', import.meta.url)`) or a path (absolute, or from the working directory). */
  readonly transform: string | URL;
  /** The folder of `X.input.<ext>` / `X.output.<ext>` pairs (optional `X.options.json`, `X.reports.json`). */
  readonly fixtures: string | URL;
  /** As the recipe step's `engine`. */
  readonly engine: 'jscodeshift' | 'ts-morph';
  /** As the recipe step's `parser` (jscodeshift only); the transform's own `parser` export wins, as in a run. */
  readonly parser?: JscodeshiftParser;
  /** As the recipe step's `options`; a fixture's `X.options.json` is merged over them. */
  readonly options?: Readonly<Record<string, unknown>>;
  /** The describe block's title; default: the transform's path from the working directory. */
  readonly title?: string;
  /**
   * Each fixture test's timeout in milliseconds; default 60000. The first test of a file loads the
   * engine (jscodeshift and its parsers, or ts-morph and TypeScript): 3-5 s on a busy 2-core machine,
   * past Vitest's default of 5 s when the project's other test files run beside it.
   */
  readonly timeout?: number;
}

/**
 * Registers one test per fixture pair: the transform, run by codemigrate's own engine as in a run,
 * turns `X.input` into `X.output` with the reports of `X.reports.json` (none when it is absent),
 * and leaves `X.output` unchanged when run on it again (a migration may run twice over a file).
 * Call it at the top level of a test file.
 */
export function defineTransformTest(options: TransformTestOptions): void {
  const transform = toPath(options.transform);
  const fixtures = readTransformFixtures(toPath(options.fixtures));
  // No worker threads: one file at a time gains nothing from them. Its own loader: a fresh cache.
  const engine = createCodemodEngine({ workers: 0, load: createTransformLoader() });
  const spec = {
    path: transform,
    engine: options.engine,
    ...(options.parser !== undefined && { parser: options.parser }),
    ...(options.options !== undefined && { options: options.options }),
  };
  describe(options.title ?? relative(process.cwd(), transform), () => {
    afterAll(() => engine.close());
    for (const fixture of fixtures) {
      it(
        fixture.name,
        async () => {
          for (const mismatch of await checkFixture(engine, spec, fixture)) expect(mismatch.actual, mismatch.what).toEqual(mismatch.expected);
        },
        options.timeout ?? DEFAULT_TIMEOUT_MS,
      );
    }
  });
}

const DEFAULT_TIMEOUT_MS = 60_000;

function toPath(value: string | URL): string {
  if (value instanceof URL || value.startsWith('file:')) return fileURLToPath(value);
  return isAbsolute(value) ? value : resolve(value);
}
