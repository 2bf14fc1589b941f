import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, makeTempRepo, useHermeticGit } from '../../test/helpers/temp-repo.js';
import { CodemigrateError } from '../core/errors.js';
import { gitError } from './errors.js';
import { gitContext, runGit } from './git-process.js';
import { openGitRepo } from './index.js';

useHermeticGit();

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  // Last in, first out: a worktree goes before its repository.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
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

  it('hide the default secrets and the ones the port is opened with from what git runs (a smudge filter)', async () => {
    const repo = makeTempRepo({ '.gitattributes': '*.txt filter=spy\n', 'a.txt': 'a\n' });
    cleanups.push(() => repo.cleanup());
    const dump = join(repo.dir, '.git', 'smudge.env');
    repo.git('config', 'filter.spy.smudge', `env >> '${dump}'; cat`);
    const secrets = { OPENAI_API_KEY: 'sk-default', AZURE_OPENAI_API_KEY: 'sk-azure', TEAM_MODEL_KEY: 'sk-team' };
    const saved = Object.fromEntries(Object.keys(secrets).map((name) => [name, process.env[name]]));
    Object.assign(process.env, secrets, { UNRELATED_SETTING: 'kept' });
    try {
      const asked: string[] = [];
      const git = await openGitRepo(repo.dir, { hiddenVariables: (root) => (asked.push(root), ['TEAM_MODEL_KEY']) });
      cleanups.push(() => git.close());
      expect(asked).toEqual([repo.git('rev-parse', '--show-toplevel')]);
      const parent = makeTempDir();
      cleanups.push(() => rmSync(parent, { recursive: true, force: true }));
      const scratch = join(parent, 'wt');
      await git.addWorktree(scratch, await git.headCommit());
      cleanups.push(() => git.removeWorktree(scratch));
      const seen = readFileSync(dump, 'utf8');
      expect(seen).toContain('UNRELATED_SETTING=kept');
      expect(Object.values(secrets).filter((secret) => seen.includes(secret))).toEqual([]);
    } finally {
      delete process.env.UNRELATED_SETTING;
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('turn a failure into a git error naming the command and the first lines of stderr', async () => {
    const repo = makeTempRepo({ 'a.txt': 'a\n' });
    cleanups.push(() => repo.cleanup());
    const error: unknown = await runGit(gitContext(repo.dir), ['rev-parse', '--verify', 'no-such-rev']).catch(
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(CodemigrateError);
    expect((error as CodemigrateError).code).toBe('git');
    expect((error as CodemigrateError).problems).toEqual([
      'git rev-parse --verify no-such-rev: exited with 128',
      '  fatal: Needed a single revision',
    ]);
  });

  it('answer with an exit code okExitCodes names, and fail one that cannot start with one line (no stack)', async () => {
    const repo = makeTempRepo({ 'a.txt': 'a\n' });
    cleanups.push(() => repo.cleanup());
    const answer = await runGit(gitContext(repo.dir), ['rev-parse', '--verify', '-q', 'no-such-rev'], { okExitCodes: [0, 1] });
    expect({ exitCode: answer.exitCode, stdout: answer.stdout.toString(), stderr: answer.stderr }).toEqual({ exitCode: 1, stdout: '', stderr: '' });
    const missing = join(repo.dir, 'no-such-folder');
    const error: unknown = await runGit(gitContext(missing), ['status']).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(CodemigrateError);
    expect((error as CodemigrateError).problems[0]).toBe('git status: did not run to completion');
    expect((error as CodemigrateError).problems.length).toBeLessThanOrEqual(2);
  });

  it('classify failures a user can fix', () => {
    const stderr = "fatal: detected dubious ownership in repository at '/x'\n";
    const error = gitError({ args: ['status'], exitCode: 128, stderr });
    expect(error.code).toBe('repo');
    expect(error.problems[0]).toMatch(/safe\.directory/);
  });
});
