import { execFileSync } from 'node:child_process';
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CodemigrateError } from '../core/errors.js';
import { HERMETIC_GIT_ENV, makeTempDir, makeTempRepo, useHermeticGit } from '../../test/helpers/temp-repo.js';
import { openGitRepo } from './index.js';

useHermeticGit();

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function tempDir(): string {
  const dir = makeTempDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function rejection(promise: Promise<unknown>): Promise<CodemigrateError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof CodemigrateError)) throw new Error(`expected a CodemigrateError, got ${String(error)}`);
  return error;
}

describe('openGitRepo', () => {
  it('finds the top of the working tree and the common git dir from a subdirectory', async () => {
    const repo = makeTempRepo({ 'pkg/a.txt': 'a\n' });
    cleanups.push(() => repo.cleanup());
    const git = await openGitRepo(join(repo.dir, 'pkg'));
    cleanups.push(() => git.close());
    expect(git.root).toBe(repo.git('rev-parse', '--show-toplevel'));
    expect(git.gitDir).toBe(join(git.root, '.git'));
  });

  it('refuses a missing directory, a plain directory and a bare repository with a repo error', async () => {
    const missing = join(tempDir(), 'nope');
    const plain = tempDir();
    const bare = tempDir();
    execFileSync('git', ['init', '-q', '--bare', bare], { env: { ...process.env, ...HERMETIC_GIT_ENV } });

    const errors = await Promise.all([missing, plain, bare].map((dir) => rejection(openGitRepo(dir))));
    expect(errors.map((error) => error.code)).toEqual(['repo', 'repo', 'repo']);
    expect(errors[0]?.message).toBe(`${missing}: not a git repository`);
    expect(errors[1]?.message).toBe(`${plain}: not a git repository`);
    expect(errors[2]?.message).toMatch(/bare repository/);
  });
});

