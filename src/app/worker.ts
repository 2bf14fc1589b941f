// `codemigrate worker --queue URL`: takes step jobs from the shared queue and runs each one as
// `resume RUN` runs a step, in a clone of the run's remote that this worker keeps, then pushes
// the step's ref so that an existing ref is never overwritten. The design is in src/core/queue.ts.

import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CodemodEngine } from '../core/codemod.js';
import { isCodemigrateError } from '../core/errors.js';
import type { ModelConfig, Recipe } from '../core/recipe.js';
import { budgetKey, type StepJob, type StepJobResult } from '../core/queue.js';
import { runRef } from '../core/trailers.js';
import { checkoutDetached, ensureClone, mirrorRemoteRefs, pushRef, readLocalRef } from '../git/index.js';
import { checkQueue, connectQueue, startStepWorker } from '../queue/step-queue.js';
import { claimLifetimeMs, SharedTokenBudget } from '../queue/shared-budget.js';
import type { TokenBudget } from '../core/budget.js';
import { openRunStore } from '../state/store.js';
import { configuredSecretNames } from '../config/index.js';
import { recipeReference } from './distribute.js';
import { stepEngine } from './inputs.js';
import type { AppEvent, AppOutput } from './output.js';
import { lockRepository } from './repo-lock.js';
import { openRepository, type OpenedRepository } from './repository.js';
import type { KeptWorktrees } from './execute.js';
import { resumeRun } from './resume.js';

export interface WorkerOptions {
  readonly queue: string;
  /** Jobs at a time; each has its own clone of the remote (a slot). */
  readonly concurrency: number;
  /** Where the clones are kept (default: ~/.cache/codemigrate/clones). */
  readonly cacheDir?: string;
  readonly unsafeVerify?: boolean;
  /** Stops taking jobs; the jobs in hand finish first. */
  readonly signal: AbortSignal;
}

/**
 * BullMQ's lock on a job; CODEMIGRATE_QUEUE_LOCK_MS shortens it (tests: a killed worker's job moves
 * sooner). CODEMIGRATE_QUEUE_STALLED_MS makes this worker look for the jobs of dead workers more
 * often than its own lock lasts (tests: a live worker keeps a long lock, which a busy machine's held
 * event loop does not lose, and still moves a killed worker's short-locked job at once).
 */
const DEFAULT_LOCK_MS = 30_000;

export async function runWorker(options: WorkerOptions, output: AppOutput): Promise<{ exitCode: number }> {
  await checkQueue(options.queue);
  const cacheDir = resolve(options.cacheDir ?? join(homedir(), '.cache', 'codemigrate', 'clones'));
  const busy = new Set<string>();
  const engines = new Map<string, { hash: string; engine: Promise<CodemodEngine> }>();
  const repositories: KeptRepositories = new Map();
  const worktrees: KeptRunWorktrees = new Map();
  const lockMs = Number(process.env.CODEMIGRATE_QUEUE_LOCK_MS) || DEFAULT_LOCK_MS;
  const stalledMs = Number(process.env.CODEMIGRATE_QUEUE_STALLED_MS) || lockMs;
  let failure: Error | undefined;
  const budgets = connectQueue(options.queue);
  budgets.on('error', (error: Error) => output.emit({ type: 'notice', message: `queue: ${error.message}` }));
  const sharedBudget = (job: StepJob) => (model: ModelConfig | undefined) =>
    model?.maxTokensPerRun === undefined ? undefined : new SharedTokenBudget(budgets, budgetKey(job.remote, job.runId), model.maxTokensPerRun, claimLifetimeMs(model));
  const worker = startStepWorker(
    options.queue,
    { concurrency: options.concurrency, lockMs, stalledMs },
    (job) => runStepJob(job, { cacheDir, busy, engines, repositories, worktrees, unsafeVerify: options.unsafeVerify === true, output, budgetFor: sharedBudget(job) }),
    (error) => output.emit({ type: 'notice', message: `queue: ${error.message}` }),
  );
  output.emit({ type: 'notice', message: `worker: taking steps from ${options.queue} (${options.concurrency} at a time; clones in ${cacheDir})` });
  await new Promise<void>((done) => {
    if (options.signal.aborted) done();
    options.signal.addEventListener('abort', () => done(), { once: true });
  });
  await worker.close().catch((error: unknown) => {
    failure = error instanceof Error ? error : new Error(String(error));
  });
  for (const { kept } of worktrees.values()) await kept.pool?.close().catch(() => undefined);
  for (const { engine } of engines.values()) await (await engine.catch(() => undefined))?.close();
  for (const { repository } of repositories.values()) await (await repository.catch(() => undefined))?.git.close();
  budgets.disconnect();
  if (failure) throw failure;
  return { exitCode: 130 };
}

