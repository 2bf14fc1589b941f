// Finds a run and loads its state for the commands that read it (status, review, land,
// resume): the cached state, or one rebuilt from the refs; then the refs' truth folded over it.

import { usageError } from '../core/errors.js';
import type { GitPort } from '../core/git.js';
import type { Config } from '../core/recipe.js';
import type { RunEvent, RunState } from '../core/state.js';
import { loadConfig } from '../config/index.js';
import { foldEvents, reduceRunState } from '../state/reducer.js';
import { listRuns, openRunStore, type RunStore } from '../state/store.js';
import { rebuildEvents, reconcileEvents, runsFromRefs } from './reconcile.js';

export interface LoadedRun {
  readonly config: Config;
  readonly store: RunStore;
  /** The state with the refs' truth folded in (in memory only). */
  readonly state: RunState;
  /** Events that would make the stored state match the refs; resume records them. */
  readonly pending: readonly RunEvent[];
}

/** Told what a load recovered from (a damaged journal line), once per problem. */
export type Warn = (message: string) => void;

/** `recipeAt`: where the recipe is when the run is rebuilt from its refs (rebuildEvents). */
export async function loadRun(git: GitPort, runId: string | undefined, at: string, warn?: Warn, recipeAt?: string): Promise<LoadedRun> {
  const config = await loadConfig(git.root);
  const id = runId ?? (await newestRun(git, config));
  const store = openRunStore(git.gitDir, id, warn ? { warn } : {});
  const stored = await store.load();
  const rebuilt = stored ? [] : await rebuildEvents(git, config, id, at, recipeAt);
  const start = stored ?? foldEvents(rebuilt);
  if (!start) throw usageError(`run ${id} not found in ${git.root} (no state under .git/codemigrate/${id} and no ${config.branchPrefix}/${id}/base branch)`);
  const reconciled = await reconcileEvents(git, start, at);
  const state = reconciled.reduce<RunState>((current, event) => reduceRunState(current, event), start);
  return { config, store, state, pending: [...rebuilt, ...reconciled] };
}

async function newestRun(git: GitPort, config: Config): Promise<string> {
  const fromRefs = await runsFromRefs(git, config.branchPrefix);
  // A run with no step (its state holds no plan, or it has none and no base branch to rebuild
  // it from) is never the default target: `status` or `land` of it would say nothing useful.
  const newest = (await listRuns(git.gitDir)).find((run) => (run.steps ?? 0) > 0 || fromRefs.includes(run.runId));
  if (newest) return newest.runId;
  const [fromRef] = fromRefs;
  if (fromRef) return fromRef;
  throw usageError(`no codemigrate run in ${git.root}; start one with \`codemigrate run <recipe>\``);
}
