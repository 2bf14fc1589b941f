import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assignStepIds, slugModule, type StepKey } from './step-ids.js';

const hash8 = (module: string, chunk: number) => createHash('sha1').update(`${module}#${chunk}`).digest('hex').slice(0, 8);
const one = (module: string, chunk = 1, chunks = 1): StepKey => ({ module, chunk, chunks });
const ids = (keys: StepKey[]) => assignStepIds(keys).map((key) => key.id);

describe('slugModule', () => {
  it.each([
    ['.', 'root', false],
    ['src', 'src', false],
    ['packages/ui/src', 'packages-ui-src', false],
    ['lib/a_b.c-d', 'lib-a_b.c-d', false],
    ['Src/Components', 'src-components', true],
    ['src/my dir', 'src-my-dir', true],
    ['src/café', 'src-caf', true],
    ['src/日本', 'src', true],
    ['.github/workflows', 'github-workflows', true],
    ['a..b', 'a-b', true],
    ['★', 'module', true],
  ])('%j → %j (lossy: %s)', (module, slug, lossy) => {
    expect(slugModule(module)).toEqual({ slug, lossy });
  });

  it('cuts long paths to 60 characters, without a trailing "-" or "."', () => {
    const { slug, lossy } = slugModule(`${'a'.repeat(59)}/bbbb`);
    expect(slug).toBe('a'.repeat(59));
    expect(lossy).toBe(true);
  });
});

describe('assignStepIds', () => {
  it('uses the plain slug, plus the chunk when a module has several', () => {
    expect(ids([one('src'), one('lib', 1, 2), one('lib', 2, 2)])).toEqual(['src', 'lib-1', 'lib-2']);
  });

  it('hashes both sides of a collision: a/b vs a-b', () => {
    expect(ids([one('a/b'), one('a-b')])).toEqual([`a-b-${hash8('a/b', 1)}`, `a-b-${hash8('a-b', 1)}`]);
  });

  it('hashes a chunk id that collides with another module: a (2 chunks) vs a/1', () => {
    expect(ids([one('a', 1, 2), one('a', 2, 2), one('a/1')])).toEqual([`a-1-${hash8('a', 1)}`, 'a-2', `a-1-${hash8('a/1', 1)}`]);
  });

  it('hashes a lossy slug even with no collision, and the plain one stays plain', () => {
    expect(ids([one('Src'), one('src')])).toEqual([`src-${hash8('Src', 1)}`, 'src']);
    expect(ids([one('src/café')])).toEqual([`src-caf-${hash8('src/café', 1)}`]);
  });

  it('hashes reserved ids and ".lock" endings', () => {
    expect(ids([one('base'), one('result'), one('x.lock'), one('results')])).toEqual([
      `base-${hash8('base', 1)}`,
      `result-${hash8('result', 1)}`,
      `x.lock-${hash8('x.lock', 1)}`,
      'results',
    ]);
  });

  it('hashes the root when a folder named root exists', () => {
    expect(ids([one('.'), one('root')])).toEqual([`root-${hash8('.', 1)}`, `root-${hash8('root', 1)}`]);
  });

  it('does not depend on the order of the keys', () => {
    const keys = [one('a/b'), one('a-b'), one('A-B'), one('.'), one('root'), one('base'), one('x', 1, 2), one('x', 2, 2), one('x/2')];
    const forward = new Map(assignStepIds(keys).map((key) => [`${key.module}#${key.chunk}`, key.id]));
    const backward = new Map(assignStepIds([...keys].reverse()).map((key) => [`${key.module}#${key.chunk}`, key.id]));
    expect(backward).toEqual(forward);
  });

  it('always gives unique ref-safe ids', () => {
    const weird = ['.', 'a', 'a/b', 'a-b', 'A/B', 'a b', 'a..b', 'a.b', '.a', 'a.', '-a', 'a.lock', 'base', 'result', 'ÄÖÜ', '🙂', '--', `${'x'.repeat(80)}/y`, `${'x'.repeat(80)}/z`];
    const keys = weird.flatMap((module) => [one(module, 1, 2), one(module, 2, 2), one(`${module}/only`)]);
    const result = ids(keys);
    expect(new Set(result).size).toBe(result.length);
    for (const id of result) {
      expect(id).toMatch(/^[a-z0-9_][a-z0-9._-]*[a-z0-9_]$/);
      expect(id).not.toMatch(/\.\.|\.lock$|\//);
      expect(['base', 'result']).not.toContain(id);
      expect(id.length).toBeLessThanOrEqual(60 + 3 + 9);
    }
  });
});
