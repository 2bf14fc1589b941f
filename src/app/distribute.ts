// The coordinator of a distributed run (`run --queue URL --remote GIT_URL`), the part after setup:
// pushes the base to the shared remote, enqueues one job per step and, as each job ends, fetches
// the step's ref into the user's repository and records it through the run's store as a local run
// would (step-started, step-finished, then the refs' truth: reconcile); steps that finished while
// the previous ones were recorded are fetched and reconciled together. The design is in
// src/core/queue.ts.

import { join, relative, isAbsolute, basename, dirname } from 'node:path';
import { repoError } from '../core/errors.js';
import type { GitPort } from '../core/git.js';
import type { StepId } from '../core/plan.js';
import { budgetKey, type RecipeLocation, type StepJob } from '../core/queue.js';
import type { Recipe } from '../core/recipe.js';
import type { RunState, StepOutcome } from '../core/state.js';
import { runRef } from '../core/trailers.js';
import { checkRemote, fetchRef, listRemoteRefs, pushRef } from '../git/index.js';
import { runJobs, checkQueue, type JobEvent } from '../queue/step-queue.js';
import { clearSharedBudget } from '../queue/shared-budget.js';
import { finishedEvent } from '../runner/run-steps.js';
import { resetStepsInFlight, type ExecuteInput } from './execute.js';
import { BUILTIN_RECIPES } from './inputs.js';
import { reconcileEvents } from './reconcile.js';
import { countStatuses, runExitCode } from './summary.js';

export interface QueueTarget {
  /** redis://HOST:PORT */
  readonly queue: string;
  /** The git remote every worker can fetch from and push to. */
  readonly remote: string;
}

/**
 * Everything checked before a distributed run writes anything: Redis answers, the remote answers
 * and holds no ref of this run yet, the recipe's steps can run apart (isolation "independent").
 */
export async function checkDistributed(target: QueueTarget, input: { git: GitPort; recipe: Recipe; prefix: string; runId: string }): Promise<void> {
  await checkQueue(target.queue);
  await checkRemote(target.remote, input.git.root);
  if (input.recipe.isolation !== 'independent') {
    throw repoError(`${input.recipe.file}: isolation "${input.recipe.isolation}" chains steps one after another; --queue runs only "independent" recipes so far`);
  }
  const existing = await listRemoteRefs(input.git.root, target.remote, runRef(input.prefix, input.runId, ''));
  if (existing.size > 0) throw repoError(`--remote ${target.remote}: run ${input.runId} exists there already (${[...existing.keys()][0]}); choose another --run-id`);
}

/** What a local run's execute takes, less what the workers do themselves (engine, model, sandbox, concurrency). */
export interface DistributeInput extends Pick<ExecuteInput, 'git' | 'store' | 'recipe' | 'state' | 'stepIds' | 'maxAttempts' | 'signal' | 'output' | 'now'> {
  readonly target: QueueTarget;
}

