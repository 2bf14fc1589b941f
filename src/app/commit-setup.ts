// Setup's commit, for `run` and for a `resume` whose setup never committed. When an install is
// configured and setup changed a dependency manifest, the install runs first, at a provisional
// commit, and the lockfiles it wrote join setup's changes in the base: the base, every step on it
// and land's result then install from their own lockfile. A failed install writes no base: the
// run records why (status shows it) and ends 1; resume computes setup and installs again. A setup
// report with `stop: true` (src/runner/setup-stop.ts) ends the run the same way before any install:
// resume computes setup again at the same source commit, so it stops again unless the transform changed.

import { join } from 'node:path';
import type { FileChange, GitPort } from '../core/git.js';
import type { Config, Recipe } from '../core/recipe.js';
import type { RunState } from '../core/state.js';
import { failpoint } from '../core/failpoint.js';
import { runRef, sanitizeLine } from '../core/trailers.js';
import { installForBase, removeInstallWorktree, type BaseInstall } from '../runner/base-install.js';
import { baseCommitMessage } from '../runner/commit-message.js';
import { INSTALL_WORKTREE, type InstallOutcome } from '../runner/dependency-install.js';
import type { SetupResult } from '../runner/run-setup.js';
import { setupStopReason } from '../runner/setup-stop.js';
import { worktreeRoot } from '../runner/worktree-pool.js';
import type { RunStore } from '../state/store.js';
import { verifyEnvironment } from '../verify/index.js';
import type { Sandbox } from '../verify/sandbox.js';
import { installCommand, installRunner } from './install-plan.js';
import type { AppOutput } from './output.js';
import { countStatuses, runExitCode } from './summary.js';

export type SetupCommit =
  /** `installed`: the install the run's verify worktrees link (its worktree is theirs to remove). */
  | { readonly status: 'committed'; readonly state: RunState; readonly installed: InstallOutcome }
  /** The install failed, or a setup report stopped the run: no base was written. */
  | { readonly status: 'failed'; readonly state: RunState };

export async function commitSetup(input: {
  readonly git: GitPort;
  readonly store: RunStore;
  readonly recipe: Recipe;
  readonly config: Config;
  readonly runId: string;
  readonly prefix: string;
  readonly sourceCommit: string;
  readonly setup: SetupResult;
  readonly signal: AbortSignal;
  readonly output: AppOutput;
  readonly now: () => string;
  readonly sandbox: Sandbox;
}): Promise<SetupCommit> {
  const { git, store, recipe, config, runId, setup, output } = input;
  const stopped = setupStopReason(setup.reports);
  if (stopped !== undefined) {
    const state = await store.append({ type: 'setup-failed', at: input.now(), reason: stopped, reports: setup.reports });
    output.emit({ type: 'setup-failed', runId, reason: stopped, cause: 'report' });
    return { status: 'failed', state };
  }
  const command = installCommand(recipe, config);
  const env = verifyEnvironment(process.env, config.model ? [config.model.apiKeyEnv] : []);
  const installed: BaseInstall = command
    ? await installForBase(git, {
        source: input.sourceCommit,
        changes: setup.changes,
        command,
        run: installRunner(command, recipe, env, input.sandbox, input.signal),
        dir: join(worktreeRoot(git.gitDir), runId, INSTALL_WORKTREE),
        message: sanitizeLine(`codemigrate(${recipe.id}): provisional base of run ${runId}, for its install (no ref points here)`),
        progress: (event) => output.emit(event),
      })
    : { status: 'not-needed' };
  if (installed.status === 'failed') {
    const state = await store.append({ type: 'setup-failed', at: input.now(), reason: installed.reason, install: installed.result });
    output.emit({ type: 'setup-failed', runId, reason: installed.reason, cause: 'install' });
    return { status: 'failed', state };
  }
  const lockfiles = installed.status === 'installed' ? installed.lockfiles : [];
  try {
    const changes = [...setup.changes, ...lockfiles];
    const only = store.current()?.only;
    const baseCommit = await writeBase(git, { prefix: input.prefix, runId, recipe, head: input.sourceCommit, changes, ...(only !== undefined ? { only } : {}) });
    const stats = lockfiles.length > 0 ? await git.diffStat(input.sourceCommit, baseCommit) : setup.stats;
    const state = await store.append({ type: 'setup-finished', at: input.now(), baseCommit, codemods: setup.codemods, reports: setup.reports, stats });
    output.emit({
      type: 'setup-finished',
      baseCommit,
      branch: `${input.prefix}/${runId}/base`,
      files: changes.length,
      reports: setup.reports,
      lockfiles: lockfiles.map((file) => file.path),
    });
    return { status: 'committed', state, installed: installed.status === 'installed' ? { status: 'installed', dir: installed.dir } : installed };
  } catch (error) {
    if (installed.status === 'installed') await removeInstallWorktree(git, installed.dir);
    throw error;
  }
}

/** The end of a run whose setup failed: no step ran; exit 1, resumable. */
export function endAfterFailedSetup(state: RunState, output: AppOutput): number {
  const exitCode = runExitCode(state, false);
  output.emit({ type: 'run-finished', runId: state.runId, exitCode, counts: countStatuses(state), dryRun: false });
  return exitCode;
}

export async function writeBase(
  git: GitPort,
  input: { prefix: string; runId: string; recipe: Recipe; head: string; changes: readonly FileChange[]; only?: string },
): Promise<string> {
  const message = baseCommitMessage(input.recipe, input.runId, input.head, input.changes.length, input.only);
  const { commit } = await git.writeCommit({ parent: input.head, changes: input.changes, message });
  failpoint('after-base-commit');
  const ref = runRef(input.prefix, input.runId, 'base');
  if ((await git.createRef(ref, commit)) === 'exists') {
    return (await git.readRef(ref))!;
  }
  return commit;
}
