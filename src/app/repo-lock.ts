// The repository lock, taken first thing by the commands that write, so that a second run gives
// up (exit 3) before loading anything. A command that then stops on bad input leaves nothing
// behind: if .git/codemigrate did not exist before, it is removed again when it is empty.

import { existsSync } from 'node:fs';
import { rmdir } from 'node:fs/promises';
import { acquireLock } from '../state/lock.js';
import type { OpenedRepository } from './repository.js';

export interface RepoLock {
  release(): Promise<void>;
}

export async function lockRepository(repo: OpenedRepository, info: { runId: string; command: string }): Promise<RepoLock> {
  const existed = existsSync(repo.stateRoot);
  const lock = await acquireLock(repo.git.gitDir, info);
  return {
    async release() {
      await lock.release();
      if (!existed) await rmdir(repo.stateRoot).catch(() => undefined);
    },
  };
}
