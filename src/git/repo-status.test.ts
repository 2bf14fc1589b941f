import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  HERMETIC_GIT_ENV,
  makeTempDir,
  makeTempRepo,
  useHermeticGit,
  type TempRepo,
} from '../../test/helpers/temp-repo.js';
import { openGitRepo } from './index.js';

useHermeticGit();

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function tempRepo(files: Record<string, string>): TempRepo {
  const repo = makeTempRepo(files);
  cleanups.push(() => repo.cleanup());
  return repo;
}

async function statusOf(dir: string) {
  const git = await openGitRepo(dir);
  try {
    return await git.status();
  } finally {
    await git.close();
  }
}

/** A repo whose branch "other" conflicts with main on conflict.txt. */
function conflictingRepo(): TempRepo {
  const repo = tempRepo({ 'conflict.txt': 'base\n', 'other.txt': 'o\n' });
  repo.git('checkout', '-q', '-b', 'other');
  repo.write({ 'conflict.txt': 'theirs\n' });
  repo.commitAll('theirs');
  repo.git('checkout', '-q', 'main');
  repo.write({ 'conflict.txt': 'ours\n' });
  repo.commitAll('ours');
  return repo;
}

function gitMayFail(repo: TempRepo, ...args: string[]): void {
  try {
    execFileSync('git', args, { cwd: repo.dir, env: { ...process.env, ...HERMETIC_GIT_ENV }, stdio: 'ignore' });
  } catch {
    // A conflict is what the test wants.
  }
}

describe('status', () => {
  it('reports a clean repository', async () => {
    const repo = tempRepo({ 'a.txt': 'a\n' });
    expect(await statusOf(repo.dir)).toEqual({ uncommitted: 0, head: repo.git('rev-parse', 'HEAD') });
  });

  it('reads no head on an unborn branch, and counts its untracked files', async () => {
    const repo = makeTempRepo();
    cleanups.push(() => repo.cleanup());
    repo.write({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    expect(await statusOf(repo.dir)).toEqual({ uncommitted: 2 });
  });

  it('counts modified, untracked and renamed files without rewriting .git/index', async () => {
    const repo = tempRepo({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n', 'untouched.txt': 'u\n' });
    repo.write({ 'a.txt': 'changed\n', 'new.txt': 'new\n' });
    repo.git('mv', 'b.txt', 'renamed.txt');
    // A stat change on an unchanged file makes a plain `git status` refresh and rewrite the index.
    const past = new Date(Date.now() - 86_400_000);
    utimesSync(join(repo.dir, 'untouched.txt'), past, past);
    const index = join(repo.dir, '.git', 'index');
    const before = { bytes: readFileSync(index), mtime: statSync(index).mtimeMs };

    expect(await statusOf(repo.dir)).toEqual({ uncommitted: 3, head: repo.git('rev-parse', 'HEAD') });

    expect(statSync(index).mtimeMs).toBe(before.mtime);
    expect(Buffer.compare(readFileSync(index), before.bytes)).toBe(0);
    repo.git('status', '--porcelain');
    expect(Buffer.compare(readFileSync(index), before.bytes)).not.toBe(0);
  });

  it('detects a merge in progress', async () => {
    const repo = conflictingRepo();
    gitMayFail(repo, 'merge', 'other');
    expect(await statusOf(repo.dir)).toEqual({ operation: 'merge', uncommitted: 1, head: repo.git('rev-parse', 'HEAD') });
  });

  it('detects a rebase in progress', async () => {
    const repo = conflictingRepo();
    gitMayFail(repo, 'rebase', 'other');
    expect((await statusOf(repo.dir)).operation).toBe('rebase');
  });

  it('detects a cherry-pick in progress', async () => {
    const repo = conflictingRepo();
    gitMayFail(repo, 'cherry-pick', 'other');
    expect((await statusOf(repo.dir)).operation).toBe('cherry-pick');
  });

  it('reads the operation of the worktree it was opened in', async () => {
    const repo = conflictingRepo();
    const parent = makeTempDir();
    cleanups.push(() => rmSync(parent, { recursive: true, force: true }));
    const linked = join(parent, 'linked');
    repo.git('worktree', 'add', '-q', '--detach', linked, 'main');
    gitMayFail(repo, 'merge', 'other');
    expect(await statusOf(linked)).toEqual({ uncommitted: 0, head: repo.git('rev-parse', 'main') });
    expect((await statusOf(repo.dir)).operation).toBe('merge');
  });
});

describe('ignoredEntries', () => {
  it('lists what git ignores, an ignored folder as one entry, without node_modules anywhere', async () => {
    const repo = tempRepo({ '.gitignore': 'dist/\n.env\nnode_modules/\n*.log\n', 'src/a.js': 'a\n' });
    repo.write({ 'dist/a.js': 'built\n', 'dist/deep/b.js': 'built\n', '.env': 'KEY=1\n', 'node_modules/x/index.js': 'x\n', 'packages/p/node_modules/y/index.js': 'y\n', 'src/debug.log': 'l\n', 'untracked.js': 'u\n' });
    const git = await openGitRepo(repo.dir);
    try {
      expect(await git.ignoredEntries()).toEqual(['.env', 'dist/', 'src/debug.log']);
    } finally {
      await git.close();
    }
  });
});
