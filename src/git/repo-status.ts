// What the user's repository is in the middle of, and how many files are uncommitted. Read-only:
// `--no-optional-locks` (added to every git process) keeps `git status` from rewriting the index.

import type { Dirent } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
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
  const [operation, { uncommitted, head }] = await Promise.all([findOperation(worktreeGitDir), readPorcelain(git)]);
  return { ...(operation && { operation }), uncommitted, ...(head !== undefined && { head }) };
}

async function findOperation(gitDir: string): Promise<InProgressOperation | undefined> {
  const present = await Promise.all(OPERATION_MARKERS.map(([marker]) => exists(join(gitDir, marker))));
  return OPERATION_MARKERS.find((_, index) => present[index])?.[1];
}

/**
 * One `git status` for the count and HEAD's commit (porcelain v2's `# branch.oid` header): a
 * command opening the repository starts one git process for both, not two. `--no-ahead-behind`:
 * the upstream's distance, which --branch would otherwise walk history for, is not wanted.
 */
async function readPorcelain(git: GitContext): Promise<{ uncommitted: number; head: string | undefined }> {
  const result = await runGit(git, ['status', '--porcelain=v2', '-z', '--branch', '--no-ahead-behind', '--untracked-files=normal']);
  const fields = result.stdout.toString('utf8').split('\0');
  let uncommitted = 0;
  let head: string | undefined;
  for (let index = 0; index < fields.length; index += 1) {
    const field = fields[index] ?? '';
    if (field === '') continue;
    if (field.startsWith('# ')) {
      const oid = /^# branch\.oid ([0-9a-f]+)$/.exec(field)?.[1];
      if (oid !== undefined) head = oid; // `(initial)` on an unborn branch: no commit
      continue;
    }
    uncommitted += 1;
    // A rename or copy record ("2 …") is followed by its source path as a field of its own.
    if (field.startsWith('2 ')) index += 1;
  }
  return { uncommitted, head };
}

/**
 * `ls-files --others --ignored --directory`: an ignored folder is one entry, not walked. node_modules
 * folders are left out (verify links them), and so are folders git lists because all they hold is
 * ignored when that is node_modules only (`packages/p/` of a workspace).
 */
export async function readIgnoredEntries(git: GitContext): Promise<string[]> {
  const result = await runGit(git, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']);
  const entries = result.stdout.toString('utf8').split('\0');
  const kept: string[] = [];
  for (const path of entries) {
    if (path === '' || /(?:^|\/)node_modules(?:\/|$)/.test(path)) continue;
    if (path.endsWith('/') && (await holdsOnlyModules(join(git.cwd, path), 3))) continue;
    kept.push(path);
  }
  return kept.sort();
}

async function holdsOnlyModules(dir: string, depth: number): Promise<boolean> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules') continue;
    if (!entry.isDirectory() || depth === 0 || !(await holdsOnlyModules(join(dir, entry.name), depth - 1))) return false;
  }
  return true;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
