// The runs of a repository: whether one exists (for commands whose first positional argument may
// be a run id or a step id), and `codemigrate runs`, one row per run.

import { loadConfig } from '../config/index.js';
import { isCodemigrateError } from '../core/errors.js';
import { SUCCESS_STATUSES, type LandVerdict, type RunState, type StepStatus } from '../core/state.js';
import { runRef } from '../core/trailers.js';
import { listRuns, openRunStore, checkRunId } from '../state/store.js';
import { loadRun } from './load-run.js';
import { runsFromRefs } from './reconcile.js';
import { openRepository } from './repository.js';
import { countStatuses } from './summary.js';

export async function runExists(repoDir: string, runId: string): Promise<boolean> {
  if (checkRunId(runId) !== undefined) return false;
  const repo = await openRepository(repoDir);
  try {
    if (await openRunStore(repo.git.gitDir, runId).exists()) return true;
    const config = await loadConfig(repo.git.root);
    return (await repo.git.readRef(runRef(config.branchPrefix, runId, 'base'))) !== undefined;
  } finally {
    await repo.git.close();
  }
}

export type RunCondition = 'empty' | 'unfinished' | 'incomplete' | 'finished' | 'landed';

export interface RunRow {
  readonly runId: string;
  readonly recipe?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly steps: number;
  readonly counts: Partial<Record<StepStatus, number>>;
  /**
   * empty: no step; unfinished: steps still to run (resume); incomplete: every step ran, some did
   * not succeed; finished: every step succeeded or had nothing to change; landed: land recorded.
   */
  readonly condition: RunCondition;
  readonly landVerdict?: LandVerdict;
  /** Why the run could not be read (its state is damaged and its refs cannot rebuild it). */
  readonly problem?: string;
}

/** Every run of the repository (state on disk or a base branch), newest first. */
export async function listRunRows(repoDir: string): Promise<RunRow[]> {
  const repo = await openRepository(repoDir);
  const { git } = repo;
  try {
    const config = await loadConfig(git.root);
    const stored = await listRuns(git.gitDir);
    const fromRefs = (await runsFromRefs(git, config.branchPrefix)).filter((runId) => !stored.some((run) => run.runId === runId));
    const rows: RunRow[] = [];
    for (const runId of [...stored.map((run) => run.runId), ...fromRefs]) {
      try {
        const { state } = await loadRun(git, runId, new Date().toISOString());
        rows.push({
          runId,
          recipe: state.recipe.id,
          createdAt: state.createdAt,
          updatedAt: state.updatedAt,
          steps: state.steps.length,
          counts: countStatuses(state),
          condition: conditionOf(state),
          ...(state.land?.verdict !== undefined ? { landVerdict: state.land.verdict } : {}),
        });
      } catch (error) {
        if (!isCodemigrateError(error)) throw error;
        rows.push({ runId, steps: 0, counts: {}, condition: 'empty', problem: error.problems.join('; ') });
      }
    }
    return rows;
  } finally {
    await git.close();
  }
}

/** Pure: what a run's steps say about it as a whole. */
export function conditionOf(state: Pick<RunState, 'steps' | 'land'>): RunCondition {
  if (state.steps.length === 0) return 'empty';
  if (state.land) return 'landed';
  if (state.steps.some((step) => step.status === 'pending' || step.status === 'running')) return 'unfinished';
  return state.steps.every((step) => SUCCESS_STATUSES.includes(step.status)) ? 'finished' : 'incomplete';
}
