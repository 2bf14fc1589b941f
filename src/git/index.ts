// The git adapter: openGitRepo(dir) → GitPort. Reads go through one long-lived cat-file process;
// commits are written as loose objects from Node (no index, no working tree); refs, diffs, merges
// and worktrees through plumbing. Every process runs with hooks silenced and without the model's
// secrets (git-process.ts).

import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CodemigrateError, repoError } from '../core/errors.js';
import type { GitPort } from '../core/git.js';
import { CatFileBatch } from './cat-file-batch.js';
import { parseCommit, serializeCommit } from './commit-codec.js';
import { copiedFiles, diffStat, diffText } from './diffs.js';
import { gitContext, revisionArg, runGit, type GitContext } from './git-process.js';
import { readIdentity, stamp, type Identity } from './identity.js';
import { mergeTrees, type MergeObjects } from './merge-tree.js';
import { createObjectWriter, HASH_ALGORITHMS, oidBytes, type HashAlgorithm, type ObjectType, type ObjectWriter } from './object-writer.js';
import { createRefCreator } from './ref-writer.js';
import * as refs from './refs.js';
import { readIgnoredEntries, readRepoStatus } from './repo-status.js';
import { parseSharedRepository, type SharedPerm } from './shared-perm.js';
import { parseTree } from './tree-codec.js';
import { createTreeLister } from './tree-list.js';
import { editTree, type TreeStore } from './tree-edit.js';
import * as worktrees from './worktrees.js';

interface RepoLayout {
  readonly root: string;
  readonly commonDir: string;
  /** The git dir of the opened worktree (differs from commonDir in a linked worktree). */
  readonly worktreeGitDir: string;
  readonly objectsDir: string;
  readonly algorithm: HashAlgorithm;
}

export { checkoutDetached, checkRemote, ensureClone, fetchRef, listRemoteRefs, mirrorRemoteRefs, pushRef, readLocalRef, type PushResult } from './remote.js';

export interface OpenOptions {
  /**
   * Names of environment variables that no git process of the port may see (the configured API
   * key's), besides the default secret names, which are hidden always. Asked with the repository's
   * root (where its config lives) before any git process but the one that finds that root.
   */
  readonly hiddenVariables?: (root: string) => readonly string[] | Promise<readonly string[]>;
}

export async function openGitRepo(dir: string, options: OpenOptions = {}): Promise<GitPort> {
  const layout = await locateRepo(dir);
  const hidden = (await options.hiddenVariables?.(layout.root)) ?? [];
  return createGitPort(layout, gitContext(layout.root, hidden));
}

async function locateRepo(dir: string): Promise<RepoLayout> {
  const notRepo = repoError(`${dir}: not a git repository`);
  const isDirectory = await stat(dir).then((stats) => stats.isDirectory(), () => false);
  if (!isDirectory) throw notRepo;
  const args = ['rev-parse', '--path-format=absolute', '--is-bare-repository', '--git-common-dir', '--git-dir']
    .concat(['--git-path', 'objects', '--show-object-format', '--show-toplevel']);
  // Reads no file of the tree and runs nothing of the repository's: the default secrets hidden suffice.
  const result = await runGit(gitContext(resolve(dir)), args, { okExitCodes: [0, 128] });
  const [bare, commonDir, worktreeGitDir, objectsDir, format, root] = result.stdout.toString('utf8').split('\n');
  if (bare === 'true') throw repoError(`${dir}: is a bare repository; codemigrate needs a working tree`);
  if (/dubious ownership/.test(result.stderr)) {
    const hint = 'see `git config --global --add safe.directory`';
    throw repoError(`${dir}: git refuses a repository owned by another user; ${hint}`);
  }
  if (result.exitCode !== 0 || !commonDir || !worktreeGitDir || !objectsDir || !root) throw notRepo;
  const algorithm = HASH_ALGORITHMS.find((name) => name === format);
  if (!algorithm) throw repoError(`${dir}: unsupported object format ${JSON.stringify(format)}`);
  return { root, commonDir, worktreeGitDir, objectsDir, algorithm };
}

/** core.sharedRepository of the repository (exit 1: unset). */
async function readSharedPerm(git: GitContext): Promise<SharedPerm> {
  const result = await runGit(git, ['config', '--get', 'core.sharedRepository'], { okExitCodes: [0, 1] });
  return parseSharedRepository(result.exitCode === 0 ? result.stdout.toString('utf8').replace(/\n$/, '') : undefined);
}

/**
 * Full ref names that cat-file reads as the ref and nothing else: no `^`, `~`, `:`, `@{` or `..`.
 * A missing one is also looked for under git's other rules for short names (refs/tags/<name>,
 * refs/heads/<name>…), which only a branch named "refs/…" itself could answer: git warns when
 * such a name is created, and no codemigrate ref is one.
 */
const LITERAL_REF = /^refs\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

