// `codemigrate review --html DIR`, the read half: everything the report shows, gathered from one
// load of the run (the state with the refs' truth folded in), with the same code as `status`,
// `review STEP` and `status --compact`. Read-only: nothing is written here.

import type { RunState } from '../core/state.js';
import { loadRun, type Warn } from './load-run.js';
import { openRepository } from './repository.js';
import { reviewLoadedStep, type StepReview } from './review.js';
import { compactPlansOf, statusOf, type RunStatus } from './status.js';

export interface RunReport {
  readonly state: RunState;
  readonly status: RunStatus;
  /** One review per step, in plan order. */
  readonly steps: readonly StepReview[];
  /** The compacted plan of every step that has not succeeded, by step id. */
  readonly compacted: ReadonlyMap<string, string>;
  /** What setup changed (source commit → base), empty before setup. */
  readonly setupDiff: string;
}

export async function readRunReport(options: { repo: string; runId?: string; warn?: Warn }): Promise<RunReport> {
  const repo = await openRepository(options.repo);
  const { git } = repo;
  try {
    const loaded = await loadRun(git, options.runId, new Date().toISOString(), options.warn);
    const { state, store } = loaded;
    const steps: StepReview[] = [];
    for (const step of state.steps) steps.push(await reviewLoadedStep(git, loaded, step, options.warn));
    const plans = await compactPlansOf(state, store, options.warn);
    const setupDiff = state.baseCommit && state.baseCommit !== state.sourceCommit ? await git.diff(state.sourceCommit, state.baseCommit) : '';
    return { state, status: statusOf(state), steps, compacted: new Map(plans.map((plan) => [plan.step, plan.text])), setupDiff };
  } finally {
    await git.close();
  }
}
