// The per-file loop of the jscodeshift engine, as jscodeshift 17's src/Worker.js runs it: shared by
// the in-process path and the worker threads, so both give the same bytes.

import type { FileOutcome, Leftover, SourceFile, TransformOutput } from '../core/codemod.js';
import { captureOutput } from './capture-output.js';
import { describeError, toLeftover } from './file-outcome.js';
import { loadJscodeshift, type JscodeshiftPackage, type ParserArg } from './jscodeshift-package.js';
import type { LoadedTransform } from './load-transform.js';
import type { JscodeshiftAPI } from './transform-api.js';

export const JSCODESHIFT_PARSERS = ['babel', 'babylon', 'flow', 'ts', 'tsx'] as const;
export type JscodeshiftParserName = (typeof JSCODESHIFT_PARSERS)[number];

export interface FilesJob {
  /** The codemod's name as written in the recipe (for reports). */
  readonly name: string;
  readonly parser: JscodeshiftParserName;
  /** Folder of the jscodeshift package that parses, builds the API and prints; absent: codemigrate's own. */
  readonly jscodeshift?: string;
  /** Recipe options, passed as the CLI's extra flags. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly files: readonly SourceFile[];
}

export interface FilesResult {
  readonly outcomes: FileOutcome[];
  readonly reports: Leftover[];
  readonly output: TransformOutput[];
}

export async function transformFiles(loaded: LoadedTransform, job: FilesJob, signal?: AbortSignal): Promise<FilesResult> {
  const options = cliOptions(loaded.path, job.parser, job.options);
  // That jscodeshift's own parser factory, so that names and parser config resolve as in its Worker.js.
  const jscodeshift = loadJscodeshift(job.jscodeshift);
  const parser = transformParser(loaded, jscodeshift) ?? jscodeshift.getParser(job.parser, options['parserConfig']);
  const outcomes: FileOutcome[] = [];
  const reports: Leftover[] = [];
  const output: TransformOutput[] = [];
  for (const file of job.files) {
    signal?.throwIfAborted();
    if (loaded.prefilter !== undefined && !loaded.prefilter(file.text)) {
      outcomes.push({ path: file.path, status: 'skipped' });
      continue;
    }
    const report: JscodeshiftAPI['report'] = (leftover) => void reports.push(toLeftover(file.path, leftover, job.name));
    // As Worker.js: a fresh jscodeshift per file; `stats` counts only in the CLI's --dry mode.
    // `file.path` is repo-relative, which is what transforms that test extensions or folders need.
    const j = jscodeshift.withParser(parser);
    const api = { j, jscodeshift: j, stats: () => {}, report };
    const { result, text } = await captureOutput(() => (loaded.transform as (...args: unknown[]) => unknown)({ path: file.path, source: file.text }, api, options));
    if (text !== '') output.push({ file: file.path, text });
    outcomes.push(result.status === 'fulfilled' ? classify(file.path, file.text, result.value) : { path: file.path, status: 'error', error: describeError(result.reason) });
  }
  return { outcomes, reports, output };
}

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

/** Worker.js: a truthy `parser` export wins; a string goes through getParser without parser config. */
function transformParser(loaded: LoadedTransform, jscodeshift: JscodeshiftPackage): ParserArg | undefined {
  if (!loaded.parser) return undefined;
  return typeof loaded.parser === 'string' ? jscodeshift.getParser(loaded.parser) : (loaded.parser as ParserArg);
}

/**
 * Worker.js: falsy → skipped, same text → unchanged, else written. The CLI writes what it gets:
 * a Buffer or byte array as its bytes (taken here as UTF-8 text, as files are); anything else
 * (a number, an object) it writes as garbage or throws on, so here it is the file's error, which
 * the step reports as a leftover.
 */
function classify(path: FileOutcome['path'], source: string, out: unknown): FileOutcome {
  if (!out) return { path, status: 'skipped' };
  const text = typeof out === 'string' ? out : out instanceof Uint8Array ? Buffer.from(out).toString('utf8') : undefined;
  if (text === undefined) return { path, status: 'error', error: `the transform returned ${describeValue(out)}, not the file's text (a string): nothing was written` };
  if (text === source) return { path, status: 'unchanged' };
  return { path, status: 'modified', text };
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `an object (${Object.prototype.toString.call(value).slice(8, -1)})` : `a ${typeof value}`;
}
