import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, useHermeticGit, type TempRepo } from '../../test/helpers/temp-repo.js';
import { checkRemote, fetchRef, listRemoteRefs, mirrorRemoteRefs, pushRef } from './remote.js';

useHermeticGit();

const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

function setup() {
  const local = makeTempRepo({ 'a.txt': 'a\n' });
  const first = local.git('rev-parse', 'HEAD');
  local.write({ 'a.txt': 'b\n' });
  const second = local.commitAll('second');
  const remote = makeTempRepo();
  remote.git('init', '-q', '--bare', '.');
  repos.push(local, remote);
  return { local, remote, first, second };
}

const REF = 'refs/heads/codemigrate/r/step-a';

describe('pushRef', () => {
  it('creates a ref that is absent, and never moves one that exists, even to a descendant', async () => {
    const { local, remote, first, second } = setup();
    expect(await pushRef(local.dir, remote.dir, REF, first, undefined)).toBe('pushed');
    // Another worker got there first: a refusal is an answer, and the remote keeps its commit.
    expect(await pushRef(local.dir, remote.dir, REF, second, undefined)).toBe('rejected');
    expect(remote.git('rev-parse', REF)).toBe(first);
  });

  it('replaces a ref only while it still holds the expected commit', async () => {
    const { local, remote, first, second } = setup();
    await pushRef(local.dir, remote.dir, REF, first, undefined);
    expect(await pushRef(local.dir, remote.dir, REF, second, second)).toBe('rejected');
    expect(await pushRef(local.dir, remote.dir, REF, second, first)).toBe('pushed');
    expect(remote.git('rev-parse', REF)).toBe(second);
  });
});

describe('reading a remote', () => {
  it('lists, mirrors and fetches the refs under a prefix', async () => {
    const { local, remote, first, second } = setup();
    await pushRef(local.dir, remote.dir, REF, first, undefined);
    await pushRef(local.dir, remote.dir, 'refs/heads/codemigrate/other/base', second, undefined);
    expect(await listRemoteRefs(local.dir, remote.dir, 'refs/heads/codemigrate/r/')).toEqual(new Map([[REF, first]]));

    const cache = makeTempRepo();
    repos.push(cache);
    cache.write({ 'x.txt': 'x\n' });
    cache.commitAll();
    cache.git('update-ref', 'refs/heads/codemigrate/r/stale', cache.git('rev-parse', 'HEAD'));
    await mirrorRemoteRefs(cache.dir, remote.dir, 'refs/heads/codemigrate/r/');
    expect(cache.git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads/codemigrate/')).toBe(`${REF} ${first}`);

    // Into a user's repository: no force, so a local ref that went elsewhere stays and the fetch fails.
    await fetchRef(local.dir, remote.dir, REF);
    expect(local.git('rev-parse', REF)).toBe(first);
    local.git('update-ref', REF, second);
    local.git('commit', '-q', '--allow-empty', '-m', 'elsewhere');
    local.git('update-ref', REF, local.git('rev-parse', 'HEAD'));
    await expect(fetchRef(local.dir, remote.dir, REF)).rejects.toThrow();
  });

  it('mirrors only the refs named, in one fetch, pruning a stale one; fetches several refs in one', async () => {
    const { local, remote, first, second } = setup();
    const ref = (name: string) => `refs/heads/codemigrate/r/${name}`;
    for (const [name, commit] of [['base', first], ['step-a', first], ['step-b', second]] as const) await pushRef(local.dir, remote.dir, ref(name), commit, undefined);
    const cache = makeTempRepo();
    repos.push(cache);
    cache.write({ 'x.txt': 'x\n' });
    const own = cache.commitAll();
    // A step ref the remote does not have (a push that never happened), and another step's, not named.
    cache.git('update-ref', ref('step-a'), own);
    cache.git('update-ref', ref('step-c'), own);
    await mirrorRemoteRefs(cache.dir, remote.dir, [ref('base'), ref('step-a')]);
    const refs = cache.git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads/codemigrate/').split('\n');
    expect(refs).toEqual([`${ref('base')} ${first}`, `${ref('step-a')} ${first}`, `${ref('step-c')} ${own}`]);
    remote.git('update-ref', '-d', ref('step-a'));
    await mirrorRemoteRefs(cache.dir, remote.dir, [ref('base'), ref('step-a')]);
    expect(cache.git('for-each-ref', '--format=%(refname)', ref('step-a'))).toBe('');

    const user = makeTempRepo();
    repos.push(user);
    await fetchRef(user.dir, remote.dir, [ref('base'), ref('step-b')]);
    expect([user.git('rev-parse', ref('base')), user.git('rev-parse', ref('step-b'))]).toEqual([first, second]);
  });

  it('names a remote that is not a repository', async () => {
    const { local } = setup();
    await expect(checkRemote(`${local.dir}/nowhere`, local.dir)).rejects.toThrow(/--remote .*nowhere: not a git repository this machine can reach/);
  });
});
