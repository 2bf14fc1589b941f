// `codemigrate clean RUN [--yes]`: delete one run: its branches (<prefix>/<run>/*), its state
// (.git/codemigrate/<run>) and the scratch worktrees it left. Only after a confirmation: `--yes`,
// or a "y" typed at a terminal. The user's checkout, other runs and their branches are not touched.

import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../config/index.js';
import { usageError } from '../core/errors.js';
import type { GitPort } from '../core/git.js';
import { runRef } from '../core/trailers.js';
import { worktreeRoot, removeEmptyParents } from '../runner/worktree-pool.js';
import { checkRunId, openRunStore, runsDir } from '../state/store.js';
import { lockRepository } from './repo-lock.js';
import { openRepository } from './repository.js';

export interface CleanPlan {
  readonly runId: string;
  readonly branches: readonly { readonly ref: string; readonly commit: string }[];
  /** `.git/codemigrate/<run>`, when it exists. */
  readonly stateDir?: string;
  readonly worktrees: readonly string[];
}

export interface CleanOptions {
  readonly repo: string;
  readonly runId: string;
  /** Asked with the plan when there is no --yes; true goes on. Absent: the plan is refused. */
  readonly confirm?: (plan: CleanPlan) => Promise<boolean>;
  readonly yes?: boolean;
}

export type CleanReport = CleanPlan & { readonly removed: boolean };

export async function cleanRun(options: CleanOptions): Promise<CleanReport> {
  const problem = checkRunId(options.runId);
  if (problem !== undefined) throw usageError(`clean: run id ${JSON.stringify(options.runId)}: ${problem}`);
  const repo = await openRepository(options.repo);
  const { git } = repo;
  try {
    const early = await cleanPlan(git, options.runId);
    if (!options.yes) {
      if (!options.confirm) throw usageError(`clean ${options.runId} would delete ${describePlan(early)}; nothing was deleted: pass --yes to confirm`);
      if (!(await options.confirm(early))) return { ...early, removed: false };
    }
    const lock = await lockRepository(git.gitDir, { runId: options.runId, command: 'clean' });
    try {
      // Read again under the lock: what a resume or land wrote meanwhile goes too.
      const plan = await cleanPlan(git, options.runId);
      for (const dir of plan.worktrees) await git.removeWorktree(dir);
      for (const dir of runWorktreeDirs(git.gitDir, options.runId)) await removeEmptyParents(dir);
      for (const branch of plan.branches) await git.deleteRef(branch.ref, branch.commit);
      // Last: until the state is gone the run still exists, so an interrupted clean can be run again.
      if (plan.stateDir) await rm(plan.stateDir, { recursive: true, force: true });
      return { ...plan, removed: true };
    } finally {
      await lock.release();
    }
  } finally {
    await git.close();
  }
}

/** One line: what a clean of the run deletes. */
export function describePlan(plan: CleanPlan): string {
  return `${plan.branches.length} branch(es), ${plan.stateDir ? 'its state' : 'no state'} and ${plan.worktrees.length} worktree(s) of run ${plan.runId}`;
}

async function cleanPlan(git: GitPort, runId: string): Promise<CleanPlan> {
  const config = await loadConfig(git.root);
  const stored = await openRunStore(git.gitDir, runId).load().catch(() => undefined);
  // The state's prefix wins: the config's may have changed since the run started.
  const prefixes = [...new Set([stored?.prefix, config.branchPrefix].filter((prefix): prefix is string => prefix !== undefined))];
  const branches = (await Promise.all(prefixes.map((prefix) => git.listRefs(runRef(prefix, runId, ''))))).flat();
  const stateDir = join(runsDir(git.gitDir), runId);
  const hasState = existsSync(stateDir);
  if (branches.length === 0 && !hasState) throw usageError(`clean: run ${runId} not found in ${git.root} (no state under .git/codemigrate/${runId} and no branch under ${config.branchPrefix}/${runId}/)`);
  const checkedOut = await git.checkedOutBranches();
  for (const branch of branches) {
    const holder = checkedOut.get(branch.ref);
    if (holder !== undefined) {
      throw usageError(`clean: ${branch.ref.slice('refs/heads/'.length)} is checked out in ${holder}; switch that checkout to another branch first (git switch -), then clean again; nothing was deleted`);
    }
  }
  const worktrees = runWorktreeDirs(git.gitDir, runId).flatMap((dir) => (existsSync(dir) ? readdirSync(dir).map((slot) => join(dir, slot)) : []));
  return { runId, branches, ...(hasState ? { stateDir } : {}), worktrees };
}

/** Where a run's scratch worktrees live: its verify slots and installs, and land's. */
function runWorktreeDirs(gitDir: string, runId: string): string[] {
  const root = worktreeRoot(gitDir);
  return [join(root, runId), join(root, `${runId}-land`)];
}
