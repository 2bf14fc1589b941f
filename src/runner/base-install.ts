// The install whose lockfiles become part of a run's base. When setup changed a dependency
// manifest, the install runs in the scratch worktree <run>/install, checked out at a provisional
// commit (the source plus setup's changes; no ref points to it), and every lockfile it created or
// changed there joins setup's changes, so that the base, every step on it and land's result
// install from their own lockfile. On success the worktree is left for the run's verify worktrees
// to link its node_modules (the pool that adopts it removes it); on failure or abort it is removed.

import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileChange, GitPort } from '../core/git.js';
import type { RepoPath } from '../core/paths.js';
import type { VerifyCommand } from '../core/recipe.js';
import type { VerifyResult } from '../core/verify.js';
import { installOutcome, isDependencyManifest, type InstallEvent, type InstallOutcome } from './dependency-install.js';
import { removeEmptyParents } from './worktree-pool.js';

export const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'] as const;

export interface BaseInstallInput {
  readonly source: string;
  /** Setup's changes to the source commit. */
  readonly changes: readonly FileChange[];
  readonly command: VerifyCommand;
  /** Runs the command in `cwd` through the verify runner (environment, timeout, process group, tail). */
  readonly run: (cwd: string) => Promise<VerifyResult>;
  /** The install worktree: <worktree root>/<run>/install. */
  readonly dir: string;
  /** The provisional commit's message. */
  readonly message: string;
  readonly progress?: (event: InstallEvent) => void;
}

export type BaseInstall =
  /** Setup changed no dependency manifest: the run installs nothing and verify links the checkout's node_modules. */
  | { readonly status: 'not-needed' }
  /** `lockfiles`: what the install created or changed, to commit with setup's changes. */
  | { readonly status: 'installed'; readonly dir: string; readonly lockfiles: readonly FileChange[] }
  | Extract<InstallOutcome, { status: 'failed' }>;

/** Pure: the dependency manifests setup's changes touch, sorted. */
export function setupManifests(changes: readonly FileChange[]): RepoPath[] {
  return changes.map((change) => change.path).filter((path) => isDependencyManifest(path)).sort();
}

/** Pure: where an install may write a lockfile: beside every manifest of the tree, outside node_modules. */
export function lockfileCandidates(paths: readonly string[]): RepoPath[] {
  const dirs = new Set<string>();
  for (const path of paths) {
    if (!isDependencyManifest(path)) continue;
    const slash = path.lastIndexOf('/');
    dirs.add(slash < 0 ? '' : path.slice(0, slash + 1));
  }
  return [...dirs].flatMap((dir) => LOCKFILES.map((name) => `${dir}${name}` as RepoPath)).sort();
}

export async function installForBase(git: GitPort, input: BaseInstallInput): Promise<BaseInstall> {
  const manifests = setupManifests(input.changes);
  if (manifests.length === 0) return { status: 'not-needed' };
  const { commit } = await git.writeCommit({ parent: input.source, changes: input.changes, message: input.message });
  input.progress?.({ type: 'install-started', command: input.command.run, manifests });
  let kept = false;
  try {
    await git.addWorktree(input.dir, commit);
    const result = await input.run(input.dir);
    input.progress?.({ type: 'install-finished', command: input.command.run, status: result.status, exitCode: result.exitCode, durationMs: result.durationMs });
    const outcome = installOutcome(input.command, input.dir, result);
    if (outcome.status === 'failed') return outcome;
    const candidates = lockfileCandidates((await git.listTree(commit)).map((entry) => entry.path));
    const changed = await git.changedInWorktree(input.dir, candidates);
    const lockfiles = await Promise.all(changed.map(async (path) => ({ path, content: new Uint8Array(await readFile(join(input.dir, path))) })));
    kept = true;
    return { status: 'installed', dir: input.dir, lockfiles };
  } finally {
    if (!kept) await removeInstallWorktree(git, input.dir);
  }
}

/** Removes the install worktree, and the run's worktree folder when nothing else is left in it. */
export async function removeInstallWorktree(git: GitPort, dir: string): Promise<void> {
  await git.removeWorktree(dir);
  await removeEmptyParents(dirname(dir));
}
