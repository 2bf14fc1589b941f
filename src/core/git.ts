// The git port: everything the program asks of git. src/git implements it; nothing else in src
// runs git. Reads go through git objects (never the user's working tree); writes create objects
// and refs only under the run's prefix; every git process runs with hooks silenced.

import type { RepoPath } from './paths.js';

export interface TreeEntry {
  readonly path: RepoPath;
  /** "100644", "100755", "120000" (symlink) or "160000" (submodule; oid is a commit). */
  readonly mode: string;
  readonly oid: string;
}

export type FileChange =
  | { readonly path: RepoPath; readonly content: string | Uint8Array; readonly mode?: string }
  | { readonly path: RepoPath; readonly delete: true };

export interface CommitRecord {
  readonly oid: string;
  readonly tree: string;
  readonly parents: readonly string[];
  readonly message: string;
  /** `Name <email>` of the author line (no date). */
  readonly author: string;
  /** Trailers of the message ("Codemigrate-Step" → "src-a"); the last value wins. */
  readonly trailers: Readonly<Record<string, string>>;
}

export interface RefRecord {
  /** Full ref name: "refs/heads/codemigrate/run/step". */
  readonly ref: string;
  readonly commit: string;
}

export interface FileDiffStat {
  readonly path: string;
  readonly added: number;
  readonly removed: number;
}

export type MergeResult =
  | { readonly status: 'clean'; readonly tree: string }
  | { readonly status: 'conflict'; readonly paths: readonly string[] };

export const IN_PROGRESS_OPERATIONS = ['rebase', 'merge', 'cherry-pick', 'revert', 'bisect'] as const;
export type InProgressOperation = (typeof IN_PROGRESS_OPERATIONS)[number];

export interface RepoStatus {
  readonly operation?: InProgressOperation;
  /** Tracked files with uncommitted changes (index or working tree), and untracked files. */
  readonly uncommitted: number;
  /** HEAD's commit; absent on an unborn branch. */
  readonly head?: string;
}

export interface GitPort {
  /** Top of the working tree. */
  readonly root: string;
  /** The common git directory (".git" of the main worktree), where codemigrate keeps its state. */
  readonly gitDir: string;

  /** The commit HEAD points to; throws CodemigrateError('repo') on an unborn branch. */
  headCommit(): Promise<string>;
  status(): Promise<RepoStatus>;
  /** What git ignores in the checkout (an ignored folder as one `dir/` entry), sorted; nothing inside node_modules. */
  ignoredEntries(): Promise<readonly string[]>;

  /** Every file of a commit's tree, recursively, sorted by path. */
  listTree(commit: string): Promise<readonly TreeEntry[]>;
  readBlobs(oids: readonly string[]): Promise<readonly Uint8Array[]>;
  readCommit(commit: string): Promise<CommitRecord>;

  /** Writes blobs, trees and a commit whose tree is `parent`'s tree with `changes` applied. Writes no ref. */
  writeCommit(input: {
    readonly parent: string;
    readonly changes: readonly FileChange[];
    readonly message: string;
  }): Promise<{ readonly commit: string; readonly tree: string }>;
  /** Writes a commit object for an existing tree. Writes no ref. */
  commitTree(input: { readonly tree: string; readonly parents: readonly string[]; readonly message: string }): Promise<string>;

  /** Creates a ref that must not exist yet (expected old value: none). */
  createRef(ref: string, commit: string): Promise<'created' | 'exists'>;
  /** Moves a ref only if it still points to `expectedOld`. */
  updateRef(ref: string, commit: string, expectedOld: string): Promise<'updated' | 'moved'>;
  deleteRef(ref: string, expectedOld?: string): Promise<void>;
  listRefs(prefix: string): Promise<readonly RefRecord[]>;
  /** The commit one ref (its full name) points to, or undefined when there is no such ref. */
  readRef(ref: string): Promise<string | undefined>;

  /** Unified diff between two commits (optionally restricted to paths). */
  diff(from: string, to: string): Promise<string>;
  diffStat(from: string, to: string): Promise<readonly FileDiffStat[]>;
  /** Of `paths`, those `to` holds as a copy (git's copy detection) of another of them in `from`: copy → origin. */
  copiedFiles(from: string, to: string, paths: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Three-way merge of trees without touching any working tree (git merge-tree --write-tree). */
  mergeTree(mergeBase: string, ours: string, theirs: string): Promise<MergeResult>;

  /** Scratch worktrees, owned by codemigrate, detached, hooks silenced. */
  addWorktree(dir: string, commit: string): Promise<void>;
  /** A worktree for a person, on a branch (not detached): `review STEP --checkout`. */
  addBranchWorktree(dir: string, branch: string): Promise<void>;
  /** Moves an existing scratch worktree to `commit`, discarding anything left in it. */
  resetWorktree(dir: string, commit: string): Promise<void>;
  removeWorktree(dir: string): Promise<void>;
  /**
   * Of `paths`, those a scratch worktree holds changed from its checked-out commit, or new and not
   * ignored by the repository's ignore rules; deleted ones are left out. Sorted.
   */
  changedInWorktree(dir: string, paths: readonly RepoPath[]): Promise<readonly RepoPath[]>;

  /** Branches checked out in a worktree of the repository (the main one too): full ref → directory. */
  checkedOutBranches(): Promise<ReadonlyMap<string, string>>;
  close(): Promise<void>;
}
