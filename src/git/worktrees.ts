// Scratch worktrees that codemigrate owns: detached, hooks silenced (no post-checkout), and
// reset or removed only after checking that the directory really is one of this repository's
// linked worktrees — a `checkout -f` + `clean -ffdx` aimed at the user's tree would destroy work.

import { existsSync } from 'node:fs';
import { realpath, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CodemigrateError } from '../core/errors.js';
import type { RepoPath } from '../core/paths.js';
import { gitIn, revisionArg, runGit, type GitContext } from './git-process.js';

export interface WorktreeOwner {
  /** The main worktree (never reset nor removed). */
  readonly root: string;
  readonly commonDir: string;
  /** Git in the main worktree; the scratch worktrees get the same environment. */
  readonly git: GitContext;
}

export async function addWorktree(owner: WorktreeOwner, dir: string, commit: string): Promise<void> {
  await runGit(owner.git, ['worktree', 'add', '--detach', '--force', resolve(dir), revisionArg(commit)]);
}

/** A person's worktree on `branch` (its short name): their commits move the branch. Git refuses a branch checked out elsewhere. */
export async function addBranchWorktree(owner: WorktreeOwner, dir: string, branch: string): Promise<void> {
  await runGit(owner.git, ['worktree', 'add', resolve(dir), revisionArg(branch)]);
}

export async function resetWorktree(owner: WorktreeOwner, dir: string, commit: string): Promise<void> {
  const path = resolve(dir);
  await assertScratchWorktree(owner, path);
  await runGit(gitIn(owner.git, path), ['checkout', '--detach', '-f', revisionArg(commit)]);
  // A node_modules symlink placed by the verifier survives; everything else untracked goes.
  await runGit(gitIn(owner.git, path), ['clean', '-ffdx', '-e', 'node_modules']);
}

/**
 * Succeeds when the directory is already gone, and for worktrees git refuses to remove (submodules).
 * A removal git made itself took the worktree's entry under .git/worktrees with it; only when git
 * could not (the folder was gone, or removed here) is the entry left for `worktree prune`.
 */
export async function removeWorktree(owner: WorktreeOwner, dir: string): Promise<void> {
  const path = resolve(dir);
  try {
    await runGit(owner.git, ['worktree', 'remove', '--force', '--force', path]);
    return;
  } catch (error) {
    if (existsSync(path)) {
      if (!(await isRegisteredWorktree(owner, path))) {
        // Never deleted: a folder that is not one of the repository's worktrees may be anyone's.
        const reason = error instanceof Error ? error.message : String(error);
        throw new CodemigrateError('git', [`${path} exists and is not a worktree of ${owner.root}: a run killed earlier may have left it, or something else uses it; check it and delete it by hand to go on`, reason], { cause: error });
      }
      await rm(path, { recursive: true, force: true });
    }
  }
  await runGit(owner.git, ['worktree', 'prune']);
}

/** Changed or new (not ignored) files among `paths` in a scratch worktree; deletions are left out. */
export async function changedInWorktree(owner: WorktreeOwner, dir: string, paths: readonly RepoPath[]): Promise<RepoPath[]> {
  if (paths.length === 0) return [];
  const path = resolve(dir);
  await assertScratchWorktree(owner, path);
  const pathspecs = paths.map((candidate) => `:(literal)${candidate}`);
  const result = await runGit(gitIn(owner.git, path), ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', ...pathspecs]);
  // Each record is "XY <path>"; with --no-renames there is no second path.
  const records = result.stdout.toString('utf8').split('\0').filter(Boolean);
  const changed = records.filter((record) => record[0] !== 'D' && record[1] !== 'D').map((record) => record.slice(3) as RepoPath);
  return changed.sort();
}

async function assertScratchWorktree(owner: WorktreeOwner, path: string): Promise<void> {
  const result = await runGit(gitIn(owner.git, path), ['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-common-dir'], {
    okExitCodes: [0, 128],
  });
  const [top, common] = result.stdout.toString('utf8').split('\n');
  const ok =
    result.exitCode === 0 &&
    top !== undefined &&
    common !== undefined &&
    (await sameFile(top, path)) &&
    (await sameFile(common, owner.commonDir)) &&
    !(await sameFile(top, owner.root));
  if (!ok) throw new CodemigrateError('internal', `${path}: not a scratch worktree of ${owner.root}`);
}

/** Branches checked out in any worktree of the repository (the main one too): full ref → its directory. */
export async function checkedOutBranches(owner: WorktreeOwner): Promise<ReadonlyMap<string, string>> {
  const result = await runGit(owner.git, ['worktree', 'list', '--porcelain', '-z']);
  const branches = new Map<string, string>();
  let dir = '';
  for (const field of result.stdout.toString('utf8').split('\0')) {
    if (field.startsWith('worktree ')) dir = field.slice('worktree '.length);
    else if (field.startsWith('branch ')) branches.set(field.slice('branch '.length), dir);
  }
  return branches;
}

async function isRegisteredWorktree(owner: WorktreeOwner, path: string): Promise<boolean> {
  const result = await runGit(owner.git, ['worktree', 'list', '--porcelain', '-z']);
  const paths = result.stdout
    .toString('utf8')
    .split('\0')
    .filter((field) => field.startsWith('worktree '))
    .map((field) => field.slice('worktree '.length));
  for (const registered of paths.slice(1)) {
    if (await sameFile(registered, path)) return true;
  }
  return false;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [realA, realB] = await Promise.all([realpath(a).catch(() => resolve(a)), realpath(b).catch(() => resolve(b))]);
  return realA === realB;
}
