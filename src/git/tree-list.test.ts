import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, useHermeticGit } from '../../test/helpers/temp-repo.js';
import { openGitRepo } from './index.js';

useHermeticGit();

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('listTree', () => {
  it('lists a commit once by oid, and a name that moved anew', async () => {
    const repo = makeTempRepo({ 'b/x.ts': 'x\n', 'a-b.ts': 'a\n', 'a/z.ts': 'z\n' });
    cleanups.push(() => repo.cleanup());
    const git = await openGitRepo(repo.dir);
    cleanups.push(() => git.close());
    const first = repo.git('rev-parse', 'HEAD');

    const byOid = await git.listTree(first);
    expect(byOid.map((entry) => entry.path)).toEqual(['a-b.ts', 'a/z.ts', 'b/x.ts']);
    expect(await git.listTree(first)).toBe(byOid);
    expect(Object.isFrozen(byOid) && Object.isFrozen(byOid[0])).toBe(true);

    repo.write({ 'c.ts': 'c\n' });
    const second = repo.commitAll('second');
    expect((await git.listTree('HEAD')).map((entry) => entry.path)).toContain('c.ts');
    expect((await git.listTree(second)).length).toBe(4);
    // The first commit's list is still the one remembered, and still right.
    expect(await git.listTree(first)).toBe(byOid);
  });

  it('lists a tree once whatever commit names it (a base commit with its source commit\'s tree)', async () => {
    const repo = makeTempRepo({ 'a.ts': 'a\n' });
    cleanups.push(() => repo.cleanup());
    const git = await openGitRepo(repo.dir);
    cleanups.push(() => git.close());
    const source = repo.git('rev-parse', 'HEAD');
    repo.git('commit', '-q', '--allow-empty', '-m', 'base: same tree');
    const base = repo.git('rev-parse', 'HEAD');
    expect(base).not.toBe(source);
    expect(await git.listTree(base)).toBe(await git.listTree(source));
  });

  it('forgets a failed listing, so that a later call can succeed', async () => {
    const repo = makeTempRepo({ 'a.ts': 'a\n' });
    cleanups.push(() => repo.cleanup());
    const git = await openGitRepo(repo.dir);
    cleanups.push(() => git.close());
    const missing = 'f'.repeat(40);
    await expect(git.listTree(missing)).rejects.toThrow();
    await expect(git.listTree(missing)).rejects.toThrow();
    expect((await git.listTree(repo.git('rev-parse', 'HEAD'))).length).toBe(1);
  });
});
