// `git ls-tree -r` of a commit, remembered by commit oid. A commit's tree never changes, and every
// step of a run lists the same base commit: one ls-tree of a 10,000-file repository costs ~10 ms
// of process start and parsing, paid once instead of once per step (bench/README.md).

import type { TreeEntry } from '../core/git.js';
import type { RepoPath } from '../core/paths.js';
import { revisionArg, runGit, type GitContext } from './git-process.js';

/** A few commits at most are listed in a run (source, base, a step's parent when stacked). */
const REMEMBERED = 4;

export type ListTree = (commit: string) => Promise<readonly TreeEntry[]>;

export function createTreeLister(git: GitContext, oidLength: number): ListTree {
  const lists = new Map<string, Promise<readonly TreeEntry[]>>();
  const isOid = (name: string) => name.length === oidLength && /^[0-9a-f]+$/.test(name);

  return (commit) => {
    // A name (HEAD, a branch) can move: only a full oid is remembered.
    if (!isOid(commit)) return readTreeList(git, commit);
    let list = lists.get(commit);
    if (list === undefined) {
      list = readTreeList(git, commit);
      list.catch(() => lists.delete(commit));
    }
    lists.delete(commit);
    lists.set(commit, list);
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
