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
import type { VerifyCommand } from '../core/recipe.js';
import type { VerifyResult } from '../core/verify.js';
import { installForBase, removeInstallWorktree } from '../runner/base-install.js';
import { computeSetup } from '../runner/run-setup.js';

export type FinishOutcome =
  | { readonly status: 'none' }
  /** Steps of the plan that are not in the result: finish waits for them. */
  | { readonly status: 'waiting'; readonly missing: readonly StepId[] }
  | {
      readonly status: 'applied';
      readonly head: string;
      readonly files: number;
      readonly reports: readonly Leftover[];
      /** Lockfiles the install rewrote for finish's manifest edits (in the finish commit). */
      readonly lockfiles?: readonly string[];
      /** Why that install failed: the result's lockfile is then stale, and land's frozen install says so. */
      readonly installFailed?: string;
    };

/** The install that brings the lockfiles in step with finish's manifest edits (setup's, again). */
export interface FinishInstall {
  readonly command: VerifyCommand;
  readonly run: (cwd: string) => Promise<VerifyResult>;
  /** A scratch worktree for it, removed afterwards. */
  readonly dir: string;
}

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
  readonly install?: FinishInstall;
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
    // Finish removes packages from a manifest: without a new lockfile the result's frozen install
    // (npm ci, pnpm --frozen-lockfile) fails, as react-hook-form's did.
    let changes = finish.changes;
    let lockfiles: readonly string[] = [];
    let installFailed: string | undefined;
    if (input.install) {
      const installed = await installForBase(input.git, {
        source: input.head,
        changes,
        command: input.install.command,
        run: input.install.run,
        dir: input.install.dir,
        message: `codemigrate(${recipe.id}): provisional finish of run ${input.state.runId}, for its install (no ref points here)`,
      });
      if (installed.status === 'installed') {
        await removeInstallWorktree(input.git, installed.dir);
        changes = [...changes, ...installed.lockfiles];
        lockfiles = installed.lockfiles.map((file) => file.path);
      } else if (installed.status === 'failed') installFailed = installed.reason;
    }
    const message = finishCommitMessage(recipe, input.state.runId, changes.length);
    const { commit } = await input.git.writeCommit({ parent: input.head, changes, message });
    return {
      status: 'applied',
      head: commit,
      files: changes.length,
      reports: finish.reports,
      ...(lockfiles.length > 0 && { lockfiles }),
      ...(installFailed !== undefined && { installFailed }),
    };
  } finally {
    await engine.close();
  }
}
