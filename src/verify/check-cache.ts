// A check's cache, `{cache}` in its command: a folder the tool keeps what it may reuse in
// (`tsc --incremental --tsBuildInfoFile {cache}/tsc.tsbuildinfo`, `eslint --cache-location`).
// The baseline's runs keep theirs in the run's store (the run on setup's commit last: the steps
// are built on it); each step's check starts from a copy of it and its own writes are dropped, so
// that no step's verdict depends on which steps ran before it in that slot.
//
// The folder is inside the scratch worktree, at the same place in every one: tools that record
// paths relative to their cache file (tsc's build info does) then find the same names in the
// baseline's slot and a step's. It is removed from the worktree after the check.

import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The store's folder in a run's directory (`.git/codemigrate/<run>/check-cache`). */
export const CHECK_CACHE_STORE = 'check-cache';

/** The folder, in a worktree, that `{cache}` names a subfolder of. */
export const CHECK_CACHE_DIR = '.codemigrate-check-cache';

export interface CheckCache {
  /** The run's store of check caches (`.git/codemigrate/<run>/check-cache`). */
  readonly store: string;
  /** `keep`: the baseline's runs, whose caches the store keeps; `seed`: a step's or land's, which start from them. */
  readonly mode: 'keep' | 'seed';
}

/** A check's key in the store: its command, so that the same check keeps one cache whatever its place in a list. */
function cacheKey(command: string): string {
  return createHash('sha256').update(command).digest('hex').slice(0, 16);
}

/** The check's `{cache}` folder in `cwd`, seeded from the store for a step. */
export function openCheckCache(cwd: string, command: string, cache: CheckCache | undefined): string {
  const dir = join(cwd, CHECK_CACHE_DIR, cacheKey(command));
  rmSync(dir, { recursive: true, force: true });
  const stored = cache && join(cache.store, cacheKey(command));
  if (cache?.mode === 'seed' && stored !== undefined && existsSync(stored)) cpSync(stored, dir, { recursive: true });
  else mkdirSync(dir, { recursive: true });
  return dir;
}

/** After the check: the baseline's cache goes into the store (replacing the one before); the worktree's copy goes. */
export function closeCheckCache(cwd: string, command: string, cache: CheckCache | undefined): void {
  const dir = join(cwd, CHECK_CACHE_DIR, cacheKey(command));
  if (cache?.mode === 'keep' && existsSync(dir)) {
    const stored = join(cache.store, cacheKey(command));
    rmSync(stored, { recursive: true, force: true });
    cpSync(dir, stored, { recursive: true });
  }
  rmSync(join(cwd, CHECK_CACHE_DIR), { recursive: true, force: true });
}
