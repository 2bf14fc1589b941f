// `git ls-tree -r` of a commit, remembered by its tree's oid. A tree never changes, and every step
// of a run lists the same base commit: one ls-tree of a 10,000-file repository costs ~10 ms of
// process start and parsing, paid once instead of once per step (bench/README.md). By tree, not by
// commit: a run's base commit has its source commit's tree when setup changed nothing.

import type { TreeEntry } from '../core/git.js';
import type { RepoPath } from '../core/paths.js';
import { revisionArg, runGit, type GitContext } from './git-process.js';

/** A few trees at most are listed in a run (source, base, a step's parent when stacked). */
const REMEMBERED = 4;

export type ListTree = (commit: string) => Promise<readonly TreeEntry[]>;

/** `treeOf` names a commit's tree through a process already running (cat-file --batch), or undefined. */
export function createTreeLister(git: GitContext, treeOf: (commit: string) => Promise<string | undefined>): ListTree {
  const lists = new Map<string, Promise<readonly TreeEntry[]>>();

  return async (commit) => {
    // A name that names no tree is listed as given: git's own error says what is wrong with it.
    const tree = await treeOf(commit).catch(() => undefined);
    if (tree === undefined) return readTreeList(git, commit);
    let list = lists.get(tree);
    if (list === undefined) {
      list = readTreeList(git, tree);
      list.catch(() => lists.delete(tree));
    }
    lists.delete(tree);
    lists.set(tree, list);
    for (const oldest of lists.keys()) {
      if (lists.size <= REMEMBERED) break;
      lists.delete(oldest);
    }
    return list;
  };
}

async function readTreeList(git: GitContext, commit: string): Promise<readonly TreeEntry[]> {
  const result = await runGit(git, ['ls-tree', '-r', '-z', '--full-tree', revisionArg(commit)]);
  const entries: TreeEntry[] = [];
  for (const record of result.stdout.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode = '', , oid = ''] = record.slice(0, tab).split(' ');
    entries.push(Object.freeze({ path: record.slice(tab + 1) as RepoPath, mode, oid }));
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Shared between callers: frozen, so that no caller can change what the next one gets.
  return Object.freeze(entries);
}
