import { chmodSync, existsSync, mkdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../../test/helpers/temp-repo.js';
import type { GitPort } from '../core/git.js';
import type { RepoPath } from '../core/paths.js';
import { openGitRepo } from './index.js';

useHermeticGit();

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A repo with two commits and a post-checkout hook that leaves a marker file when it runs. */
interface Fixture {
  readonly repo: TempRepo;
  readonly git: GitPort;
  readonly first: string;
  readonly second: string;
  readonly scratch: string;
  readonly marker: string;
}

async function setup(): Promise<Fixture> {
  const repo = makeTempRepo({ 'a.txt': 'first\n', 'old.txt': 'old\n' });
  const first = repo.git('rev-parse', 'HEAD');
  repo.write({ 'a.txt': 'second\n' });
  repo.git('rm', '-q', 'old.txt');
  const second = repo.commitAll('second');
  const scratch = makeTempDir('codemigrate-scratch-');
  const marker = join(scratch, 'hook-ran');
  const hook = join(repo.dir, '.git', 'hooks', 'post-checkout');
  mkdirSync(join(repo.dir, '.git', 'hooks'), { recursive: true });
  writeFileSync(hook, `#!/bin/sh\necho ran >> '${marker}'\n`);
  chmodSync(hook, 0o755);
  const git = await openGitRepo(repo.dir);
  cleanups.push(
    () => git.close(),
    () => repo.cleanup(),
    () => rmSync(scratch, { recursive: true, force: true }),
  );
  return { repo, git, first, second, scratch, marker };
}

const worktreePaths = (repo: TempRepo) =>
  repo
    .git('worktree', 'list', '--porcelain')
    .split('\n')
    .filter((line) => line.startsWith('worktree '));

describe('worktrees', () => {
  it('the hook of the test repository does run for plain git', async () => {
    const { repo, first, scratch, marker } = await setup();
    repo.git('worktree', 'add', '-q', '--detach', join(scratch, 'plain'), first);
    expect(existsSync(marker)).toBe(true);
  });

  it('adds, resets and removes a detached scratch worktree without running hooks', async () => {
    const { repo, git, first, second, scratch, marker } = await setup();
    const dir = join(scratch, 'wt');

    await git.addWorktree(dir, first);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('first\n');
    expect(existsSync(join(dir, 'old.txt'))).toBe(true);

    writeFileSync(join(dir, 'a.txt'), 'edited\n');
    writeFileSync(join(dir, 'untracked.txt'), 'junk\n');
    mkdirSync(join(dir, 'build'));
    writeFileSync(join(dir, 'build', 'out.js'), 'out\n');
    symlinkSync(join(repo.dir, 'node_modules'), join(dir, 'node_modules'));

    await git.resetWorktree(dir, second);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('second\n');
    expect(existsSync(join(dir, 'old.txt'))).toBe(false);
    expect(existsSync(join(dir, 'untracked.txt'))).toBe(false);
    expect(existsSync(join(dir, 'build'))).toBe(false);
    expect(readlinkSync(join(dir, 'node_modules'))).toBe(join(repo.dir, 'node_modules'));
    expect(repo.git('-C', dir, 'rev-parse', 'HEAD')).toBe(second);
    expect(repo.git('symbolic-ref', 'HEAD')).toBe('refs/heads/main');

    await git.removeWorktree(dir);
    expect(existsSync(dir)).toBe(false);
    expect(worktreePaths(repo)).toHaveLength(1);
    // git's own removal took the entry under .git/worktrees with it: nothing is left to prune.
    expect(existsSync(join(repo.dir, '.git/worktrees'))).toBe(false);
    expect(existsSync(marker)).toBe(false);
  });

  it('lists the files among the paths asked about that a scratch worktree changed or added, not ignored or deleted ones', async () => {
    const { repo, git, scratch } = await setup();
    repo.write({ '.gitignore': 'ignored.lock\n', 'sub/keep.lock': 'kept\n' });
    const head = repo.commitAll('locks');
    const dir = join(scratch, 'changes');
    await git.addWorktree(dir, head);
    writeFileSync(join(dir, 'a.txt'), 'changed\n');
    writeFileSync(join(dir, 'new.lock'), 'new\n');
    writeFileSync(join(dir, 'ignored.lock'), 'ignored\n');
    writeFileSync(join(dir, 'other.txt'), 'not asked about\n');
    rmSync(join(dir, 'sub/keep.lock'));
    const asked = ['a.txt', 'new.lock', 'ignored.lock', 'sub/keep.lock', 'missing.lock'] as RepoPath[];
    expect(await git.changedInWorktree(dir, asked)).toEqual(['a.txt', 'new.lock']);
    expect(await git.changedInWorktree(dir, [])).toEqual([]);
    await expect(git.changedInWorktree(repo.dir, asked)).rejects.toThrow(/not a scratch worktree/);
    await git.removeWorktree(dir);
  });

  it('removes a worktree whose directory is already gone', async () => {
    const { repo, git, first, scratch } = await setup();
    const dir = join(scratch, 'gone');
    await git.addWorktree(dir, first);
    rmSync(dir, { recursive: true, force: true });
    await git.removeWorktree(dir);
    expect(worktreePaths(repo)).toHaveLength(1);
    await git.removeWorktree(dir);
  });

  it('refuses to reset a directory that is not one of its scratch worktrees', async () => {
    const { repo, git, first, scratch } = await setup();
    repo.write({ 'a.txt': 'user work\n' });
    await expect(git.resetWorktree(repo.dir, first)).rejects.toThrow(/not a scratch worktree/);
    await expect(git.resetWorktree(scratch, first)).rejects.toThrow(/not a scratch worktree/);
    expect(readFileSync(join(repo.dir, 'a.txt'), 'utf8')).toBe('user work\n');
    await expect(git.removeWorktree(repo.dir)).rejects.toMatchObject({ code: 'git' });
    expect(existsSync(join(repo.dir, 'a.txt'))).toBe(true);
  });

  it('names a leftover folder at a worktree path that it will not delete', async () => {
    const { repo, git, scratch } = await setup();
    const left = join(scratch, 'left-by-a-killed-run');
    mkdirSync(left);
    writeFileSync(join(left, 'install.log'), 'someone else\n');
    await expect(git.removeWorktree(left)).rejects.toMatchObject({
      code: 'git',
      problems: [expect.stringContaining(`${left} exists and is not a worktree of ${repo.dir}`), expect.any(String)],
    });
    expect(readFileSync(join(left, 'install.log'), 'utf8')).toBe('someone else\n');
  });
});
