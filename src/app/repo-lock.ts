// The repository lock, taken first thing by the commands that write, so that a second run gives
// up (exit 3) before loading anything. A command that then stops on bad input leaves nothing
// behind: if .git/codemigrate did not exist before, it is removed again when it is empty.

import { existsSync } from 'node:fs';
import { rmdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { configuredSecretNames } from '../config/index.js';
import { openGitRepo } from '../git/index.js';
import { acquireLock } from '../state/lock.js';

export interface RepoLock {
  release(): Promise<void>;
}

export async function lockRepository(gitDir: string, info: { runId: string; command: string }): Promise<RepoLock> {
  const stateRoot = join(gitDir, 'codemigrate');
  const existed = existsSync(stateRoot);
  const lock = await acquireLock(gitDir, info);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await lock.release();
      if (!existed) await rmdir(stateRoot).catch(() => undefined);
    },
  };
}

/**
 * The lock for `run` and `resume`, taken by the CLI before it loads the use-case (ts-morph,
 * jscodeshift, zod…): with 8 runs started at once on 2 cores, the 7 losers exit 3 in well under
 * a second. Undefined when the directory is not a git repository: the use-case then says what is
 * wrong, as usual.
 */
export async function lockEarly(repoDir: string, info: { runId: string; command: string }): Promise<RepoLock | undefined> {
  let git;
  try {
    git = await openGitRepo(resolve(repoDir), { hiddenVariables: configuredSecretNames });
  } catch {
    return undefined;
  }
  try {
    return await lockRepository(git.gitDir, info);
  } finally {
    await git.close();
  }
}
