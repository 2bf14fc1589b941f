// Runs jscodeshift transforms in-process, mirroring jscodeshift 17's src/Worker.js so that a
// community transform gives the same bytes here as with the CLI (see jscodeshift-engine.test.ts).

import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import jscodeshift from 'jscodeshift';
import type { CodemodEngine, CodemodRun, FileOutcome, Leftover } from '../core/codemod.js';
import { transformError } from '../core/errors.js';
import type { CodemodSpec } from '../core/recipe.js';
import { describeError, toLeftover } from './file-outcome.js';
import { loadTransform, type LoadedTransform, type TransformLoader } from './load-transform.js';

export const JSCODESHIFT_PARSERS = ['babel', 'babylon', 'flow', 'ts', 'tsx'] as const;
export type JscodeshiftParserName = (typeof JSCODESHIFT_PARSERS)[number];

/** jscodeshift's CLI default, kept so that recipes behave as the CLI; recipe authors should set one. */
export const DEFAULT_JSCODESHIFT_PARSER: JscodeshiftParserName = 'babel';

type Parser = jscodeshift.Parser;
type GetParser = (name?: string, options?: unknown) => Parser;

// jscodeshift's own parser factory, so that names and parser config resolve exactly as in Worker.js.
const getParser = createRequire(import.meta.url)('jscodeshift/src/getParser.js') as GetParser;

/**
 * What the jscodeshift 17 CLI passes as `options` for `jscodeshift -t <transform> --run-in-band
 * --parser=<p> --<key>=<value>… <files>`: its defaults, in its key order (a transform that prints
 * its options prints the same bytes), then the recipe's options as the CLI's extra flags.
 * `dry` is false: the edits are applied, by the runner rather than by the transform.
 */
function cliOptions(transform: string, parser: JscodeshiftParserName, extra: Readonly<Record<string, unknown>>) {
  const options: Record<string, unknown> = {
    transform,
    verbose: 0,
    dry: false,
    print: false,
    babel: true,
    extensions: 'cjs,es,es6,js,jsx,mjs,ts,tsx',
    ignorePattern: [],
    ignoreConfig: [],
    gitignore: false,
    runInBand: true,
    silent: false,
    parser,
    failOnError: false,
    stdin: false,
    ...extra,
  };
  options['parser'] = parser;
  return options;
}

export interface JscodeshiftEngineOptions {
  readonly load?: TransformLoader;
}

export function createJscodeshiftEngine({ load = loadTransform }: JscodeshiftEngineOptions = {}): CodemodEngine {
  return {
    async run(spec, files, signal): Promise<CodemodRun> {
      const started = performance.now();
      const parserName = recipeParser(spec);
      const loaded = await load(spec);
      const options = cliOptions(loaded.path, parserName, spec.options);
      const parser = transformParser(loaded) ?? getParser(parserName, options['parserConfig']);
      const outcomes: FileOutcome[] = [];
      const reports: Leftover[] = [];
      for (const file of files) {
        signal?.throwIfAborted();
        if (loaded.prefilter !== undefined && !loaded.prefilter(file.text)) {
          outcomes.push({ path: file.path, status: 'skipped' });
          continue;
        }
        const report = (message: unknown) => reports.push(toLeftover(file.path, message, spec.name));
        try {
          // As Worker.js: a fresh jscodeshift per file; `stats` counts only in the CLI's --dry mode.
          // `file.path` is repo-relative, which is what transforms that test extensions or folders need.
          const j = jscodeshift.withParser(parser);
          const api = { j, jscodeshift: j, stats: () => {}, report };
          const out = await (loaded.transform as (...args: unknown[]) => unknown)(
            { path: file.path, source: file.text },
            api,
            options,
          );
          outcomes.push(classify(file.path, file.text, out));
        } catch (error) {
          outcomes.push({ path: file.path, status: 'error', error: describeError(error) });
        }
      }
      return { codemod: spec.name, files: outcomes, reports, durationMs: performance.now() - started };
    },

    async check(spec): Promise<void> {
      recipeParser(spec);
      await load(spec);
    },

    async close(): Promise<void> {},
  };
}

/** The CLI refuses an unknown --parser; a recipe gets the same refusal, with the codemod's name. */
function recipeParser(spec: CodemodSpec): JscodeshiftParserName {
  const name = spec.parser ?? stringOption(spec.options['parser']) ?? DEFAULT_JSCODESHIFT_PARSER;
  if (!(JSCODESHIFT_PARSERS as readonly string[]).includes(name)) {
    throw transformError(
      `${spec.name}: unknown jscodeshift parser "${name}" (expected one of ${JSCODESHIFT_PARSERS.join(', ')})`,
    );
  }
  return name as JscodeshiftParserName;
}

/** Worker.js: a truthy `parser` export wins; a string goes through getParser without parser config. */
function transformParser(loaded: LoadedTransform): Parser | undefined {
  if (!loaded.parser) return undefined;
  return typeof loaded.parser === 'string' ? getParser(loaded.parser) : (loaded.parser as Parser);
}

function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Worker.js: falsy → skipped, same text → unchanged, else modified. A non-string result is not text: skipped. */
function classify(path: FileOutcome['path'], source: string, out: unknown): FileOutcome {
  if (typeof out !== 'string' || out === '') return { path, status: 'skipped' };
  if (out === source) return { path, status: 'unchanged' };
  return { path, status: 'modified', text: out };
}
