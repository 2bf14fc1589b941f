// `codemigrate runs` lists a repository's runs with their state; `codemigrate clean RUN` deletes
// one run (branches, state, scratch worktrees) only when confirmed, and nothing of other runs or of
// the user's checkout. A run with no step is never the default target of status, review or land.

import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { makeModuleRepo } from '../helpers/fixture-repo.js';
import { makeTempDir, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
// recipe.json with a check that starts no Node (grep for the FAIL_VERIFY marker): what the check
// runs is not this file's subject, and a Node start per check was most of a step's cost.
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe-quick-check.json');
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

const branches = (repo: TempRepo, run: string) =>
  repo.git('for-each-ref', '--format=%(refname:short)', `refs/heads/codemigrate/${run}/`).split('\n').filter(Boolean);
const rows = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);

describe('runs and clean', () => {
  it('lists runs newest first, skips a run with no step as the default, and cleans one run only after a confirmation', async () => {
    const repo = makeModuleRepo(2);
    repos.push(repo);
    const worktrees = makeTempDir();
    const env = { CODEMIGRATE_WORKTREE_DIR: worktrees };
    expect((await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'one'], { env })).code).toBe(0);
    expect((await runCliHere(['land', 'one', '--repo', repo.dir], { env })).code).toBe(0);
    // Killed after a step's verify: its scratch worktree stays behind, the run is unfinished.
    const killed = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'two', '--concurrency', '1'], { env: { ...env, CODEMIGRATE_FAILPOINT: 'after-verify:1' } });
    expect(killed.signal).toBe('SIGKILL');
    // A run directory with no state and no branch (killed before its plan was saved): the newest.
    mkdirSync(join(repo.dir, '.git/codemigrate/ghost'));
    const before = snapshotCheckout(repo);

    const listed = await runCliHere(['runs', '--repo', repo.dir, '--json'], { env });
    expect(listed.code, listed.stderr).toBe(0);
    expect(rows(listed.stdout).map((row) => [row.runId, row.condition, row.landVerdict])).toEqual([
      ['ghost', 'empty', undefined],
      ['two', 'unfinished', undefined],
      ['one', 'landed', 'passed'],
    ]);
    const plain = await runCliHere(['runs', '--repo', repo.dir], { env });
    expect(plain.stdout).toMatch(/^one\s+e2e-rename\s+landed \(passed\)\s+2 succeeded\s+\d{4}-/m);
    // The default target is the newest run with steps, not the empty one.
    expect((await runCliHere(['status', '--repo', repo.dir, '--json'], { env })).stdout).toContain('"runId":"two"');

    const left = readdirSync(join(worktrees, readdirSync(worktrees)[0]!, 'two'));
    expect(left.length).toBeGreaterThan(0);
    const refused = await runCliHere(['clean', 'two', '--repo', repo.dir], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`clean two would delete 1 branch(es), its state and ${left.length} worktree(s) of run two; nothing was deleted: pass --yes to confirm`);
    expect(branches(repo, 'two')).toEqual(['codemigrate/two/base']);

    const cleaned = await runCliHere(['clean', 'two', '--yes', '--repo', repo.dir], { env });
    expect(cleaned.code, cleaned.stderr).toBe(0);
    expect(cleaned.stdout).toBe(`deleted 1 branch(es), its state and ${left.length} worktree(s) of run two\n`);
    expect(branches(repo, 'two')).toEqual([]);
    expect(existsSync(join(repo.dir, '.git/codemigrate/two'))).toBe(false);
    expect(repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    expect(branches(repo, 'one')).toEqual(['codemigrate/one/base', 'codemigrate/one/result', 'codemigrate/one/src-mod000', 'codemigrate/one/src-mod001']);
    expect(snapshotCheckout(repo)).toEqual(before);
    expect((await runCliHere(['status', '--repo', repo.dir, '--json'], { env })).stdout).toContain('"runId":"one"');

    // A branch of the run checked out somewhere: nothing is deleted.
    const elsewhere = join(makeTempDir(), 'checkout');
    repo.git('worktree', 'add', elsewhere, 'codemigrate/one/result');
    const held = await runCliHere(['clean', 'one', '--yes', '--repo', repo.dir], { env });
    expect(held.code).toBe(2);
    expect(held.stderr).toContain(`clean: codemigrate/one/result is checked out in ${elsewhere}`);
    expect(branches(repo, 'one')).toHaveLength(4);
    repo.git('worktree', 'remove', elsewhere);

    const missing = await runCliHere(['clean', 'nope', '--yes', '--repo', repo.dir], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('clean: run nope not found');
    const json = await runCliHere(['clean', 'one', '--yes', '--repo', repo.dir, '--json'], { env });
    expect(rows(json.stdout)).toEqual([expect.objectContaining({ type: 'clean', runId: 'one', removed: true, stateDir: expect.any(String) })]);
    expect(repo.git('for-each-ref', 'refs/heads/codemigrate/')).toBe('');
  }, 600_000);
});
