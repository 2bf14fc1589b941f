import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, useHermeticGit, type TempRepo } from '../../test/helpers/temp-repo.js';
import { gitContext } from './git-process.js';
import { createRefCreator, type RefCreator } from './ref-writer.js';

useHermeticGit();

let repo: TempRepo;
let refs: RefCreator;
afterEach(async () => {
  await refs.close();
  repo.cleanup();
});

function setup(): { first: string; second: string } {
  repo = makeTempRepo({ 'a.txt': 'a\n' });
  const first = repo.git('rev-parse', 'HEAD');
  repo.write({ 'a.txt': 'b\n' });
  const second = repo.commitAll('second');
  refs = createRefCreator(gitContext(repo.dir));
  return { first, second };
}

describe('createRefCreator: refs through one git update-ref --stdin', () => {
  it('creates many refs, called all at once, each exactly once', async () => {
    const { first, second } = setup();
    const names = Array.from({ length: 30 }, (_, index) => `refs/heads/codemigrate/run/step-${index}`);
    const results = await Promise.all(names.map((name, index) => refs.create(name, index % 2 === 0 ? first : second)));
    expect(results).toEqual(names.map(() => 'created'));
    const listed = repo.git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads/codemigrate/run/').split('\n');
    expect(listed.sort()).toEqual(names.map((name, index) => `${name} ${index % 2 === 0 ? first : second}`).sort());
  });

  it('reports "exists" without moving the ref, and keeps working after git ended the failed transaction', async () => {
    const { first, second } = setup();
    expect(await refs.create('refs/heads/codemigrate/run/a', first)).toBe('created');
    const [again, next] = await Promise.all([
      refs.create('refs/heads/codemigrate/run/a', second),
      refs.create('refs/heads/codemigrate/run/b', second),
    ]);
    expect([again, next]).toEqual(['exists', 'created']);
    expect(repo.git('rev-parse', 'refs/heads/codemigrate/run/a')).toBe(first);
    expect(repo.git('rev-parse', 'refs/heads/codemigrate/run/b')).toBe(second);
  });

  it('a ref that cannot be created is a git error naming it, and the next one still works', async () => {
    const { first } = setup();
    await refs.create('refs/heads/codemigrate/run/a', first);
    await expect(refs.create('refs/heads/codemigrate/run/a/b', first)).rejects.toMatchObject({
      code: 'git',
      message: expect.stringContaining('refs/heads/codemigrate/run/a/b'),
    });
    await expect(refs.create('refs/heads/codemigrate/run/c', 'f'.repeat(40))).rejects.toMatchObject({ code: 'git' });
    expect(await refs.create('refs/heads/codemigrate/run/d', first)).toBe('created');
  });

  it('refuses a name that would break the line protocol', async () => {
    const { first } = setup();
    await expect(refs.create('refs/heads/a b', first)).rejects.toMatchObject({ code: 'internal' });
    expect(await refs.create('refs/heads/ok', first)).toBe('created');
  });
});
