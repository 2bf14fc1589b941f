// `codemigrate status` and the table of `review`: one row per step, read-only (the refs' truth is
// folded in memory; nothing is written).

import { join } from 'node:path';
import type { Leftover } from '../core/codemod.js';
import { SUCCESS_STATUSES, type ReviewDecision, type RunState, type StepStatus } from '../core/state.js';
import { compactHistory } from '../compact/index.js';
import { StepHistory } from '../runner/step-history.js';
import type { RunStore } from '../state/store.js';
import { loadRun, type Warn } from './load-run.js';
import { openRepository } from './repository.js';
import { countStatuses } from './summary.js';

export interface StepRow {
  readonly step: string;
  readonly module: string;
  readonly status: StepStatus;
  readonly attempts: number;
  readonly files: number;
  readonly changed: number;
  readonly added: number;
  readonly removed: number;
  readonly durationMs: number;
  readonly tokens: number;
  /** What the codemods reported and left for a model or a person (`review STEP` lists them). */
  readonly leftovers: number;
  readonly review?: ReviewDecision;
  readonly branch?: string;
  /** A succeeded step a person finished by hand: who made its commits. */
  readonly finishedBy?: readonly string[];
  readonly reason?: string;
}

export interface RunStatus {
  readonly runId: string;
  readonly recipe: string;
  readonly sourceCommit: string;
  readonly baseCommit?: string;
  readonly counts: Partial<Record<StepStatus, number>>;
  readonly rows: readonly StepRow[];
  /** Leftovers of every step together. */
  readonly leftovers: number;
  readonly landed?: string;
  /** `passed`, or `unverified: N regression(s)` (runs landed before verdicts: `not compared`). */
  readonly landVerdict?: string;
  /** What the setup codemods reported (a Jest option with no translation, a compiler too old). */
  readonly setupReports: readonly Leftover[];
  /**
   * Why setup wrote no base: its install failed (with the install's output), or a setup report
   * stopped the run (the reason names the codemod, the file and the message); resume tries again.
   */
  readonly setupFailure?:
    | { readonly cause: 'install'; readonly reason: string; readonly outputTail: string }
    | { readonly cause: 'report'; readonly reason: string };
}

export async function readStatus(options: { repo: string; runId?: string; warn?: Warn }): Promise<RunStatus> {
  const repo = await openRepository(options.repo);
  try {
    const { state } = await loadRun(repo.git, options.runId, new Date().toISOString(), options.warn);
    return statusOf(state);
  } finally {
    await repo.git.close();
  }
}

export function statusOf(state: RunState): RunStatus {
  const rows = state.steps.map((step): StepRow => {
    const outcome = step.outcome;
    const stats = outcome && 'stats' in outcome ? outcome.stats : [];
    return {
      step: step.id,
      module: step.module,
      status: step.status,
      attempts: step.attempts,
      files: step.files.length,
      changed: stats.length,
      added: stats.reduce((sum, stat) => sum + stat.added, 0),
      removed: stats.reduce((sum, stat) => sum + stat.removed, 0),
      durationMs: outcome?.durationMs ?? 0,
      tokens: step.tokens.prompt + step.tokens.completion,
      leftovers: outcome && 'reports' in outcome ? outcome.reports.length : 0,
      ...(step.review ? { review: step.review } : {}),
      ...(step.status === 'succeeded' ? { branch: `${state.prefix}/${state.runId}/${step.id}` } : {}),
      ...(outcome?.status === 'succeeded' && outcome.finishedBy ? { finishedBy: outcome.finishedBy } : {}),
      ...(outcome && 'reason' in outcome ? { reason: outcome.reason } : {}),
    };
  });
  return {
    runId: state.runId,
    recipe: state.recipe.id,
    sourceCommit: state.sourceCommit,
    ...(state.baseCommit ? { baseCommit: state.baseCommit } : {}),
    counts: countStatuses(state),
    rows,
    leftovers: rows.reduce((sum, row) => sum + row.leftovers, 0),
    ...(state.land ? { landed: `${state.prefix}/${state.runId}/result`, landVerdict: landVerdictText(state.land) } : {}),
    setupReports: state.setup.reports,
    ...(state.setup.status === 'failed' && state.setup.failure ? { setupFailure: setupFailureOf(state.setup.failure) } : {}),
  };
}

/** `status --compact`: the compacted plan of every step that has not succeeded, as the model sees it. */
export async function readCompactPlans(options: { repo: string; runId?: string; warn?: Warn }): Promise<{ step: string; text: string }[]> {
  const repo = await openRepository(options.repo);
  try {
    const { state, store } = await loadRun(repo.git, options.runId, new Date().toISOString(), options.warn);
    return await compactPlansOf(state, store, options.warn);
  } finally {
    await repo.git.close();
  }
}

/** The compacted plans of a run already loaded (the HTML report shows them beside each step). */
export async function compactPlansOf(state: RunState, store: RunStore, warn?: Warn): Promise<{ step: string; text: string }[]> {
  const history = new StepHistory(store, {
    onDamaged: (relPath, problem) => warn?.(`${join(store.dir, relPath)}: ${problem}; left out of the compacted plan`),
  });
  const lessons = await history.lessons();
  const plans: { step: string; text: string }[] = [];
  for (const step of state.steps) {
    if (SUCCESS_STATUSES.includes(step.status)) continue;
    const attempts = await history.records(step.id);
    plans.push({ step: step.id, text: compactHistory({ step: { id: step.id, module: step.module, files: step.files }, attempts, lessons }) });
  }
  return plans;
}

function setupFailureOf(failure: NonNullable<RunState['setup']['failure']>): NonNullable<RunStatus['setupFailure']> {
  return failure.install === undefined
    ? { cause: 'report', reason: failure.reason }
    : { cause: 'install', reason: failure.reason, outputTail: failure.install.outputTail };
}

function landVerdictText(land: NonNullable<RunState['land']>): string {
  if (land.verdict === undefined) return 'not compared with a baseline';
  return land.verdict === 'passed' ? 'passed' : `unverified: ${land.regressionCount ?? land.regressions?.length ?? 0} regression(s)`;
}
