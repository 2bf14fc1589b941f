import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, useHermeticGit } from '../../test/helpers/temp-repo.js';
import { CodemigrateError } from '../core/errors.js';
import { gitError } from './errors.js';
import { runGit } from './git-process.js';
import { openGitRepo } from './index.js';

useHermeticGit();

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('git processes', () => {
  it('ignore GIT_DIR and GIT_INDEX_FILE leaking from a hook environment', async () => {
    const ours = makeTempRepo({ 'ours.txt': 'ours\n' });
    const other = makeTempRepo({ 'other.txt': 'other\n' });
    cleanups.push(() => ours.cleanup(), () => other.cleanup());
    const saved = { GIT_DIR: process.env.GIT_DIR, GIT_INDEX_FILE: process.env.GIT_INDEX_FILE };
    process.env.GIT_DIR = `${other.dir}/.git`;
    process.env.GIT_INDEX_FILE = `${other.dir}/.git/index`;
    try {
      const git = await openGitRepo(ours.dir);
      cleanups.push(() => git.close());
      expect((await git.listTree(await git.headCommit())).map((entry) => entry.path)).toEqual(['ours.txt']);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('turn a failure into a git error naming the command and the first lines of stderr', async () => {
    const repo = makeTempRepo({ 'a.txt': 'a\n' });
    cleanups.push(() => repo.cleanup());
    const error: unknown = await runGit(repo.dir, ['rev-parse', '--verify', 'no-such-rev']).catch(
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(CodemigrateError);
    expect((error as CodemigrateError).code).toBe('git');
    expect((error as CodemigrateError).problems).toEqual([
      'git rev-parse --verify no-such-rev: exited with 128',
      '  fatal: Needed a single revision',
    ]);
  });

  it('classify failures a user can fix', () => {
    const stderr = "fatal: detected dubious ownership in repository at '/x'\n";
    const error = gitError({ args: ['status'], exitCode: 128, stderr });
    expect(error.code).toBe('repo');
    expect(error.problems[0]).toMatch(/safe\.directory/);
  });
});