describe('reading', () => {
  it('headCommit on an unborn branch throws a repo error', async () => {
    const repo = makeTempRepo();
    cleanups.push(() => repo.cleanup());
    const git = await openGitRepo(repo.dir);
    cleanups.push(() => git.close());
    const error = await rejection(git.headCommit());
    expect(error.code).toBe('repo');
    expect(error.message).toBe(`${git.root}: HEAD has no commit yet (unborn branch); commit something first`);
  });

  it('listTree lists every file with its mode, symlinks and submodules included, sorted by path', async () => {
    const repo = makeTempRepo({ 'z.txt': 'z\n', 'a/b/c.txt': 'c\n', 'a.b': 'ab\n', 'a-b': 'a-b\n' });
    cleanups.push(() => repo.cleanup());
    symlinkSync('z.txt', join(repo.dir, 'link'));
    const head = repo.commitAll('link');
    repo.git('update-index', '--add', '--cacheinfo', `160000,${head},vendor/sub`);
    repo.git('commit', '-q', '--no-verify', '-m', 'submodule');
    const commit = repo.git('rev-parse', 'HEAD');
    const git = await openGitRepo(repo.dir);
    cleanups.push(() => git.close());

    const entries = await git.listTree(commit);
    expect(entries.map((entry) => [entry.path, entry.mode])).toEqual([
      ['a-b', '100644'],
      ['a.b', '100644'],
      ['a/b/c.txt', '100644'],
      ['link', '120000'],
      ['vendor/sub', '160000'],
      ['z.txt', '100644'],
    ]);
    expect(entries.find((entry) => entry.path === 'vendor/sub')?.oid).toBe(head);
    expect(entries.find((entry) => entry.path === 'z.txt')?.oid).toBe(repo.git('rev-parse', `${commit}:z.txt`));
  });

  it('readBlobs answers 50 concurrent requests, each with its own content', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 50; index += 1) {
      // The last one is larger than a pipe chunk, so its answer arrives in pieces.
      files[`f${index}.txt`] = `file ${index}\n`.repeat(index === 49 ? 40_000 : index * 20 + 1);
    }
    const repo = makeTempRepo(files);
    cleanups.push(() => repo.cleanup());
    const git = await openGitRepo(repo.dir);
    cleanups.push(() => git.close());
    const listed = new Map(
      repo
        .git('ls-tree', 'HEAD')
        .split('\n')
        .map((line) => [line.split('\t')[1] ?? '', line.split(/\s/)[2] ?? ''] as const),
    );
    const names = Object.keys(files);
    const oids = names.map((name) => listed.get(name) ?? '');

    const results = await Promise.all(oids.map((oid) => git.readBlobs([oid])));
    expect(results.map(([blob]) => Buffer.from(blob ?? []).toString('utf8'))).toEqual(names.map((name) => files[name]));
    const batch = await git.readBlobs([...oids].reverse());
    expect(Buffer.from(batch[0] ?? []).toString('utf8')).toBe(files['f49.txt']);
  });

  it('readBlobs rejects a missing object without disturbing the requests around it', async () => {
    const repo = makeTempRepo({ 'a.txt': 'a\n' });
    cleanups.push(() => repo.cleanup());
    const git = await openGitRepo(repo.dir);
    cleanups.push(() => git.close());
    const oid = repo.git('rev-parse', 'HEAD:a.txt');
    const [before, missing, after] = await Promise.allSettled([
      git.readBlobs([oid]),
      git.readBlobs(['0123456789012345678901234567890123456789']),
      git.readBlobs([oid]),
    ]);
    expect(before.status === 'fulfilled' && Buffer.from(before.value[0] ?? []).toString()).toBe('a\n');
    expect(missing.status).toBe('rejected');
    expect(after.status === 'fulfilled' && Buffer.from(after.value[0] ?? []).toString()).toBe('a\n');
  });

  it('close is safe twice, and a later read starts a new reader', async () => {
    const repo = makeTempRepo({ 'a.txt': 'a\n' });
    cleanups.push(() => repo.cleanup());
    const git = await openGitRepo(repo.dir);
    const oid = repo.git('rev-parse', 'HEAD:a.txt');
    await git.readBlobs([oid]);
    await git.close();
    await git.close();
    expect(Buffer.from((await git.readBlobs([oid]))[0] ?? []).toString()).toBe('a\n');
    await git.close();
  });

  it('close lets reads already asked finish, and a read after it gets a new reader', async () => {
    const repo = makeTempRepo({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    cleanups.push(() => repo.cleanup());
    const git = await openGitRepo(repo.dir);
    cleanups.push(() => git.close());
    const [a, b] = repo.git('rev-parse', 'HEAD:a.txt', 'HEAD:b.txt').split('\n');
    const early = git.readBlobs([a ?? '', b ?? '']);
    const closing = git.close();
    const late = git.readBlobs([b ?? '']);
    await closing;
    expect((await early).map((blob) => Buffer.from(blob).toString())).toEqual(['a\n', 'b\n']);
    expect(Buffer.from((await late)[0] ?? []).toString()).toBe('b\n');
  });

  it('an idle reader does not keep the program running, even if close was forgotten', async () => {
    const repo = makeTempRepo({ 'a.txt': 'idle\n' });
    cleanups.push(() => repo.cleanup());
    const jiti = fileURLToPath(new URL('../../node_modules/jiti/lib/jiti.mjs', import.meta.url));
    const index = fileURLToPath(new URL('./index.ts', import.meta.url));
    const script = [
      `const { createJiti } = await import(${JSON.stringify(jiti)});`,
      `const { openGitRepo } = await createJiti(import.meta.url).import(${JSON.stringify(index)});`,
      `const git = await openGitRepo(${JSON.stringify(repo.dir)});`,
      `const [blob] = await git.readBlobs([${JSON.stringify(repo.git('rev-parse', 'HEAD:a.txt'))}]);`,
      'process.stdout.write(Buffer.from(blob).toString());',
    ].join('\n');
    // The timeout only turns a hang into a failure.
    const output = execFileSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(output).toBe('idle\n');
  });

  it('readCommit reads tree, parents, message and trailers of a commit made by git', async () => {
    const repo = makeTempRepo({ 'a.txt': 'a\n' });
    cleanups.push(() => repo.cleanup());
    const parent = repo.git('rev-parse', 'HEAD');
    repo.write({ 'a.txt': 'b\n' });
    const commit = repo.commitAll('Subject: not a trailer\n\nBody\n\nCodemigrate-Step: one\nCodemigrate-Step: two');
    const git = await openGitRepo(repo.dir);
    cleanups.push(() => git.close());
    const record = await git.readCommit(commit);
    expect(record).toEqual({
      oid: commit,
      tree: repo.git('rev-parse', `${commit}^{tree}`),
      parents: [parent],
      message: 'Subject: not a trailer\n\nBody\n\nCodemigrate-Step: one\nCodemigrate-Step: two\n',
      author: 'Test Author <author@example.test>',
      trailers: { 'Codemigrate-Step': 'two' },
    });
    expect((await git.readCommit(parent)).trailers).toEqual({});
  });
});
