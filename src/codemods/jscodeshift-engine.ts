// Runs jscodeshift transforms, mirroring jscodeshift 17's src/Worker.js so that a community
// transform gives the same bytes here as with the CLI (see jscodeshift-engine.test.ts). With
// `workers`, the files are parsed in worker threads (worker-pool.ts); otherwise in this thread.
// One pool serves every step that the engine runs: once the engine has been given enough files in
// all, a step of a few files goes to it too (issue 16.4: a repository of small modules otherwise
// parsed on one core); only the first of a run's small steps, and a run that is one tiny step,
// stay in this thread, where starting workers would cost more than it saves.

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
/**
 * Until the engine has been given this many files to parse (in all its runs, the prefilter's
 * rejects not counted), a run of fewer runs in this thread: starting workers (each loads babel
 * and the transform) costs more than parsing that little. From then on every run uses the pool.
 */
const MIN_FILES_FOR_WORKERS = 2 * MIN_FILES_PER_BATCH;

export interface JscodeshiftEngineOptions {
  readonly load?: TransformLoader;
  /** Worker threads that parse and transform; 0 (the default) runs everything in this thread. */
  readonly workers?: number;
}

export function createJscodeshiftEngine({ load = loadTransform, workers = 0 }: JscodeshiftEngineOptions = {}): CodemodEngine {
  let pool: WorkerPool | undefined;
  /** Files given to parse so far, in this thread or the pool. */
  let given = 0;
  return {
    async run(spec, files, signal): Promise<CodemodRun> {
      const started = performance.now();
      const parser = recipeParser(spec);
      const loaded = await load(spec);
      const jscodeshift = chooseJscodeshift(spec, loaded.path);
      const job: FilesJob = { name: spec.name, parser, ...(jscodeshift.dir !== undefined && { jscodeshift: jscodeshift.dir }), options: spec.options, files };
      // The prefilter runs here, so files it rules out are never counted nor copied to a worker.
      const { prefilter } = loaded;
      const wanted = prefilter === undefined ? files : files.filter((file) => prefilter(file.text));
      given += wanted.length;
      let result: FilesResult;
      if (workers > 0 && given >= MIN_FILES_FOR_WORKERS && cloneable(spec.options)) {
        pool ??= createWorkerPool(workers);
        result = await runInWorkers(pool, loaded.path, job, wanted, signal);
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
 * The files the prefilter let through go in contiguous batches, one per worker (a step of fewer
 * than 2 × MIN_FILES_PER_BATCH files is one batch), and come back in their order; the others are
 * 'skipped', as in this thread.
 */
async function runInWorkers(pool: WorkerPool, transformPath: string, job: FilesJob, wanted: readonly SourceFile[], signal: AbortSignal | undefined): Promise<FilesResult> {
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