export async function distributeSteps(input: DistributeInput): Promise<{ state: RunState; exitCode: number }> {
  const { git, store, output, target, state } = input;
  const { runId, prefix } = state;
  const baseCommit = state.baseCommit;
  if (baseCommit === undefined) throw new Error('distributeSteps: setup has not finished');
  const baseRef = runRef(prefix, runId, 'base');
  if ((await pushRef(git.root, target.remote, baseRef, baseCommit, undefined)) === 'rejected') {
    const there = (await listRemoteRefs(git.root, target.remote, baseRef)).get(baseRef);
    if (there !== baseCommit) throw repoError(`--remote ${target.remote}: ${baseRef} exists there with another commit; choose another --run-id`);
  }
  // checkDistributed made sure the run is new on this remote: whatever the key holds is stale.
  await clearSharedBudget(target.queue, budgetKey(target.remote, runId));
  const recipe = recipeLocation(input.recipe, git.root);
  const jobs: StepJob[] = input.stepIds.map((step) => ({ version: 1, remote: target.remote, runId, prefix, step, baseCommit, recipe, maxAttempts: input.maxAttempts }));
  let latest = state;
  const at = input.now;

  // A step is "running" from the moment a worker takes it; a job that ended before this
  // coordinator heard it start is started here, so that its finish is accepted.
  const ensureStarted = async (step: StepId): Promise<number> => {
    const current = latest.steps.find((entry) => entry.id === step)!;
    if (current.status === 'running') return current.attempts;
    const attempt = current.attempts + 1;
    latest = await store.append({ type: 'step-started', at: at(), step, attempt });
    output.emit({ type: 'step-started', step, attempt, module: current.module });
    return attempt;
  };
  // A finished step's outcome as the worker recorded it (undefined: none came back).
  const finish = async (step: StepId, outcome: StepOutcome | undefined, tokens = { prompt: 0, completion: 0 }) => {
    const attempt = await ensureStarted(step);
    if (outcome !== undefined) latest = await store.append({ type: 'step-finished', at: at(), step, attempt, outcome, tokens });
  };
  // The refs on the remote are the truth, whichever worker wrote them: fold in the finished steps'
  // only (the other steps in flight have no ref yet, which reconcile would read as interrupted).
  const reconcileFinished = async (steps: ReadonlySet<StepId>) => {
    for (const event of await reconcileEvents(git, latest, at())) {
      if ('step' in event && steps.has(event.step)) latest = await store.append(event);
    }
    for (const step of steps) {
      const finished = latest.steps.find((entry) => entry.id === step)!;
      if (finished.outcome !== undefined) output.emit(finishedEvent({ prefix, runId }, finished, finished.attempts, finished.outcome));
    }
  };

  // The jobs' events since the last batch, in arrival order; the refs of the steps they finished
  // come in one fetch and are reconciled at once (a fetch and a ref listing a batch, not a step).
  const onEvents = async (events: readonly JobEvent[]) => {
    const pushed = events.flatMap((event) => (event.type === 'completed' && event.result.ref !== 'none' ? [runRef(prefix, runId, event.step)] : []));
    if (pushed.length > 0) await fetchRef(git.root, target.remote, pushed);
    const finished = new Set<StepId>();
    for (const event of events) {
      if (event.type === 'active') {
        await ensureStarted(event.step);
      } else if (event.type === 'failed') {
        const reason = `worker: ${event.reason.split('\n')[0]}`;
        await finish(event.step, { status: 'failed', reason, codemods: [], reports: [], stats: [], verify: [], durationMs: 0 });
        finished.add(event.step);
      } else {
        await finish(event.step, event.result.outcome, event.result.tokens);
        finished.add(event.step);
      }
    }
    if (finished.size > 0) await reconcileFinished(finished);
  };

  try {
    await runJobs(target.queue, jobs, onEvents, input.signal);
  } catch (error) {
    if (!input.signal.aborted) throw error;
  }
  const interrupted = input.signal.aborted;
  if (interrupted) latest = await resetStepsInFlight(store, latest, at());
  const exitCode = runExitCode(latest, interrupted);
  output.emit({
    type: 'run-finished',
    runId,
    exitCode,
    counts: countStatuses(latest),
    branchGlob: `${prefix}/${runId}/*`,
    dryRun: false,
    ...(interrupted ? { interrupted: true as const } : {}),
  });
  return { state: latest, exitCode };
}

/** Where a worker on another machine finds this recipe. */
export function recipeLocation(recipe: Recipe, repoRoot: string): RecipeLocation {
  if (dirname(recipe.file) === BUILTIN_RECIPES && basename(recipe.file) === `${recipe.id}.json`) return { kind: 'builtin', id: recipe.id };
  const inside = relative(repoRoot, recipe.file);
  if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) return { kind: 'repo', path: inside.split('\\').join('/') };
  return { kind: 'file', path: recipe.file };
}

/** The recipe reference a worker resolves in its clone (`repo` paths are inside the clone). */
export function recipeReference(location: RecipeLocation, cloneRoot: string): string {
  switch (location.kind) {
    case 'builtin':
      return location.id;
    case 'repo':
      return join(cloneRoot, location.path);
    case 'file':
      return location.path;
  }
}
