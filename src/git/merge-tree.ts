// Three-way merge without a working tree. git 2.39's merge-tree has no --merge-base (2.40 added
// it) and finds the base itself, so the merge runs between two throwaway commits whose only
// common ancestor is a commit of the base's tree: the result is that of a merge with the given
// base, on any git since 2.38. The throwaway commits are fixed (no time, fixed identity), so
// the same inputs reuse the same objects.

import type { MergeResult } from '../core/git.js';
import { runGit, type GitContext } from './git-process.js';

export interface MergeObjects {
  /** The oid of the tree that `name` (a commit or a tree) denotes. */
  resolveTree(name: string): Promise<string>;
  writeCommitObject(tree: string, parents: readonly string[], signature: string, message: string): Promise<string>;
}

const SIGNATURE = 'codemigrate <codemigrate@localhost> 0 +0000';

export async function mergeTrees(
  git: GitContext,
  objects: MergeObjects,
  mergeBase: string,
  ours: string,
  theirs: string,
): Promise<MergeResult> {
  const [baseTree, oursTree, theirsTree] = await Promise.all([
    objects.resolveTree(mergeBase),
    objects.resolveTree(ours),
    objects.resolveTree(theirs),
  ]);
  const base = await objects.writeCommitObject(baseTree, [], SIGNATURE, 'merge base\n');
  const [oursCommit, theirsCommit] = await Promise.all([
    objects.writeCommitObject(oursTree, [base], SIGNATURE, 'ours\n'),
    objects.writeCommitObject(theirsTree, [base], SIGNATURE, 'theirs\n'),
  ]);
  const result = await runGit(
    git,
    ['merge-tree', '--write-tree', '-z', '--name-only', '--no-messages', oursCommit, theirsCommit],
    { okExitCodes: [0, 1] },
  );
  const [tree = '', ...paths] = result.stdout.toString('utf8').split('\0');
  if (result.exitCode === 0) return { status: 'clean', tree };
  return { status: 'conflict', paths: [...new Set(paths.filter((path) => path.length > 0))] };
}
