import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileChange, GitPort } from '../core/git.js';
import { toRepoPath } from '../core/paths.js';
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

async function setup(files: Record<string, string>, executable: string[] = []) {
  const repo = makeTempRepo(files, { executable });
  const git = await openGitRepo(repo.dir);
  cleanups.push(() => git.close(), () => repo.cleanup());
  return { repo, git };
}

const write = (path: string, content: string | Uint8Array, mode?: string): FileChange =>
  mode === undefined ? { path: toRepoPath(path), content } : { path: toRepoPath(path), content, mode };
const remove = (path: string): FileChange => ({ path: toRepoPath(path), delete: true });

/** The tree `git add -A && git write-tree` gives for the same changes made in the working tree. */
function treeByPorcelain(repo: TempRepo, changes: readonly FileChange[]): string {
  for (const change of changes) {
    const full = join(repo.dir, change.path);
    if ('delete' in change) {
      rmSync(full, { force: true });
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, change.content);
    if (change.mode === '100755') chmodSync(full, 0o755);
    if (change.mode === '100644') chmodSync(full, 0o644);
  }
  repo.git('add', '-A');
  return repo.git('write-tree');
}

describe('writeCommit', () => {
  it('produces the tree that git add + git write-tree produce', async () => {
    const { repo, git } = await setup(
      {
        'README.md': 'readme\n',
        'src/a/b/c.ts': 'c\n',
        'src/a/b/d.ts': 'd\n',
        'src/a/keep.ts': 'keep\n',
        'lonely/only.txt': 'only\n',
        'd1/d2/f.txt': 'f\n',
        'bin/run.sh': '#!/bin/sh\necho run\n',
        'a/x': 'x\n',
        'target.txt': 'target\n',
      },
      ['bin/run.sh'],
    );
    symlinkSync('target.txt', join(repo.dir, 'link'));
    const parent = repo.commitAll('add link');
    const changes = [
      write('src/a/b/c.ts', 'c changed\n'),
      remove('src/a/b/d.ts'),
      remove('lonely/only.txt'),
      remove('d1/d2/f.txt'),
      write('new/deep/dir/file.ts', 'new\n'),
      write('bin/run.sh', '#!/bin/sh\necho changed\n'),
      write('tool.sh', '#!/bin/sh\n', '100755'),
      write('a.b', 'a.b\n'),
      write('a-b', 'a-b\n'),
      write('a0', 'a0\n'),
      write('a/b', 'a/b\n'),
      write('é/ü.txt', 'unicode\n'),
      remove('does/not/exist.txt'),
    ];

    const result = await git.writeCommit({ parent, changes, message: 'step' });

    expect(result.tree).toBe(treeByPorcelain(repo, changes));
    expect(repo.git('rev-parse', `${result.commit}^{tree}`)).toBe(result.tree);
    expect(repo.git('rev-parse', `${result.commit}^`)).toBe(parent);
    const entries = await git.listTree(result.commit);
    expect(entries.find((entry) => entry.path === 'bin/run.sh')?.mode).toBe('100755');
    expect(entries.find((entry) => entry.path === 'link')?.mode).toBe('120000');
    expect(entries.some((entry) => entry.path.startsWith('lonely/') || entry.path.startsWith('d1/'))).toBe(false);
    expect(repo.git('fsck', '--strict', '--no-dangling')).toBe('');
  });

  it('keeps the tree of the parent when there are no changes, and empties the root when all files go', async () => {
    const { repo, git } = await setup({ 'x/y.txt': 'y\n' });
    const parent = await git.headCommit();
    const same = await git.writeCommit({ parent, changes: [], message: 'nothing' });
    expect(same.tree).toBe(repo.git('rev-parse', 'HEAD^{tree}'));
    const empty = await git.writeCommit({ parent, changes: [remove('x/y.txt')], message: 'all gone' });
    expect(empty.tree).toBe(repo.git('hash-object', '-t', 'tree', '/dev/null'));
  });

  it('changes a mode only when asked, and replaces a symlink target keeping it a symlink', async () => {
    const { repo, git } = await setup({ 'run.sh': 'old\n', 'plain.txt': 'plain\n' }, ['run.sh']);
    symlinkSync('plain.txt', join(repo.dir, 'link'));
    const parent = repo.commitAll('link');
    const result = await git.writeCommit({
      parent,
      changes: [write('run.sh', 'new\n', '100644'), write('plain.txt', 'plain 2\n', '100755'), write('link', 'run.sh')],
      message: 'modes',
    });
    const modes = Object.fromEntries((await git.listTree(result.commit)).map((entry) => [entry.path, entry.mode]));
    expect(modes).toEqual({ link: '120000', 'plain.txt': '100755', 'run.sh': '100644' });
    expect(repo.git('cat-file', '-p', `${result.commit}:link`)).toBe('run.sh');
  });

  it('refuses a file where a directory is, rather than dropping the directory', async () => {
    const { git } = await setup({ 'dir/file.txt': 'f\n' });
    const parent = await git.headCommit();
    const fileOverDir = git.writeCommit({ parent, changes: [write('dir', 'x')], message: 'm' });
    await expect(fileOverDir).rejects.toThrow(/is a directory/);
    // Deleting the directory's files first makes room for it, as in a working tree.
    const changes = [remove('dir/file.txt'), write('dir', 'x')];
    const result = await git.writeCommit({ parent, changes, message: 'm' });
    expect((await git.listTree(result.commit)).map((entry) => entry.path)).toEqual(['dir']);
  });

  it('stores binary content byte for byte', async () => {
    const { repo, git } = await setup({ 'a.txt': 'a\n' });
    const bytes = new Uint8Array(70_000).map((_, index) => (index * 31 + 7) % 256);
    bytes.set([0, 10, 13, 10, 0], 100);
    const parent = await git.headCommit();
    const result = await git.writeCommit({ parent, changes: [write('bin/data.bin', bytes)], message: 'binary' });
    const blob = repo.git('rev-parse', `${result.commit}:bin/data.bin`);
    const [read] = await git.readBlobs([blob]);
    expect(Buffer.compare(Buffer.from(read ?? []), Buffer.from(bytes))).toBe(0);
    const viaGit = execFileSync('git', ['cat-file', 'blob', blob], { cwd: repo.dir });
    expect(Buffer.compare(viaGit, Buffer.from(bytes))).toBe(0);
  });

  it('writes a commit whose message ends in a newline and whose trailers git can parse', async () => {
    const { repo, git } = await setup({ 'a.txt': 'a\n' });
    const parent = await git.headCommit();
    const trailers = 'Codemigrate-Run: run1\nCodemigrate-Step: src-a\nCodemigrate-Attempts: 2';
    const message = `codemigrate: src/a\n\nBody text.\n\n${trailers}`;
    const { commit } = await git.writeCommit({ parent, changes: [write('a.txt', 'b\n')], message });

    const record = await git.readCommit(commit);
    expect(record.message).toBe(`${message}\n`);
    expect(record.parents).toEqual([parent]);
    const parsedByGit = execFileSync('git', ['interpret-trailers', '--parse'], {
      input: record.message,
      encoding: 'utf8',
    });
    expect(parsedByGit).toBe(`${trailers}\n`);
    const fromGit = Object.fromEntries(parsedByGit.trim().split('\n').map((line) => line.split(': ')));
    expect(record.trailers).toEqual(fromGit);
    expect(record.trailers['Codemigrate-Step']).toBe('src-a');
    expect(repo.git('log', '-1', '--format=%an <%ae>|%cn <%ce>', commit)).toBe(
      'Test Author <author@example.test>|Test Committer <committer@example.test>',
    );
    expect(repo.git('fsck', '--strict', '--no-dangling')).toBe('');
    expect(repo.git('rev-parse', 'HEAD')).toBe(parent);
  });

  it('falls back to the codemigrate identity when git has none', async () => {
    const { repo, git } = await setup({ 'a.txt': 'a\n' });
    repo.git('config', 'user.useConfigOnly', 'true');
    const names = ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL'];
    const saved = names.map((name) => [name, process.env[name]] as const);
    for (const name of names) delete process.env[name];
    try {
      const { commit } = await git.writeCommit({ parent: await git.headCommit(), changes: [], message: 'm' });
      expect(repo.git('log', '-1', '--format=%an <%ae>', commit)).toBe('codemigrate <codemigrate@localhost>');
    } finally {
      for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
    }
  });

  it('commitTree writes a commit for an existing tree with the given parents', async () => {
    const { repo, git } = await setup({ 'a.txt': 'a\n' });
    const first = await git.headCommit();
    const second = (await git.writeCommit({ parent: first, changes: [write('b.txt', 'b\n')], message: 'two' })).commit;
    const merge = await git.commitTree({ tree: second, parents: [first, second], message: 'merge\n' });
    const record = await git.readCommit(merge);
    expect(record.parents).toEqual([first, second]);
    expect(record.tree).toBe(repo.git('rev-parse', `${second}^{tree}`));
    expect(record.message).toBe('merge\n');
  });

  it('writes sha256 objects in a sha256 repository', async () => {
    const dir = makeTempDir();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const run = (...args: string[]) =>
      execFileSync('git', args, { cwd: dir, env: { ...process.env, ...HERMETIC_GIT_ENV }, encoding: 'utf8' }).trimEnd();
    run('init', '-q', '-b', 'main', '--object-format=sha256');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/a.ts'), 'a\n');
    run('add', '-A');
    run('commit', '-q', '-m', 'initial');
    const git = await openGitRepo(dir);
    cleanups.push(() => git.close());
    const changes = [write('src/a.ts', 'a2\n'), write('src/new/b.ts', 'b\n')];
    const result = await git.writeCommit({ parent: await git.headCommit(), changes, message: 'sha256' });
    expect(result.commit).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(join(dir, 'src/a.ts'), 'a2\n');
    mkdirSync(join(dir, 'src/new'));
    writeFileSync(join(dir, 'src/new/b.ts'), 'b\n');
    run('add', '-A');
    expect(result.tree).toBe(run('write-tree'));
    expect(run('fsck', '--strict', '--no-dangling')).toBe('');
    expect(await git.createRef('refs/heads/codemigrate/r/s', result.commit)).toBe('created');
  });
});
