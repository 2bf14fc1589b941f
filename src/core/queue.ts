// A distributed run's work as data: one job per step, put on a shared queue by `run --queue`
// and taken by `worker` processes on any machine that reaches the queue and the git remote.
//
// Design (issue 16): distribution is another driver of the same ladder, not a second ladder.
//   coordinator  plans, commits setup and pushes <prefix>/<run>/base to the remote as a local run
//                would, enqueues job `<run>/<step>` per step (an id that exists already is not
//                added again), then fetches each finished step's ref and records it through the
//                run's store: step-started / step-finished, then the refs' truth (reconcile).
//   worker       keeps a clone of the remote per slot, makes the run's base ref and the step's
//                ref there the remote's, and runs the step as `resume RUN --steps STEP` runs it
//                in that clone (same ladder, same baseline, same verify); then pushes the
//                step's ref with an expected old value, so that an existing ref is never
//                overwritten. A refused push means another worker committed the step first:
//                the step is done, not failed.
//   budget       model.maxTokensPerRun (the config at the base, as every worker reads it) is one
//                counter in Redis per run, claimed and charged atomically by every worker's model
//                calls (src/queue/shared-budget.ts); the coordinator zeroes it before enqueueing.
//   stalls       a worker that dies mid-step stops renewing its job's lock; BullMQ's stalled-job
//                check gives the job to another worker, whose clone starts again from the remote.
// Not built yet, in the order planned:
//   - `resume` of a distributed run: fetch the run's refs from the remote, re-enqueue the steps
//     not succeeded (a new job id per attempt: `<run>/<step>/<attempt>`);
//   - the step's transcripts and verify logs carried back (job result or a refs/notes push), so
//     that `review` shows them as for a local step;
//   - a long-lived run context per clone (baseline, install, scratch worktrees, the run's loaded
//     state kept between the run's steps) instead of a resume per step: so far the opened
//     repository, the codemod engine and the run's scratch worktree are kept; "stacked"
//     recipes as a chain of jobs.

import { createHash } from 'node:crypto';
import type { StepId } from './plan.js';
import type { StepOutcome, TokenUsage } from './state.js';

export const QUEUE_NAME = 'codemigrate-steps';

/** Where a worker finds the recipe: built-in ones and those inside the repository travel well. */
export type RecipeLocation =
  | { readonly kind: 'builtin'; readonly id: string }
  | { readonly kind: 'repo'; readonly path: string }
  /** Outside the repository: the same path must hold the same recipe on the worker's machine. */
  | { readonly kind: 'file'; readonly path: string };

export interface StepJob {
  readonly version: 1;
  readonly remote: string;
  readonly runId: string;
  readonly prefix: string;
  readonly step: StepId;
  readonly baseCommit: string;
  readonly recipe: RecipeLocation;
  readonly maxAttempts: number;
}

/** What the step's ref on the remote holds after the job. */
export const STEP_REF_RESULTS = ['pushed', 'existed', 'none'] as const;
export type StepRefResult = (typeof STEP_REF_RESULTS)[number];

export interface StepJobResult {
  readonly step: StepId;
  readonly ref: StepRefResult;
  /** The step's state in the worker's clone after the job; absent when the job ran no attempt. */
  readonly outcome?: StepOutcome;
  readonly attempts: number;
  readonly tokens: TokenUsage;
}

/** The Redis key of a run's shared token budget: the run id alone could be another remote's run. */
export function budgetKey(remote: string, runId: string): string {
  return `codemigrate:budget:${createHash('sha256').update(remote).digest('hex').slice(0, 16)}:${runId}`;
}

export function stepJobId(runId: string, step: StepId): string {
  return `${runId}/${step}`;
}

/** Why `url` is not a Redis URL this queue can use, or undefined. */
export function queueUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `--queue ${url}: not a URL; give redis://HOST:PORT`;
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') return `--queue ${url}: not a Redis URL (${parsed.protocol}); give redis://HOST:PORT`;
  if (parsed.hostname === '') return `--queue ${url}: no host; give redis://HOST:PORT`;
  return undefined;
}