interface JobContext {
  readonly cacheDir: string;
  readonly busy: Set<string>;
  /** Per clone, the engine of the recipe its last step ran: a run's next step there reuses it. */
  readonly engines: Map<string, { hash: string; engine: Promise<CodemodEngine> }>;
  /**
   * Per clone, the repository opened once (git's cat-file and update-ref streams, the identity):
   * each step was paying ~6 git processes to open it again. Absent: opened per job.
   */
  readonly repositories?: KeptRepositories;
  /**
   * Per clone, the scratch worktree pool of the run its last step ran: the run's next step there
   * resets a worktree (a checkout of what changed) instead of adding and removing one (a whole
   * checkout, ~4 git processes). Absent: made and removed per job.
   */
  readonly worktrees?: KeptRunWorktrees;
  readonly unsafeVerify: boolean;
  readonly output: AppOutput;
  /** The run's shared token budget given the config's limit (undefined: none, or kept in memory per job). */
  readonly budgetFor?: (model: ModelConfig | undefined) => TokenBudget | undefined;
}

export async function runStepJob(job: StepJob, ctx: JobContext): Promise<StepJobResult> {
  const name = `${job.runId}/${job.step}`;
  const slot = await takeSlot(job, ctx);
  try {
    const ref = runRef(job.prefix, job.runId, job.step);
    // The clone's base and step refs become the remote's: the remote is the truth, the clone a
    // cache. Only the refs this step reads: the other steps' commits are not fetched per step.
    await mirrorRemoteRefs(slot.dir, job.remote, [runRef(job.prefix, job.runId, 'base'), ref]);
    await checkoutDetached(slot.dir, job.baseCommit);
    // Kept only beside a kept repository: the pool resets its worktrees through the port that made them.
    const keptWorktrees = ctx.worktrees && ctx.repositories ? await slotWorktrees(ctx.worktrees, slot.dir, job) : undefined;
    const repository = ctx.repositories ? await slotRepository(ctx.repositories, slot.dir) : undefined;
    // Through the kept repository's cat-file stream when there is one: no git process per read.
    const readRef = () => (repository ? repository.git.readRef(ref) : readLocalRef(slot.dir, ref));
    const before = await readRef();
    const forward = (event: AppEvent) => {
      if (event.type === 'step-started' || event.type === 'step-finished' || event.type === 'notice') ctx.output.emit(event);
    };
    const resumed = await resumeRun(
      {
        repo: slot.dir,
        runId: job.runId,
        steps: [job.step],
        concurrency: 1,
        maxAttempts: job.maxAttempts,
        // The slot stays locked until the push is done: resumeRun's release is not the end of the job.
        lock: { release: async () => undefined },
        signal: new AbortController().signal,
        unsafeVerify: ctx.unsafeVerify,
        recipeAt: recipeReference(job.recipe, slot.dir),
        engineFor: (gitDir, recipe) => slotEngine(ctx.engines, slot.dir, gitDir, recipe),
        ...(repository ? { repository } : {}),
        ...(ctx.budgetFor ? { budgetFor: ctx.budgetFor } : {}),
        ...(keptWorktrees ? { keptWorktrees } : {}),
      },
      { emit: forward },
    );
    if (resumed.exitCode === 130) throw new Error(`${name}: interrupted`);
    const after = await readRef();
    let refResult: StepJobResult['ref'] = after === undefined ? 'none' : 'existed';
    if (after !== undefined && after !== before) {
      refResult = (await pushRef(slot.dir, job.remote, ref, after, before)) === 'pushed' ? 'pushed' : 'existed';
    }
    const state = await openRunStore(join(slot.dir, '.git'), job.runId).load();
    const step = state?.steps.find((entry) => entry.id === job.step);
    const result: StepJobResult = {
      step: job.step,
      ref: refResult,
      attempts: step?.attempts ?? 0,
      tokens: step?.tokens ?? { prompt: 0, completion: 0 },
      // An outcome the remote did not take (another worker pushed first) is not this step's.
      ...(step?.outcome !== undefined && refResult !== 'existed' ? { outcome: step.outcome } : {}),
    };
    ctx.output.emit({ type: 'notice', message: `${name}: ${step?.status ?? 'not run'}${refResult === 'pushed' ? ', pushed' : refResult === 'existed' ? ', already on the remote' : ''}` });
    return result;
  } finally {
    await slot.release();
  }
}

