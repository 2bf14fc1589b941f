// Runs jscodeshift transforms, mirroring jscodeshift 17's src/Worker.js so that a community
// transform gives the same bytes here as with the CLI (see jscodeshift-engine.test.ts). With
// `workers`, the files are parsed in worker threads (worker-pool.ts); otherwise in this thread.

import { performance } from 'node:perf_hooks';
import type { CodemodEngine, CodemodRun, FileOutcome, Leftover, SourceFile } from '../core/codemod.js';
import { transformError } from '../core/errors.js';
import type { CodemodSpec } from '../core/recipe.js';
import { JSCODESHIFT_PARSERS, transformFiles, type FilesJob, type FilesResult, type JscodeshiftParserName } from './jscodeshift-files.js';
import { chooseJscodeshift } from './jscodeshift-package.js';
import { loadTransform, type TransformLoader } from './load-transform.js';
import { createWorkerPool, type WorkerPool } from './worker-pool.js';

export { JSCODESHIFT_PARSERS, type JscodeshiftParserName } from './jscodeshift-files.js';

/** jscodeshift's CLI default, kept so that recipes behave as the CLI; recipe authors should set one. */
export const DEFAULT_JSCODESHIFT_PARSER: JscodeshiftParserName = 'babel';

/** A batch smaller than this is not split between workers: the hand-off would cost more than it saves. */
const MIN_FILES_PER_BATCH = 8;
/** Fewer files than this run in this thread: starting workers (each loads babel) costs more. */
const MIN_FILES_FOR_WORKERS = 2 * MIN_FILES_PER_BATCH;

export interface JscodeshiftEngineOptions {
  readonly load?: TransformLoader;
  /** Worker threads that parse and transform; 0 (the default) runs everything in this thread. */
  readonly workers?: number;
}

export function createJscodeshiftEngine({ load = loadTransform, workers = 0 }: JscodeshiftEngineOptions = {}): CodemodEngine {
  let pool: WorkerPool | undefined;
  return {
    async run(spec, files, signal): Promise<CodemodRun> {
      const started = performance.now();
      const parser = recipeParser(spec);
      const loaded = await load(spec);
      const jscodeshift = chooseJscodeshift(spec, loaded.path);
      const job: FilesJob = { name: spec.name, parser, ...(jscodeshift.dir !== undefined && { jscodeshift: jscodeshift.dir }), options: spec.options, files };
      let result: FilesResult;
      if (workers > 0 && files.length >= MIN_FILES_FOR_WORKERS && cloneable(spec.options)) {
        pool ??= createWorkerPool(workers);
        result = await runInWorkers(pool, loaded.path, job, loaded.prefilter, signal);
      } else {
        result = await transformFiles(loaded, job, signal);
      }
      return { codemod: spec.name, jscodeshift: jscodeshift.used, files: result.outcomes, reports: result.reports, output: result.output, durationMs: performance.now() - started };
    },

    async check(spec): Promise<void> {
      recipeParser(spec);
      chooseJscodeshift(spec, (await load(spec)).path);
    },

    async close(): Promise<void> {
      await pool?.close();
      pool = undefined;
    },
  };
}

/**
 * The prefilter runs here, so files it rules out are never copied to a worker; the rest go in
 * contiguous batches, one per worker, and come back in their order.
 */
async function runInWorkers(
  pool: WorkerPool,
  transformPath: string,
  job: FilesJob,
  prefilter: ((text: string) => boolean) | undefined,
  signal: AbortSignal | undefined,
): Promise<FilesResult> {
  const wanted = job.files.filter((file) => prefilter === undefined || prefilter(file.text));
  const batches = split(wanted, Math.min(pool.size, Math.ceil(wanted.length / MIN_FILES_PER_BATCH)));
  const results = await Promise.all(batches.map((files) => pool.run(transformPath, { ...job, files }, signal)));
  const byPath = new Map<string, FileOutcome>(results.flatMap((result) => result.outcomes).map((outcome) => [outcome.path, outcome]));
  const outcomes = job.files.map((file): FileOutcome => byPath.get(file.path) ?? { path: file.path, status: 'skipped' });
  const reports: Leftover[] = results.flatMap((result) => result.reports);
  return { outcomes, reports, output: results.flatMap((result) => result.output) };
}

function split(files: readonly SourceFile[], parts: number): SourceFile[][] {
  if (parts <= 1) return files.length === 0 ? [] : [[...files]];
  const size = Math.ceil(files.length / parts);
  const batches: SourceFile[][] = [];
  for (let start = 0; start < files.length; start += size) batches.push(files.slice(start, start + size));
  return batches;
}

/** Recipe options are JSON; options built in code (tests) may hold functions, which stay in this thread. */
function cloneable(options: Readonly<Record<string, unknown>>): boolean {
  try {
    structuredClone(options);
    return true;
  } catch {
    return false;
  }
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

function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
