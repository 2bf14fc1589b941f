// The refs and trailers are the truth; state.json and events.jsonl are caches. These functions
// compute the events that bring a cached state in line with the refs (resume records them;
// status folds them in memory only), and rebuild a run's state from its refs alone.

import { recipeError } from '../core/errors.js';
import type { GitPort } from '../core/git.js';
import type { Config, Recipe } from '../core/recipe.js';
import type { RecipeRecord, RunEvent, RunState } from '../core/state.js';
import {
  TRAILER_ATTEMPTS,
  TRAILER_ONLY,
  TRAILER_RECIPE,
  TRAILER_RECIPE_FILE,
  TRAILER_RECIPE_HASH,
  TRAILER_RUN,
  TRAILER_SOURCE,
  TRAILER_STEP,
  TRAILER_FINISHED_BY,
  TRAILER_VERIFIED,
  runRef,
} from '../core/trailers.js';
import { resolveRecipe } from '../config/index.js';
import { BUILTIN_RECIPES } from './inputs.js';
import { makePlan } from './make-plan.js';
import { recipeRecord } from './recipe-change.js';

export async function reconcileEvents(git: GitPort, state: RunState, at: string): Promise<RunEvent[]> {
  const prefix = runRef(state.prefix, state.runId, '');
  const refs = new Map((await git.listRefs(prefix)).map((ref) => [ref.ref.slice(prefix.length), ref.commit] as const));
  const events: RunEvent[] = [];

  let baseCommit = state.baseCommit;
  const baseRef = refs.get('base');
  if (baseCommit === undefined && baseRef !== undefined) {
    const stats = await git.diffStat(state.sourceCommit, baseRef);
    events.push({ type: 'setup-finished', at, baseCommit: baseRef, codemods: [], reports: [], stats });
    baseCommit = baseRef;
  }

  for (const step of state.steps) {
    const commit = refs.get(step.id);
    const known = step.outcome?.status === 'succeeded' ? step.outcome.commit : undefined;
    if (commit !== undefined) {
      if (step.status === 'succeeded' && known === commit) continue;
      const record = await git.readCommit(commit);
      const own = record.trailers[TRAILER_STEP] === step.id && record.trailers[TRAILER_RUN] === state.runId;
      if (own && record.trailers[TRAILER_VERIFIED] !== 'no') {
        const stats = await git.diffStat(record.parents[0] ?? baseCommit ?? state.sourceCommit, commit);
        const attempts = Number(record.trailers[TRAILER_ATTEMPTS] ?? '1') || 1;
        const finishedBy = record.trailers[TRAILER_FINISHED_BY]?.split(', ').filter(Boolean);
        const recipeHash = record.trailers[TRAILER_RECIPE_HASH];
        events.push({ type: 'step-reconciled', at, step: step.id, commit, tree: record.tree, attempts, stats, ...(finishedBy?.length ? { finishedBy } : {}), ...(recipeHash ? { recipeHash } : {}) });
        continue;
      }
      // The branch keeps an attempt that was not verified, or holds commits made by hand: the step
      // has not succeeded until resume (or `review STEP --verify`) verifies them.
      if (step.status === 'succeeded') events.push({ type: 'step-reset', at, step: step.id, reason: own ? 'its branch holds an attempt that was not verified' : 'its branch holds commits made by hand, not verified yet' });
      else if (step.status === 'running') events.push({ type: 'step-reset', at, step: step.id, reason: 'the run was interrupted' });
    } else if (step.status === 'succeeded') {
      events.push({ type: 'step-reset', at, step: step.id, reason: 'its branch is gone' });
    } else if (step.status === 'running') {
      events.push({ type: 'step-reset', at, step: step.id, reason: 'the run was interrupted' });
    }
  }
  return events;
}

/** Finds the runs whose base ref exists under the prefix, newest first (by base commit order of listing). */
export async function runsFromRefs(git: GitPort, prefix: string): Promise<string[]> {
  const refs = await git.listRefs(`refs/heads/${prefix}/`);
  const runs: { runId: string; commit: string }[] = [];
  for (const ref of refs) {
    const match = new RegExp(`^refs/heads/${escapeRegExp(prefix)}/([^/]+)/base$`).exec(ref.ref);
    if (match) runs.push({ runId: match[1]!, commit: ref.commit });
  }
  return runs.map((run) => run.runId).sort().reverse();
}

/**
 * Rebuilds the planning events of a run from its base ref's trailers and a fresh plan. `recipeAt`
 * resolves the recipe there instead of the file the trailer names (a worker's clone on another
 * machine); the recipe's version is still checked against the trailer's.
 */
export async function rebuildEvents(git: GitPort, config: Config, runId: string, at: string, recipeAt?: string): Promise<RunEvent[]> {
  const prefix = config.branchPrefix;
  const baseRef = runRef(prefix, runId, 'base');
  const baseCommit = await git.readRef(baseRef);
  if (baseCommit === undefined) return [];
  const record = await git.readCommit(baseCommit);
  const trailers = record.trailers;
  const source = trailers[TRAILER_SOURCE];
  const recipeRef = trailers[TRAILER_RECIPE_FILE] ?? trailers[TRAILER_RECIPE];
  if (trailers[TRAILER_RUN] !== runId || !source || !recipeRef) {
    throw recipeError(`${baseRef}: not a codemigrate base commit (trailers missing); cannot rebuild run ${runId}`);
  }
  const recipe = await resolveRecipe(recipeAt ?? recipeRef, { repoRoot: git.root, config, builtinDir: BUILTIN_RECIPES });
  const recipeRecord = await rebuiltRecipeRecord(git, prefix, runId, trailers[TRAILER_RECIPE_HASH], recipe);
  // A run made with --only planned the selected steps alone: the rebuilt plan must too, or resume
  // would commit the modules the run left out.
  const only = trailers[TRAILER_ONLY];
  const { plan } = await makePlan(git, recipe, config, source, only);
  const stats = await git.diffStat(source, baseCommit);
  return [
    {
      type: 'run-planned',
      at,
      runId,
      prefix,
      recipe: recipeRecord,
      plan,
      ...(only !== undefined ? { only } : {}),
    },
    { type: 'setup-finished', at, baseCommit, codemods: [], reports: [], stats },
  ];
}

/**
 * The recipe version a rebuilt run goes on with. The base's trailer names the one it started with
 * (in runs older than recipe identities, the file's sha256); a step commit carrying the current
 * version shows that `resume --accept-recipe-change` took it. The plan is rebuilt from the current
 * recipe, so any other difference is refused: the parts the run started with are not in the refs.
 */
async function rebuiltRecipeRecord(git: GitPort, prefix: string, runId: string, baseHash: string | undefined, recipe: Recipe): Promise<RecipeRecord> {
  const current = recipeRecord(recipe);
  if (baseHash === undefined || baseHash === recipe.hash) return current;
  if (baseHash === recipe.bytesHash) return { id: recipe.id, file: recipe.file, hash: baseHash };
  for (const ref of await git.listRefs(runRef(prefix, runId, ''))) {
    if (ref.ref.endsWith('/base')) continue;
    if ((await git.readCommit(ref.commit)).trailers[TRAILER_RECIPE_HASH] === recipe.hash) return current;
  }
  throw recipeError(`${recipe.file}: the recipe changed since run ${runId} started, and its state is gone, so which part changed cannot be told; restore the recipe or start a new run`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