/** Per clone, the repository kept and the secret names (the config's apiKeyEnv) its git processes hide. */
export type KeptRepositories = Map<string, { readonly secrets: string; readonly repository: Promise<OpenedRepository> }>;

/**
 * The clone's kept repository, opened again when the config checked out now names another API key
 * variable: a port hides from git the names it was opened with, and runs of other base commits
 * share the clone (their key must not reach git's filters either).
 */
export async function slotRepository(repositories: KeptRepositories, dir: string): Promise<OpenedRepository> {
  const secrets = (await configuredSecretNames(dir)).join('\0');
  const kept = repositories.get(dir);
  if (kept?.secrets === secrets) return kept.repository;
  if (kept) await (await kept.repository.catch(() => undefined))?.git.close();
  const entry = { secrets, repository: openRepository(dir, { needHead: false }) };
  repositories.set(dir, entry);
  entry.repository.catch(() => repositories.get(dir) === entry && repositories.delete(dir));
  return entry.repository;
}

/** Per clone, the run (and base) whose scratch worktrees are kept, and the holder resume fills. */
export type KeptRunWorktrees = Map<string, { readonly run: string; readonly kept: KeptWorktrees }>;

/**
 * The clone's kept worktrees for the job's run; those of another run (or base) are removed first,
 * through the repository that made them, before the clone's repository may be opened again.
 */
async function slotWorktrees(worktrees: KeptRunWorktrees, dir: string, job: StepJob): Promise<KeptWorktrees> {
  const run = `${job.runId}\0${job.baseCommit}`;
  const current = worktrees.get(dir);
  if (current?.run === run) return current.kept;
  worktrees.delete(dir);
  await current?.kept.pool?.close();
  const kept: KeptWorktrees = {};
  worktrees.set(dir, { run, kept });
  return kept;
}

async function slotEngine(engines: JobContext['engines'], dir: string, gitDir: string, recipe: Recipe): Promise<CodemodEngine> {
  const kept = engines.get(dir);
  if (kept?.hash === recipe.hash) return kept.engine;
  if (kept) await (await kept.engine.catch(() => undefined))?.close();
  const engine = stepEngine(gitDir, recipe);
  engines.set(dir, { hash: recipe.hash, engine });
  return engine;
}

interface Slot {
  readonly dir: string;
  release(): Promise<void>;
}

/**
 * A clone of the job's remote that no other job uses now: slot 0, 1, … of this remote, each
 * taken with the repository lock, so that workers sharing a cache directory never share a clone.
 * The slot is free again when the job ends.
 */
async function takeSlot(job: StepJob, ctx: JobContext): Promise<Slot> {
  const remoteDir = join(ctx.cacheDir, createHash('sha256').update(job.remote).digest('hex').slice(0, 16));
  for (let index = 0; ; index += 1) {
    const dir = join(remoteDir, `slot-${index}`);
    if (ctx.busy.has(dir)) continue;
    ctx.busy.add(dir);
    try {
      await ensureClone(job.remote, dir);
      const lock = await lockRepository(join(dir, '.git'), { runId: job.runId, command: 'worker' });
      return {
        dir,
        release: async () => {
          await lock.release();
          ctx.busy.delete(dir);
        },
      };
    } catch (error) {
      ctx.busy.delete(dir);
      if (isCodemigrateError(error) && error.code === 'lock') continue;
      throw error;
    }
  }
}
