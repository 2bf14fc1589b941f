// Schedules the steps of a run. "independent": every step from the base commit, N at a time
// (p-queue). "stacked": one after another, each on the previous step's commit; a step whose
// predecessor did not succeed is skipped (resumable). An abort stops new steps and lets the
// running ones end at their next check; their state stays "running" and resume resets them.

import PQueue from 'p-queue';
import type { StepId } from '../core/plan.js';
import { SUCCESS_STATUSES, type RunState, type StepOutcome, type StepState, type TokenUsage } from '../core/state.js';
import { runRef } from '../core/trailers.js';
import type { RunnerContext } from './context.js';
import { finishByHand, keepAttempt, runStep } from './run-step.js';
import { readStepBranch } from './step-branch.js';

export async function runSteps(ctx: RunnerContext, state: RunState, stepIds: readonly StepId[]): Promise<RunState> {
  const baseCommit = state.baseCommit;
  if (baseCommit === undefined) throw new Error('runSteps: setup has not finished');
  const wanted = new Set(stepIds);
  const todo = state.steps.filter((step) => wanted.has(step.id));
  let latest = state;

  const execute = async (step: StepState, parent: string): Promise<StepOutcome> => {
    let attempt = step.attempts + 1;
    latest = await ctx.record({ type: 'step-started', at: ctx.now(), step: step.id, attempt });
    ctx.progress({ type: 'step-started', step: step.id, attempt, module: step.module });
    // A retry within this run: the failed attempt is recorded, and the next one started.
    const nextAttempt = async (failed: StepOutcome, tokens: TokenUsage) => {
      latest = await ctx.record({ type: 'step-finished', at: ctx.now(), step: step.id, attempt, outcome: failed, tokens });
      attempt += 1;
      latest = await ctx.record({ type: 'step-started', at: ctx.now(), step: step.id, attempt });
      return attempt;
    };
    let outcome: StepOutcome;
    let tokens: TokenUsage = { prompt: 0, completion: 0 };
    try {
      const branch = await readStepBranch(ctx.git, ctx.prefix, ctx.runId, step.id);
      if (branch.kind === 'by-hand') outcome = await finishByHand(ctx, step, branch, attempt);
      else if (branch.kind === 'foreign') outcome = { status: 'failed', reason: `${branch.ref} holds commits that start from no commit of this run: neither verified nor overwritten`, codemods: [], reports: [], stats: [], verify: [], durationMs: 0 };
      else {
        ({ outcome, tokens } = await runStep(ctx, step, parent, attempt, nextAttempt));
        await keepAttempt(ctx, step, attempt, outcome);
      }
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      outcome = { status: 'failed', reason, codemods: [], reports: [], stats: [], verify: [], durationMs: 0 };
    }
    latest = await ctx.record({ type: 'step-finished', at: ctx.now(), step: step.id, attempt, outcome, tokens });
    ctx.progress(finishedEvent(ctx, step, attempt, outcome));
    return outcome;
  };

  if (state.isolation === 'independent') {
    const queue = new PQueue({ concurrency: ctx.concurrency });
    const failures: unknown[] = [];
    for (const step of todo) {
      queue
        .add(async () => {
          if (ctx.signal.aborted) return;
          await execute(step, baseCommit);
        })
        .catch((error: unknown) => {
          failures.push(error);
          queue.clear();
        });
    }
    await queue.onIdle();
    if (failures.length > 0) throw failures[0];
    return latest;
  }

  // stacked: walk the whole plan in order so that parents come from steps not being re-run too.
  let parent = baseCommit;
  let blocker: StepState | undefined;
  for (const planned of state.steps) {
    const current = latest.steps.find((step) => step.id === planned.id)!;
    if (!wanted.has(planned.id)) {
      if (current.status === 'succeeded' && current.outcome?.status === 'succeeded') parent = current.outcome.commit;
      else if (!SUCCESS_STATUSES.includes(current.status)) blocker ??= current;
      continue;
    }
    ctx.signal.throwIfAborted();
    if (blocker) {
      const attempt = current.attempts + 1;
      const reason = `stacked on ${blocker.id}, which is ${blocker.status}`;
      latest = await ctx.record({ type: 'step-started', at: ctx.now(), step: current.id, attempt });
      const outcome: StepOutcome = { status: 'skipped', reason, durationMs: 0 };
      latest = await ctx.record({ type: 'step-finished', at: ctx.now(), step: current.id, attempt, outcome });
      ctx.progress(finishedEvent(ctx, current, attempt, outcome));
      continue;
    }
    const outcome = await execute(current, parent);
    if (outcome.status === 'succeeded') parent = outcome.commit;
    else if (outcome.status !== 'unchanged') blocker = latest.steps.find((step) => step.id === current.id);
  }
  return latest;
}

/** The progress event of a finished step (also the coordinator's, for a step a worker ran). */
export function finishedEvent(ctx: Pick<RunnerContext, 'prefix' | 'runId'>, step: Pick<StepState, 'id'>, attempt: number, outcome: StepOutcome) {
  const stats = 'stats' in outcome ? outcome.stats : [];
  return {
    type: 'step-finished' as const,
    step: step.id,
    attempt,
    status: outcome.status,
    files: stats.length,
    added: stats.reduce((sum, stat) => sum + stat.added, 0),
    removed: stats.reduce((sum, stat) => sum + stat.removed, 0),
    durationMs: outcome.durationMs,
    leftovers: 'reports' in outcome ? outcome.reports.length : 0,
    ...('codemods' in outcome && { codemods: outcome.codemods.map(({ output: _output, ...summary }) => summary) }),
    ...('reason' in outcome ? { reason: outcome.reason } : {}),
    // A succeeded step's branch, or the one that keeps an unfinished step's attempt for a person.
    ...(outcome.status === 'succeeded' || ('commit' in outcome && outcome.commit !== undefined) ? { branch: runRef(ctx.prefix, ctx.runId, step.id).slice('refs/heads/'.length) } : {}),
    ...(outcome.status === 'succeeded' && outcome.finishedBy ? { finishedBy: outcome.finishedBy } : {}),
  };
}
