// Scratch worktrees for verification, owned by codemigrate: one per concurrency slot, created on
// first use and reset (not re-created) for every later step, removed when the run ends. They live
// outside the repository, under <tmp>/codemigrate-worktrees/<hash of the git dir>/<run>/<slot>:
// not inside .git, where tools refuse to read files (Vite's server.fs.deny has **/.git/**, so
// Vitest could not load a config's setupFiles there). The repository's node_modules (and a
// workspace package's own) are linked in; git removes worktrees and cleans them without following
// symlinks, so the linked folders are never touched. When the pool has a dependency install and
// the manifests changed, the install runs once, lazily, in <run>/install (unless the pool adopts
// the one setup ran there), and the slots link that worktree's node_modules instead of the user's.

import { existsSync, lstatSync, readdirSync, readlinkSync, symlinkSync, unlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { GitPort } from '../core/git.js';
import { changedManifests, INSTALL_WORKTREE, installOutcome, type DependencyInstall, type InstallOutcome } from './dependency-install.js';

export class WorktreePool {
  readonly #git: GitPort;
  readonly #dir: string;
  readonly #size: number;
  readonly #free: string[] = [];
  readonly #created: string[] = [];
  readonly #waiting: Array<(dir: string) => void> = [];
  readonly #install: DependencyInstall | undefined;
  #installed: Promise<InstallOutcome> | undefined;
  #installDir: string | undefined;
  // `git worktree add` is not safe to run concurrently in one repository: a second add can read a
  // sibling's half-written .git/worktrees/<n>/commondir and die. Adds run one at a time.
  #adding: Promise<void> = Promise.resolve();

  constructor(git: GitPort, dir: string, size: number, install?: DependencyInstall) {
    this.#git = git;
    this.#dir = dir;
    this.#size = Math.max(1, size);
    this.#install = install;
    // An install already run (setup's) is adopted: its worktree is linked, and removed on close.
    const installed = install?.installed;
    if (installed) this.#installed = Promise.resolve(installed);
    if (installed?.status === 'installed') this.#installDir = installed.dir;
  }

  /**
   * The dependency install the verifies of this pool need: decided and run on the first call, at
   * most once; later and concurrent callers get the same outcome (a failure is not retried).
   */
  prepare(): Promise<InstallOutcome> {
    this.#installed ??= this.#runInstall();
    return this.#installed;
  }

  /**
   * Checks `commit` out in a free worktree, links node_modules for `module`, and runs `fn` in it.
   * Callers check prepare() first: after a failed install there is nothing right to link.
   * `checkoutModules` links the checkout's node_modules whatever the install did: the baseline,
   * taken on the source commit that the checkout was installed for.
   */
  async use<T>(commit: string, module: string, fn: (dir: string) => Promise<T>, options: { checkoutModules?: boolean } = {}): Promise<T> {
    const install = options.checkoutModules ? ({ status: 'not-needed' } as const) : await this.prepare();
    if (install.status === 'failed') throw new Error(install.reason);
    const dir = await this.#acquire();
    try {
      if (existsSync(join(dir, '.git'))) await this.#git.resetWorktree(dir, commit);
      else await this.#addOneAtATime(dir, commit);
      this.#linkNodeModules(dir, module, install.status === 'installed' ? install.dir : this.#git.root);
      return await fn(dir);
    } finally {
      this.#release(dir);
    }
  }

  async #runInstall(): Promise<InstallOutcome> {
    const install = this.#install;
    if (!install) return { status: 'not-needed' };
    const manifests = await changedManifests(this.#git, install.from, install.to);
    if (manifests.length === 0) return { status: 'not-needed' };
    const dir = join(this.#dir, INSTALL_WORKTREE);
    this.#installDir = dir;
    const command = install.command.run;
    install.progress?.({ type: 'install-started', command, manifests });
    await this.#addOneAtATime(dir, install.to);
    const result = await install.run(dir);
    install.progress?.({ type: 'install-finished', command, status: result.status, exitCode: result.exitCode, durationMs: result.durationMs });
    return installOutcome(install.command, dir, result);
  }

  #addOneAtATime(dir: string, commit: string): Promise<void> {
    const added = this.#adding.then(() => this.#git.addWorktree(dir, commit));
    this.#adding = added.catch(() => undefined);
    return added;
  }

  async close(): Promise<void> {
    await this.#installed?.catch(() => undefined);
    for (const dir of this.#created.splice(0)) {
      await this.#git.removeWorktree(dir);
    }
    if (this.#installDir !== undefined) await this.#git.removeWorktree(this.#installDir);
    this.#installDir = undefined;
    await removeEmptyParents(this.#dir);
  }

  async #acquire(): Promise<string> {
    const free = this.#free.pop();
    if (free) return free;
    if (this.#created.length < this.#size) {
      const dir = join(this.#dir, String(this.#created.length));
      this.#created.push(dir);
      return dir;
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(dir: string): void {
    const next = this.#waiting.shift();
    if (next) next(dir);
    else this.#free.push(dir);
  }

  #linkNodeModules(dir: string, module: string, root: string): void {
    const places = module === '.' ? ['.'] : ['.', module];
    for (const place of places) {
      const source = join(root, place, 'node_modules');
      const target = join(dir, place, 'node_modules');
      if (!existsSync(source) || !existsSync(join(dir, place))) continue;
      // A slot keeps its link from step to step (reset spares it); one to other modules is replaced.
      const linked = linkTarget(target);
      if (linked === source) continue;
      if (linked !== undefined) unlinkSync(target);
      else if (pathPresent(target)) continue;
      symlinkSync(source, target, 'dir');
    }
  }
}

/** Where a symlink points, or undefined for anything else (or nothing). */
function linkTarget(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

function pathPresent(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Where the scratch worktrees of a repository's runs live: <root>/<run>/<slot>. */
export function worktreeRoot(gitDir: string): string {
  const base = process.env.CODEMIGRATE_WORKTREE_DIR ?? join(tmpdir(), 'codemigrate-worktrees');
  return join(base, createHash('sha256').update(gitDir).digest('hex').slice(0, 16));
}

/** Removes worktrees (verify slots and install worktrees) that an interrupted run of this repository left behind. */
export async function removeStaleWorktrees(git: GitPort): Promise<number> {
  const root = worktreeRoot(git.gitDir);
  if (!existsSync(root)) return 0;
  let removed = 0;
  for (const run of readdirSync(root, { withFileTypes: true })) {
    if (!run.isDirectory()) continue;
    for (const slot of readdirSync(join(root, run.name))) {
      await git.removeWorktree(join(root, run.name, slot));
      removed += 1;
    }
    await removeEmptyParents(join(root, run.name));
  }
  return removed;
}

/** Removes a run's worktree folder and the repository's, once they are empty. */
export async function removeEmptyParents(dir: string): Promise<void> {
  for (const folder of [dir, dirname(dir)]) {
    if (!(await rmdir(folder).then(() => true, () => false))) return;
  }
}
