// Scratch worktrees for verification, owned by codemigrate: one per concurrency slot, created on
// first use and reset (not re-created) for every later step, removed when the run ends. They live
// under <git-dir>/codemigrate/<run>/worktrees/, so Node's module resolution walking up from them
// still reaches the repository's own node_modules; symlinks make that explicit for tools that do
// not walk up, and for workspace packages with node_modules of their own. git removes worktrees
// and cleans them without following symlinks, so the linked folders are never touched.

import { existsSync, lstatSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { GitPort } from '../core/git.js';

export class WorktreePool {
  readonly #git: GitPort;
  readonly #dir: string;
  readonly #size: number;
  readonly #free: string[] = [];
  readonly #created: string[] = [];
  readonly #waiting: Array<(dir: string) => void> = [];

  constructor(git: GitPort, dir: string, size: number) {
    this.#git = git;
    this.#dir = dir;
    this.#size = Math.max(1, size);
  }

  /** Checks `commit` out in a free worktree, links node_modules for `module`, and runs `fn` in it. */
  async use<T>(commit: string, module: string, fn: (dir: string) => Promise<T>): Promise<T> {
    const dir = await this.#acquire();
    try {
      if (existsSync(join(dir, '.git'))) await this.#git.resetWorktree(dir, commit);
      else await this.#git.addWorktree(dir, commit);
      this.#linkNodeModules(dir, module);
      return await fn(dir);
    } finally {
      this.#release(dir);
    }
  }

  async close(): Promise<void> {
    for (const dir of this.#created.splice(0)) {
      await this.#git.removeWorktree(dir);
    }
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

  #linkNodeModules(dir: string, module: string): void {
    const root = this.#git.root;
    const places = module === '.' ? ['.'] : ['.', module];
    for (const place of places) {
      const source = join(root, place, 'node_modules');
      const target = join(dir, place, 'node_modules');
      if (!existsSync(source) || !existsSync(join(dir, place)) || pathPresent(target)) continue;
      symlinkSync(source, target, 'dir');
    }
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

/** Removes worktrees that an interrupted run left under <git-dir>/codemigrate/<run>/worktrees/. */
export async function removeStaleWorktrees(git: GitPort, stateRoot: string): Promise<number> {
  if (!existsSync(stateRoot)) return 0;
  let removed = 0;
  for (const run of readdirSync(stateRoot, { withFileTypes: true })) {
    const worktrees = join(stateRoot, run.name, 'worktrees');
    if (!run.isDirectory() || !existsSync(worktrees)) continue;
    for (const slot of readdirSync(worktrees)) {
      await git.removeWorktree(join(worktrees, slot));
      removed += 1;
    }
  }
  return removed;
}
