// What the user's repository is in the middle of, and how many files are uncommitted. Read-only:
// `--no-optional-locks` (added to every git process) keeps `git status` from rewriting the index.

import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { InProgressOperation, RepoStatus } from '../core/git.js';
import { runGit, type GitContext } from './git-process.js';

// Checked in order: a rebase that stopped on a conflict also leaves CHERRY_PICK_HEAD or MERGE_HEAD.
const OPERATION_MARKERS: readonly (readonly [string, InProgressOperation])[] = [
  ['rebase-merge', 'rebase'],
  ['rebase-apply', 'rebase'],
  ['MERGE_HEAD', 'merge'],
  ['CHERRY_PICK_HEAD', 'cherry-pick'],
  ['REVERT_HEAD', 'revert'],
  ['BISECT_LOG', 'bisect'],
];

/** `worktreeGitDir` is the git dir of the worktree itself (`rev-parse --git-dir`), not the common one. */
export async function readRepoStatus(git: GitContext, worktreeGitDir: string): Promise<RepoStatus> {
  const [operation, uncommitted] = await Promise.all([
    findOperation(worktreeGitDir),
    countUncommitted(git),
  ]);
  return operation ? { operation, uncommitted } : { uncommitted };
}

async function findOperation(gitDir: string): Promise<InProgressOperation | undefined> {
  const present = await Promise.all(OPERATION_MARKERS.map(([marker]) => exists(join(gitDir, marker))));
  return OPERATION_MARKERS.find((_, index) => present[index])?.[1];
}

async function countUncommitted(git: GitContext): Promise<number> {
  const result = await runGit(git, ['status', '--porcelain=v1', '-z', '--untracked-files=normal']);
  const fields = result.stdout.toString('utf8').split('\0');
  let count = 0;
  for (let index = 0; index < fields.length; index += 1) {
    const field = fields[index] ?? '';
    if (field.length < 4) continue;
    count += 1;
    // A rename or copy is followed by its source path as a field of its own.
    if (/^[RC]|^.[RC]/.test(field)) index += 1;
  }
  return count;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
