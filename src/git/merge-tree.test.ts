import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, useHermeticGit, type TempRepo } from '../../test/helpers/temp-repo.js';
import type { GitPort } from '../core/git.js';
import { toRepoPath } from '../core/paths.js';
import { openGitRepo } from './index.js';

useHermeticGit();

let repo: TempRepo;
let git: GitPort;
afterEach(async () => {
  await git.close();
  repo.cleanup();
});

/** base → ours (edits a.txt line 1) and base → theirs (edits b.txt), plus a conflicting "clash" commit. */
async function setup() {
  repo = makeTempRepo({ 'a.txt': 'one\ntwo\nthree\n', 'b.txt': 'b\n' });
  git = await openGitRepo(repo.dir);
  const base = await git.headCommit();
  const commitOnBase = async (path: string, content: string) =>
    (await git.writeCommit({ parent: base, changes: [{ path: toRepoPath(path), content }], message: path })).commit;
  const ours = await commitOnBase('a.txt', 'ONE\ntwo\nthree\n');
  const theirs = await commitOnBase('b.txt', 'B\n');
  const clash = await commitOnBase('a.txt', 'uno\ntwo\nthree\n');
  return { base, ours, theirs, clash };
}

describe('mergeTree', () => {
  it('merges cleanly into a tree holding both sides', async () => {
    const { base, ours, theirs } = await setup();
    const result = await git.mergeTree(base, ours, theirs);
    expect(result.status).toBe('clean');
    if (result.status !== 'clean') return;
    expect(repo.git('cat-file', 'blob', `${result.tree}:a.txt`)).toBe('ONE\ntwo\nthree');
    expect(repo.git('cat-file', 'blob', `${result.tree}:b.txt`)).toBe('B');
  });

  it('reports the conflicting paths', async () => {
    const { base, ours, clash } = await setup();
    expect(await git.mergeTree(base, ours, clash)).toEqual({ status: 'conflict', paths: ['a.txt'] });
  });

  it('uses the merge base it is given, not the one history suggests', async () => {
    const { ours, theirs } = await setup();
    // With theirs as the base, theirs brings no change of its own: the result is ours.
    const result = await git.mergeTree(theirs, ours, theirs);
    expect(result).toEqual({ status: 'clean', tree: repo.git('rev-parse', `${ours}^{tree}`) });
  });
});

describe('diff', () => {
  it('gives the unified diff and per-file counts, binary files counting 0/0', async () => {
    const { base, ours } = await setup();
    const binary = (
      await git.writeCommit({
        parent: ours,
        changes: [
          { path: toRepoPath('img.bin'), content: new Uint8Array([0, 1, 2, 0, 255]) },
          { path: toRepoPath('b.txt'), delete: true },
        ],
        message: 'binary',
      })
    ).commit;
    const text = await git.diff(base, binary);
    expect(text).toContain('diff --git a/a.txt b/a.txt\n');
    expect(text).toContain('-one\n+ONE\n');
    expect(text).toContain('Binary files /dev/null and b/img.bin differ');
    expect(await git.diffStat(base, binary)).toEqual([
      { path: 'a.txt', added: 1, removed: 1 },
      { path: 'b.txt', added: 0, removed: 1 },
      { path: 'img.bin', added: 0, removed: 0 },
    ]);
  });

  it('counts a rename under its new path', async () => {
    const { base } = await setup();
    const renamed = (
      await git.writeCommit({
        parent: base,
        changes: [
          { path: toRepoPath('a.txt'), delete: true },
          { path: toRepoPath('dir/a.txt'), content: 'one\ntwo\nthree\n' },
        ],
        message: 'rename',
      })
    ).commit;
    expect(await git.diffStat(base, renamed)).toEqual([{ path: 'dir/a.txt', added: 0, removed: 0 }]);
  });

  it('names copies of files among the paths asked about, edited copies too, with their origin', async () => {
    repo = makeTempRepo({ 'src/setupTests.ts': 'import "jest-dom";\nglobal.console = { log: jest.fn() };\nexport const a = 1;\nexport const b = 2;\n', 'other.ts': 'x\n' });
    git = await openGitRepo(repo.dir);
    const base = await git.headCommit();
    const copied = (
      await git.writeCommit({
        parent: base,
        changes: [
          { path: toRepoPath('src/setupTests.vitest.ts'), content: 'import "jest-dom";\nglobal.console = { log: vi.fn() };\nexport const a = 1;\nexport const b = 2;\n' },
          { path: toRepoPath('new file.ts'), content: 'unrelated\n' },
        ],
        message: 'copy',
      })
    ).commit;
    const paths = ['src/setupTests.vitest.ts', 'src/setupTests.ts', 'new file.ts', 'other.ts'];
    expect(await git.copiedFiles(base, copied, paths)).toEqual(new Map([['src/setupTests.vitest.ts', 'src/setupTests.ts']]));
    // The origin must be among the paths: the search is bounded to them.
    expect(await git.copiedFiles(base, copied, ['src/setupTests.vitest.ts'])).toEqual(new Map());
  });
});
