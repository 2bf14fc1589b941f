// Opens the repository a command works on and checks that its state allows the command.
// Every problem here is an input error (exit 2) raised before anything is written.

import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoError } from '../core/errors.js';
import type { GitPort } from '../core/git.js';
import { configuredSecretNames } from '../config/index.js';
import { openGitRepo } from '../git/index.js';

export interface OpenedRepository {
  readonly git: GitPort;
  readonly head: string;
  readonly uncommitted: number;
  /** <git-dir>/codemigrate: where runs keep state, locks and scratch worktrees. */
  readonly stateRoot: string;
}

export async function openRepository(dir: string, options: { needHead?: boolean } = {}): Promise<OpenedRepository> {
  const path = resolve(dir);
  if (!existsSync(path)) throw repoError(`${dir}: repository not found (no such directory)`);
  if (!statSync(path).isDirectory()) throw repoError(`${dir}: repository not found (not a directory)`);
  // git runs the repository's filters (a worktree's checkout smudges): never with the API key.
  const git = await openGitRepo(path, { hiddenVariables: configuredSecretNames });
  try {
    const status = await git.status();
    if (status.operation) {
      throw repoError(`${git.root}: a ${status.operation} is in progress; finish or abort it before running codemigrate`);
    }
    // Read by the same `git status`; headCommit (a process of its own) only says what an unborn branch lacks.
    const head = options.needHead === false ? '' : (status.head ?? (await git.headCommit()));
    return { git, head, uncommitted: status.uncommitted, stateRoot: join(git.gitDir, 'codemigrate') };
  } catch (error) {
    await git.close();
    throw error;
  }
}
