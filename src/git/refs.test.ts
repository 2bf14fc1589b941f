import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, useHermeticGit, type TempRepo } from '../../test/helpers/temp-repo.js';
import type { GitPort } from '../core/git.js';
import { openGitRepo } from './index.js';

useHermeticGit();

let repo: TempRepo;
let git: GitPort;
afterEach(async () => {
  await git.close();
  repo.cleanup();
});

async function setup(): Promise<{ first: string; second: string }> {
  repo = makeTempRepo({ 'a.txt': 'a\n' });
  const first = repo.git('rev-parse', 'HEAD');
  repo.write({ 'a.txt': 'b\n' });
  const second = repo.commitAll('second');
  git = await openGitRepo(repo.dir);
  return { first, second };
}

describe('refs', () => {
  it('createRef creates once, then reports that the ref exists', async () => {
    const { first, second } = await setup();
    expect(await git.createRef('refs/heads/codemigrate/run1/step-a', first)).toBe('created');
    expect(await git.createRef('refs/heads/codemigrate/run1/step-a', second)).toBe('exists');
    expect(repo.git('rev-parse', 'refs/heads/codemigrate/run1/step-a')).toBe(first);
  });

  it('updateRef moves a ref that still points to the expected commit, and reports "moved" otherwise', async () => {
    const { first, second } = await setup();
    await git.createRef('refs/heads/codemigrate/run1/step-a', first);
    expect(await git.updateRef('refs/heads/codemigrate/run1/step-a', second, first)).toBe('updated');
    expect(await git.updateRef('refs/heads/codemigrate/run1/step-a', first, first)).toBe('moved');
    expect(repo.git('rev-parse', 'refs/heads/codemigrate/run1/step-a')).toBe(second);
    expect(await git.updateRef('refs/heads/codemigrate/run1/missing', first, second)).toBe('moved');
  });

  it('a ref that cannot exist next to another is an error, not "exists"', async () => {
    const { first } = await setup();
    await git.createRef('refs/heads/codemigrate/run1/a', first);
    await expect(git.createRef('refs/heads/codemigrate/run1/a/b', first)).rejects.toMatchObject({ code: 'git' });
  });

  it('listRefs lists the refs under a prefix only, and deleteRef removes one', async () => {
    const { first, second } = await setup();
    await git.createRef('refs/heads/codemigrate/run1/a', first);
    await git.createRef('refs/heads/codemigrate/run1/b', second);
    await git.createRef('refs/heads/codemigrate/run10/a', second);
    expect(await git.listRefs('refs/heads/codemigrate/run1/')).toEqual([
      { ref: 'refs/heads/codemigrate/run1/a', commit: first },
      { ref: 'refs/heads/codemigrate/run1/b', commit: second },
    ]);
    await expect(git.deleteRef('refs/heads/codemigrate/run1/a', second)).rejects.toMatchObject({ code: 'git' });
    await git.deleteRef('refs/heads/codemigrate/run1/a', first);
    await git.deleteRef('refs/heads/codemigrate/run1/b');
    expect(await git.listRefs('refs/heads/codemigrate/run1/')).toEqual([]);
    expect(await git.listRefs('refs/heads/codemigrate/')).toHaveLength(1);
  });

  it('readRef reads one ref as it is now, whoever moved it since the last read, and nothing under or beside it', async () => {
    const { first, second } = await setup();
    const ref = 'refs/heads/codemigrate/run1/step-a';
    expect(await git.readRef(ref)).toBeUndefined();
    await git.createRef(ref, first);
    expect(await git.readRef(ref)).toBe(first);
    // Moved and packed by git itself, behind the long-lived reader's back.
    repo.git('update-ref', ref, second);
    expect(await git.readRef(ref)).toBe(second);
    repo.git('pack-refs', '--all');
    expect(await git.readRef(ref)).toBe(second);
    repo.git('update-ref', '-d', ref);
    expect(await git.readRef(ref)).toBeUndefined();
    // A folder of refs is not a ref; revision syntax is not read as such.
    await git.createRef('refs/heads/codemigrate/run2/a', first);
    expect(await git.readRef('refs/heads/codemigrate/run2')).toBeUndefined();
    expect(await git.readRef('refs/heads/codemigrate/run2/a^')).toBeUndefined();
    expect(await git.readRef('refs/heads/codemigrate/run2/a:a.txt')).toBeUndefined();
    expect(await git.readRef('refs/heads/main')).toBe(second);
  });
});
