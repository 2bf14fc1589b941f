// `codemigrate review [RUN] [STEP] [--accept|--reject|--checkout [DIR]]`: one step's diff, the
// codemods that ran, what they reported and the verify output; accept or reject it for `land`;
// or give a person a worktree on the step's branch to finish it by hand (the human rung).

import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { usageError } from '../core/errors.js';
import type { Leftover } from '../core/codemod.js';
import type { AttemptRecord } from '../core/history.js';
import { StepHistory } from '../runner/step-history.js';
import type { GitPort } from '../core/git.js';
import type { CodemodSummary, ReviewDecision, StepState, StepStatus } from '../core/state.js';
import type { VerifyResult } from '../core/verify.js';
import { acquireLock } from '../state/lock.js';
import { loadRun, type LoadedRun, type Warn } from './load-run.js';
import { openRepository } from './repository.js';
import { readStepBranch, type StepBranch } from '../runner/step-branch.js';
import { keptAttemptMessage } from '../runner/commit-message.js';

export interface StepReview {
  readonly runId: string;
  readonly step: string;
  readonly module: string;
  readonly status: StepStatus;
  readonly attempts: number;
  readonly files: readonly string[];
  readonly branch?: string;
  /**
   * What the branch holds: verified (a succeeded step), kept (the last attempt, not verified),
   * start (made by --checkout for a step with no attempt), by-hand (commits a person made, not
   * verified yet), foreign (commits that start from no commit of the run).
   */
  readonly branchState?: Exclude<StepBranch['kind'], 'none'>;
  /** by-hand: who made the commits on the branch, and how many. */
  readonly handCommits?: { readonly count: number; readonly authors: readonly string[] };
  /** A succeeded step a person finished: who made its commits. */
  readonly finishedBy?: readonly string[];
  /** The recipe version the step was made with, when it is not the run's (resume --accept-recipe-change). */
  readonly earlierRecipe?: string;
  readonly reason?: string;
  /** What regressed against the baseline, one line each. */
  readonly regressions?: readonly string[];
  readonly review?: ReviewDecision;
  readonly codemods: readonly CodemodSummary[];
  readonly reports: readonly Leftover[];
  readonly verify: readonly VerifyResult[];
  readonly diff: string;
  /** What each attempt did and how it ended, oldest first. */
  readonly attemptLog: readonly AttemptRecord[];
  /** Model transcripts (request, reply, usage) by attempt number. */
  readonly transcripts: readonly { readonly attempt: number; readonly transcript: unknown }[];
  /** History files that could not be read, one line each (`<file>: what is wrong`): the review is shown without them. */
  readonly unreadable?: readonly string[];
}

export async function reviewStep(options: { repo: string; runId?: string; step: string; warn?: Warn }): Promise<StepReview> {
  const repo = await openRepository(options.repo);
  const { git } = repo;
  try {
    const loaded = await loadRun(git, options.runId, new Date().toISOString(), options.warn);
    const step = loaded.state.steps.find((candidate) => candidate.id === options.step);
    if (!step) throw usageError(`step ${options.step} not found in run ${loaded.state.runId}; \`codemigrate review ${loaded.state.runId}\` lists the steps`);
    return await reviewLoadedStep(git, loaded, step, options.warn);
  } finally {
    await git.close();
  }
}

