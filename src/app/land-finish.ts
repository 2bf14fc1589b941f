// The recipe's finish phase at land: once every step of the plan has landed (or had nothing to
// change), its codemods run over the combined result, in memory like setup, and their edits become
// one more commit. Before that, a result of some of the steps is left as it is: landable.

import type { Leftover } from '../core/codemod.js';
import type { GitPort } from '../core/git.js';
import type { StepId } from '../core/plan.js';
import type { Recipe } from '../core/recipe.js';
import type { RunState } from '../core/state.js';
import { openTreeFiles } from '../edits/tree-files.js';
import { finishCommitMessage } from '../runner/commit-message.js';
import { computeSetup } from '../runner/run-setup.js';

export type FinishOutcome =
  | { readonly status: 'none' }
  /** Steps of the plan that are not in the result: finish waits for them. */
  | { readonly status: 'waiting'; readonly missing: readonly StepId[] }
  | { readonly status: 'applied'; readonly head: string; readonly files: number; readonly reports: readonly Leftover[] };

/** Pure: the steps of the plan a result without them cannot be finished without. */
export function stepsMissingFrom(state: Pick<RunState, 'steps'>, landed: readonly StepId[]): StepId[] {
  const inResult = new Set(landed);
  return state.steps.filter((step) => step.status !== 'unchanged' && !inResult.has(step.id)).map((step) => step.id);
}

export async function applyFinish(input: {
  readonly git: GitPort;
  readonly recipe: Recipe;
  readonly state: RunState;
  readonly head: string;
  readonly landed: readonly StepId[];
  readonly signal: AbortSignal;
}): Promise<FinishOutcome> {
  const { recipe } = input;
  if (recipe.finish.length === 0) return { status: 'none' };
  const missing = stepsMissingFrom(input.state, input.landed);
  if (missing.length > 0) return { status: 'waiting', missing };
  const { createCodemodEngine } = await import('../codemods/index.js');
  const engine = createCodemodEngine();
  try {
    const finish = await computeSetup(engine, recipe.finish, await openTreeFiles(input.git, input.head), recipe.file, input.signal);
    if (finish.changes.length === 0) return { status: 'applied', head: input.head, files: 0, reports: finish.reports };
    const message = finishCommitMessage(recipe, input.state.runId, finish.changes.length);
    const { commit } = await input.git.writeCommit({ parent: input.head, changes: finish.changes, message });
    return { status: 'applied', head: commit, files: finish.changes.length, reports: finish.reports };
  } finally {
    await engine.close();
  }
}