function createGitPort(layout: RepoLayout, git: GitContext): GitPort {
  const { root, algorithm } = layout;
  const batch = new CatFileBatch(git);
  let identity: Promise<Identity> | undefined;
  const owner = { root, commonDir: layout.commonDir, git };
  const refCreator = createRefCreator(git);

  // Made at the first write, once core.sharedRepository is read: commands that only read never ask.
  let writer: Promise<ObjectWriter> | undefined;
  const writeObject = async (type: ObjectType, body: Uint8Array) => {
    writer ??= readSharedPerm(git).then(
      (shared) => createObjectWriter(layout.objectsDir, algorithm, shared),
      (error: unknown) => {
        writer = undefined; // asked again at the next write
        throw error;
      },
    );
    return (await writer)(type, body);
  };

  async function readObject(name: string, type: string): Promise<{ oid: string; content: Buffer }> {
    const object = await batch.read(name);
    if (!object) throw new CodemigrateError('git', `${name}: no such object in ${root}`);
    if (object.type !== type) throw new CodemigrateError('git', `${name}: is a ${object.type}, not a ${type}`);
    return object;
  }

  const store: TreeStore = {
    async readTree(name) {
      const tree = await readObject(name, 'tree');
      return { oid: tree.oid, entries: parseTree(tree.content, oidBytes(algorithm)) };
    },
    writeObject,
  };

  const resolveCommit = async (name: string) => (await readObject(`${name}^{commit}`, 'commit')).oid;
  const resolveTree = async (name: string) => (await readObject(`${name}^{tree}`, 'tree')).oid;
  const listTree = createTreeLister(git, async (name) => {
    const tree = await batch.read(`${name}^{tree}`);
    return tree?.type === 'tree' ? tree.oid : undefined;
  });

  async function writeCommitObject(tree: string, parents: readonly string[], message: string): Promise<string> {
    identity ??= readIdentity(git).catch((error: unknown) => {
      identity = undefined;
      throw error;
    });
    const { author, committer } = await identity;
    const now = new Date();
    return writeObject(
      'commit',
      serializeCommit({ tree, parents, author: stamp(author, now), committer: stamp(committer, now), message }),
    );
  }

  const mergeObjects: MergeObjects = {
    resolveTree,
    writeCommitObject: (tree, parents, signature, message) =>
      writeObject('commit', serializeCommit({ tree, parents, author: signature, committer: signature, message })),
  };

  return {
    root,
    gitDir: layout.commonDir,

    async headCommit() {
      const result = await runGit(git, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { okExitCodes: [0, 1] });
      const oid = result.stdout.toString('utf8').trim();
      if (result.exitCode === 0 && oid) return oid;
      throw repoError(`${root}: HEAD has no commit yet (unborn branch); commit something first`);
    },

    status: () => readRepoStatus(git, layout.worktreeGitDir),

    ignoredEntries: () => readIgnoredEntries(git),

    listTree,

    async readBlobs(oids) {
      return Promise.all(oids.map(async (oid) => (await readObject(oid, 'blob')).content));
    },

    async readCommit(commit) {
      const object = await readObject(`${commit}^{commit}`, 'commit');
      return parseCommit(object.oid, object.content);
    },

    async writeCommit({ parent, changes, message }) {
      const [parentOid, tree] = await Promise.all([
        resolveCommit(parent),
        editTree(store, `${parent}^{tree}`, changes),
      ]);
      return { commit: await writeCommitObject(tree, [parentOid], message), tree };
    },

    async commitTree({ tree, parents, message }) {
      const [treeOid, parentOids] = await Promise.all([resolveTree(tree), Promise.all(parents.map(resolveCommit))]);
      return writeCommitObject(treeOid, parentOids, message);
    },

    createRef: (ref, commit) => refCreator.create(ref, commit),
    updateRef: (ref, commit, expectedOld) => refs.updateRef(git, ref, commit, expectedOld),
    deleteRef: (ref, expectedOld) => refs.deleteRef(git, ref, expectedOld),
    listRefs: (prefix) => refs.listRefs(git, prefix),

    // Through the cat-file process already open, not a for-each-ref of its own: a run looks its
    // steps' branches up one by one, and each process costs its parent a fork (bench/README.md).
    // A name with revision syntax in it (or any character outside LITERAL_REF) is listed instead.
    async readRef(ref) {
      if (!LITERAL_REF.test(ref) || ref.includes('..')) return (await refs.listRefs(git, ref)).find((record) => record.ref === ref)?.commit;
      return (await batch.read(ref))?.oid;
    },

    diff: (from, to) => diffText(git, from, to),
    diffStat: (from, to) => diffStat(git, from, to),
    copiedFiles: (from, to, paths) => copiedFiles(git, from, to, paths),

    mergeTree: (mergeBase, ours, theirs) => mergeTrees(git, mergeObjects, mergeBase, ours, theirs),

    addWorktree: (dir, commit) => worktrees.addWorktree(owner, dir, commit),
    addBranchWorktree: (dir, branch) => worktrees.addBranchWorktree(owner, dir, branch),
    resetWorktree: (dir, commit) => worktrees.resetWorktree(owner, dir, commit),
    removeWorktree: (dir) => worktrees.removeWorktree(owner, dir),
    changedInWorktree: (dir, paths) => worktrees.changedInWorktree(owner, dir, paths),
    checkedOutBranches: () => worktrees.checkedOutBranches(owner),

    async close() {
      await Promise.all([batch.close(), refCreator.close()]);
    },
  };
}