/** One step's review from a run already loaded (the HTML report reviews every step of one load). */
export async function reviewLoadedStep(git: GitPort, loaded: Pick<LoadedRun, 'state' | 'store'>, step: StepState, warn?: Warn): Promise<StepReview> {
  const { state, store } = loaded;
  const outcome = step.outcome;
  const branch = await readStepBranch(git, state.prefix, state.runId, step.id);
  const commit = outcome && 'commit' in outcome ? outcome.commit : undefined;
  let diff = '';
  // Commits made by hand are what land would take: show them, not the attempt under them.
  if (branch.kind === 'by-hand') diff = await git.diff(branch.parent, branch.tip.oid);
  else if (commit !== undefined) {
    const record = await git.readCommit(commit);
    diff = await git.diff(record.parents[0] ?? commit, commit);
  }
  // A damaged history file (attempts.json, a transcript) costs that part of the review only:
  // the diff, verify output and outcome come from the refs and the state.
  const unreadable: string[] = [];
  const damaged = (relPath: string, problem: string) => {
    const line = `${join(store.dir, relPath)}: ${problem}; shown without it`;
    unreadable.push(line);
    warn?.(line);
  };
  const history = new StepHistory(store, { onDamaged: damaged });
  const attemptLog = await history.records(step.id);
  const transcripts: { attempt: number; transcript: unknown }[] = [];
  for (let attempt = 1; attempt <= step.attempts; attempt += 1) {
    const text = await history.transcript(step.id, attempt);
    if (text === undefined) continue;
    try {
      transcripts.push({ attempt, transcript: JSON.parse(text) });
    } catch (error) {
      damaged(`steps/${step.id}/attempt-${attempt}/transcript.json`, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return {
    runId: state.runId,
    step: step.id,
    module: step.module,
    status: step.status,
    attempts: step.attempts,
    files: step.files,
    ...(branch.kind !== 'none' ? { branch: branch.ref.slice('refs/heads/'.length), branchState: branch.kind } : {}),
    ...(branch.kind === 'by-hand' ? { handCommits: { count: branch.commits, authors: branch.authors } } : {}),
    ...(outcome?.status === 'succeeded' && outcome.finishedBy ? { finishedBy: outcome.finishedBy } : {}),
    ...(step.recipeHash !== undefined && step.recipeHash !== state.recipe.hash ? { earlierRecipe: step.recipeHash } : {}),
    ...(outcome && 'reason' in outcome ? { reason: outcome.reason } : {}),
    ...(outcome && 'regressions' in outcome && outcome.regressions ? { regressions: outcome.regressions } : {}),
    ...(step.review ? { review: step.review } : {}),
    codemods: outcome && 'codemods' in outcome ? outcome.codemods : [],
    reports: outcome && 'reports' in outcome ? outcome.reports : [],
    verify: outcome && 'verify' in outcome ? outcome.verify : [],
    diff,
    attemptLog,
    transcripts,
    ...(unreadable.length > 0 ? { unreadable } : {}),
  };
}

export async function decideStep(options: { repo: string; runId?: string; step: string; decision: ReviewDecision; warn?: Warn }): Promise<void> {
  const repo = await openRepository(options.repo);
  const { git } = repo;
  try {
    const at = new Date().toISOString();
    // Read, decide and write under the lock: state read before it would be written back without
    // what a parallel review recorded meanwhile (8 parallel accepts kept 4).
    const lock = await acquireLock(git.gitDir, { runId: options.runId ?? '(newest run)', command: 'review' });
    try {
      const loaded = await loadRun(git, options.runId, at, options.warn);
      const step = loaded.state.steps.find((candidate) => candidate.id === options.step);
      if (!step) throw usageError(`step ${options.step} not found in run ${loaded.state.runId}`);
      if (options.decision === 'accepted' && step.status !== 'succeeded') {
        throw usageError(`step ${step.id} is ${step.status}: only succeeded steps can be accepted`);
      }
      try {
        for (const event of loaded.pending) await loaded.store.append(event);
        await loaded.store.append({ type: 'step-reviewed', at, step: step.id, decision: options.decision });
      } finally {
        await loaded.store.flush();
      }
    } finally {
      await lock.release();
    }
  } finally {
    await git.close();
  }
}

export interface Checkout {
  readonly runId: string;
  readonly step: string;
  readonly branch: string;
  readonly dir: string;
  /** What the branch held when checked out (start: made now at the run's base, the step had no attempt). */
  readonly branchState: Exclude<StepBranch['kind'], 'none'>;
}

/**
 * A worktree on the step's branch for a person to finish the step with plain git. A step with no
 * attempt on a branch (its codemods changed nothing it could keep) gets a branch at the run's base
 * in an independent run. The directory must not exist yet (or be empty) and lie outside the
 * repository's working tree; the default is `<repo>-<step>` beside the repository.
 */
export async function checkoutStep(options: { repo: string; runId?: string; step: string; dir?: string; warn?: Warn }): Promise<Checkout> {
  const repo = await openRepository(options.repo);
  const { git } = repo;
  try {
    const lock = await acquireLock(git.gitDir, { runId: options.runId ?? '(newest run)', command: 'review' });
    try {
      const { state } = await loadRun(git, options.runId, new Date().toISOString(), options.warn);
      const step = state.steps.find((candidate) => candidate.id === options.step);
      if (!step) throw usageError(`step ${options.step} not found in run ${state.runId}; \`codemigrate review ${state.runId}\` lists the steps`);
      const dir = resolve(options.dir === undefined || options.dir === '' ? `${git.root}-${step.id}` : options.dir);
      const inside = relative(git.root, dir);
      if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
        throw usageError(`--checkout ${dir}: inside the repository's working tree; name a directory outside ${git.root}`);
      }
      if (existsSync(dir) && readdirSync(dir).length > 0) throw usageError(`--checkout ${dir}: exists and is not empty; name a new directory`);
      let branch = await readStepBranch(git, state.prefix, state.runId, step.id);
      const attempt = step.outcome && 'commit' in step.outcome && step.outcome.status !== 'succeeded' ? step.outcome : undefined;
      if (branch.kind === 'none' && attempt?.commit !== undefined) {
        // A run from before attempts were kept on branches: keep this one now.
        const record = await git.readCommit(attempt.commit);
        const message = keptAttemptMessage(state.recipe, state.runId, step, step.attempts, attempt.status, attempt.reason);
        await git.createRef(branch.ref, await git.commitTree({ tree: record.tree, parents: record.parents, message }));
        branch = await readStepBranch(git, state.prefix, state.runId, step.id);
      } else if (branch.kind === 'none') {
        if (state.isolation !== 'independent' || state.baseCommit === undefined || step.status === 'pending' || step.status === 'running') {
          throw usageError(`step ${step.id} is ${step.status} and has no branch to finish by hand${state.isolation === 'independent' ? '' : ' (a stacked run: resume it first)'}`);
        }
        await git.createRef(branch.ref, state.baseCommit);
        branch = await readStepBranch(git, state.prefix, state.runId, step.id);
      }
      if (branch.kind === 'none') throw usageError(`${branch.ref} could not be created`);
      const short = branch.ref.slice('refs/heads/'.length);
      const holder = (await git.checkedOutBranches()).get(branch.ref);
      if (holder !== undefined) throw usageError(`${short} is already checked out in ${holder}`);
      await git.addBranchWorktree(dir, short);
      return { runId: state.runId, step: step.id, branch: short, dir, branchState: branch.kind };
    } finally {
      await lock.release();
    }
  } finally {
    await git.close();
  }
}
