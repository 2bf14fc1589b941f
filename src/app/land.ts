// `codemigrate land [RUN]`: combine the accepted steps (default: every succeeded step not
// rejected) onto the base, point <prefix>/<run>/result at it, and verify the result once more.

import { join } from 'node:path';
import { recipeError, usageError } from '../core/errors.js';
import type { StepId } from '../core/plan.js';
import { runRef } from '../core/trailers.js';
import type { VerifyResult } from '../core/verify.js';
import { resolveRecipe } from '../config/index.js';
import { combineSteps } from '../land/combine-steps.js';
import { landCommitMessage } from '../runner/commit-message.js';
import { WorktreePool, worktreeRoot } from '../runner/worktree-pool.js';
import { acquireLock } from '../state/lock.js';
import { runVerify, verifyEnvironment } from '../verify/index.js';
import { BUILTIN_RECIPES } from './inputs.js';
import { frozenInstallPlan } from './install-plan.js';
import { loadRun } from './load-run.js';
import { silentOutput, type AppOutput } from './output.js';
import { openRepository } from './repository.js';

export interface LandReport {
  readonly runId: string;
  readonly branch: string;
  readonly commit: string;
  readonly landed: readonly StepId[];
  readonly conflicts: readonly { readonly step: StepId; readonly paths: readonly string[] }[];
  readonly verify: readonly VerifyResult[];
  readonly exitCode: number;
}

export async function landRun(options: { repo: string; runId?: string; signal: AbortSignal }, output: AppOutput = silentOutput): Promise<LandReport> {
  const repo = await openRepository(options.repo);
  const { git } = repo;
  try {
    const at = new Date().toISOString();
    const loaded = await loadRun(git, options.runId, at);
    const { state, store, config } = loaded;
    if (state.baseCommit === undefined) throw usageError(`run ${state.runId} has no base yet; resume it first`);
    const recipe = await resolveRecipe(state.recipe.file, { repoRoot: git.root, config, builtinDir: BUILTIN_RECIPES });
    if (recipe.hash !== state.recipe.hash) throw recipeError(`${recipe.file}: the recipe changed since run ${state.runId} started`);
    const succeeded = state.steps.filter((step) => step.status === 'succeeded' && step.review !== 'rejected');
    const accepted = succeeded.filter((step) => step.review === 'accepted');
    const chosen = (accepted.length > 0 ? accepted : succeeded).flatMap((step) =>
      step.outcome?.status === 'succeeded' ? [{ id: step.id, commit: step.outcome.commit }] : [],
    );
    if (chosen.length === 0) throw usageError(`run ${state.runId} has no succeeded step to land`);

    const lock = await acquireLock(git.gitDir, { runId: state.runId, command: 'land' });
    try {
      for (const event of loaded.pending) await store.append(event);
      const combined = await combineSteps(git, state.baseCommit, chosen, (step) => landCommitMessage(recipe, state.runId, step));
      const ref = runRef(state.prefix, state.runId, 'result');
      const [existing] = await git.listRefs(ref);
      if (!existing) await git.createRef(ref, combined.head);
      else if (existing.commit !== combined.head && (await git.updateRef(ref, combined.head, existing.commit)) === 'moved') {
        throw usageError(`${ref} moved while landing; run land again`);
      }
      const commands = config.verify ?? recipe.verify;
      let verify: VerifyResult[] = [];
      if (commands.length > 0) {
        const secrets = config.model ? [config.model.apiKeyEnv] : [];
        const env = verifyEnvironment(process.env, secrets);
        const install = await frozenInstallPlan(git, { recipe, config, from: state.sourceCommit, to: combined.head, env, signal: options.signal, output });
        const pool = new WorktreePool(git, join(worktreeRoot(git.gitDir), `${state.runId}-land`), 1, install);
        try {
          const files = chosen.flatMap((step) => state.steps.find((candidate) => candidate.id === step.id)!.files);
          const installed = await pool.prepare();
          verify = installed.status === 'failed'
            ? [installed.result]
            : await pool.use(combined.head, '.', (cwd) => runVerify(commands, { cwd, files, module: '.', env, signal: options.signal }));
        } finally {
          await pool.close();
        }
      }
      await store.append({ type: 'run-landed', at: new Date().toISOString(), commit: combined.head, landed: combined.landed, conflicts: combined.conflicts.map((c) => c.step), verify });
      const passed = verify.every((result) => result.status === 'passed');
      return {
        runId: state.runId,
        branch: ref.slice('refs/heads/'.length),
        commit: combined.head,
        landed: combined.landed,
        conflicts: combined.conflicts,
        verify,
        exitCode: combined.conflicts.length === 0 && passed ? 0 : 1,
      };
    } finally {
      await store.flush();
      await lock.release();
    }
  } finally {
    await git.close();
  }
}
