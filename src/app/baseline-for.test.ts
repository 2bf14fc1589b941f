import { describe, expect, it } from 'vitest';
import type { CommitRecord } from '../core/git.js';
import { baseToCheck } from './baseline-for.js';

const trees: Record<string, string> = { src: 't1', same: 't1', changed: 't2' };
const git = { readCommit: async (commit: string) => ({ tree: trees[commit] }) as unknown as CommitRecord };

describe('baseToCheck', () => {
  // A run whose setup changed 0 files printed "running 1 check(s) … on setup's commit" and spent
  // a whole typecheck there: its base commit has the source commit's tree.
  it("checks setup's commit only when its tree differs from the source commit's", async () => {
    expect(await baseToCheck(git, 'src', 'changed')).toBe('changed');
    expect(await baseToCheck(git, 'src', 'same')).toBeUndefined();
    expect(await baseToCheck(git, 'src', 'src')).toBeUndefined();
    expect(await baseToCheck(git, 'src', undefined)).toBeUndefined();
  });
});
