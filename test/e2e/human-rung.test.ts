// The human rung: a step that codemods (and no model) could not finish keeps its last attempt on
// its branch, marked not verified; `review STEP --checkout DIR` gives a person a worktree on it;
// commits they make there are verified against the baseline by `resume` or `review STEP --verify`,
// never overwritten, and land with a trailer saying who made them. Hand commits on a succeeded
// step's branch make it unverified again until they pass.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { CHECK_SCRIPT } from '../helpers/fixture-repo.js';
import { HERMETIC_GIT_ENV, makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
// rename-identifier reports eval() as a leftover: with no model configured, the step is needs-model.
// Its check starts no Node (grep for the FAIL_VERIFY marker, as check.js fails on): what the check
// runs is not this file's subject.
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/model-recipe-quick-check.json');
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

const ADA = { GIT_AUTHOR_NAME: 'Ada Lovelace', GIT_AUTHOR_EMAIL: 'ada@example.test' };
/** A person's commit in their checkout, with plain git. */
function commitByHand(dir: string, file: string, text: string, message: string): string {
  writeFileSync(join(dir, file), text);
  const env = { ...process.env, ...HERMETIC_GIT_ENV, ...ADA };
  execFileSync('git', ['-C', dir, 'commit', '-q', '-am', message], { env });
  return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
}
const json = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
const trailer = (repo: TempRepo, key: string, rev: string) => repo.git('log', '-1', `--format=%(trailers:key=${key},valueonly)`, rev).trim();

describe('the human rung', () => {
  it('keeps an unfinished attempt on its branch, verifies the commits a person adds there, and lands them naming who made them', async () => {
    const repo = makeTempRepo({ 'check.js': CHECK_SCRIPT, 'src/a/x.js': 'var oldName = eval("2");\n', 'src/c/z.js': 'var oldName = 3;\n' });
    repos.push(repo);
    const run = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'h1', '--json']);
    expect(run.code, run.stderr).toBe(1);
    const finished = json(run.stdout).find((event) => event.type === 'step-finished' && event.step === 'src-a')!;
    expect(finished).toMatchObject({ status: 'needs-model', branch: 'codemigrate/h1/src-a' });
    // The attempt (the rename) is on the branch, marked not verified; status does not count it as succeeded.
    expect(repo.git('show', 'codemigrate/h1/src-a:src/a/x.js')).toBe('var newName = eval("2");');
    expect(trailer(repo, 'Codemigrate-Verified', 'codemigrate/h1/src-a')).toBe('no');
    const review = json((await runCliHere(['review', 'src-a', '--repo', repo.dir, '--json'])).stdout)[0]!;
    expect(review).toMatchObject({ status: 'needs-model', branch: 'codemigrate/h1/src-a', branchState: 'kept' });
    expect(review.diff).toContain('+var newName = eval("2");');
    expect((await runCliHere(['review', 'src-a', '--accept', '--repo', repo.dir])).code).toBe(2);

    const before = snapshotCheckout(repo);
    const inside = await runCliHere(['review', 'src-a', '--checkout', join(repo.dir, 'fix'), '--repo', repo.dir]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain("inside the repository's working tree");
    const dir = join(makeTempDir(), 'fix-src-a');
    const checkout = await runCliHere(['review', 'src-a', '--checkout', dir, '--repo', repo.dir]);
    expect(checkout.code, checkout.stderr).toBe(0);
    expect(checkout.stdout).toContain(`${dir}: a worktree on codemigrate/h1/src-a`);
    expect(snapshotCheckout(repo)).toEqual(before);

    // A fix that breaks verify: resume verifies it (no codemod, no model), the step stays failed
    // and the person's commit stays the branch's tip.
    const broken = commitByHand(dir, 'src/a/x.js', 'var newName = 2; // FAIL_VERIFY\n', 'drop eval');
    expect(json((await runCliHere(['review', 'src-a', '--repo', repo.dir, '--json'])).stdout)[0]).toMatchObject({
      branchState: 'by-hand',
      handCommits: { count: 1, authors: ['Ada Lovelace <ada@example.test>'] },
    });
    const resumed = await runCliHere(['resume', '--repo', repo.dir, '--json']);
    expect(resumed.code, resumed.stderr).toBe(1);
    const refused = json(resumed.stdout).find((event) => event.type === 'step-finished' && event.step === 'src-a')!;
    expect(refused.status).toBe('failed');
    expect(refused.reason).toContain('the commits made by hand (Ada Lovelace <ada@example.test>)');
    expect(repo.git('rev-parse', 'codemigrate/h1/src-a').trim()).toBe(broken);

    // Fixed: `review --verify` verifies it, adds a commit naming the author, and the step succeeds.
    const fixed = commitByHand(dir, 'src/a/x.js', 'var newName = 2;\n', 'drop the marker');
    const verified = await runCliHere(['review', 'src-a', '--verify', '--repo', repo.dir, '--json']);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(json(verified.stdout).find((event) => event.type === 'step-finished')).toMatchObject({
      step: 'src-a',
      status: 'succeeded',
      finishedBy: ['Ada Lovelace <ada@example.test>'],
    });
    expect(repo.git('rev-parse', 'codemigrate/h1/src-a^2').trim()).toBe(fixed);
    expect(trailer(repo, 'Codemigrate-Finished-By', 'codemigrate/h1/src-a')).toBe('Ada Lovelace <ada@example.test>');
    const rows = json((await runCliHere(['status', '--repo', repo.dir, '--json'])).stdout);
    expect(rows.find((row) => row.type === 'step' && row.step === 'src-a')).toMatchObject({ status: 'succeeded', finishedBy: ['Ada Lovelace <ada@example.test>'] });

    // Land takes both steps; the land commit of src-a says who made it.
    const landed = await runCliHere(['land', '--repo', repo.dir, '--json']);
    expect(landed.code, landed.stdout + landed.stderr).toBe(0);
    expect(repo.git('show', 'codemigrate/h1/result:src/a/x.js')).toBe('var newName = 2;');
    expect(repo.git('show', 'codemigrate/h1/result:src/c/z.js')).toBe('var newName = 3;');
    expect(repo.git('log', '--format=%(trailers:key=Codemigrate-Finished-By,valueonly)', 'codemigrate/h1/result')).toContain('Ada Lovelace <ada@example.test>');
    execFileSync('git', ['-C', repo.dir, 'worktree', 'remove', dir]);
  });

  it('makes a succeeded step unverified again when a person commits on its branch, until the commits pass verify', async () => {
    const repo = makeTempRepo({ 'check.js': CHECK_SCRIPT, 'src/c/z.js': 'var oldName = 3;\n' });
    repos.push(repo);
    expect((await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'h2'])).code).toBe(0);
    const dir = join(makeTempDir(), 'tweak');
    expect((await runCliHere(['review', 'src-c', '--checkout', dir, '--repo', repo.dir])).code).toBe(0);
    commitByHand(dir, 'src/c/z.js', 'var newName = 4;\n', 'tweak');
    const rows = json((await runCliHere(['status', '--repo', repo.dir, '--json'])).stdout);
    expect(rows.find((row) => row.type === 'step')).toMatchObject({ step: 'src-c', status: 'pending' });
    const nothing = await runCliHere(['land', '--repo', repo.dir]);
    expect(nothing.code).toBe(2);
    const verified = await runCliHere(['review', 'src-c', '--verify', '--repo', repo.dir]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect((await runCliHere(['land', '--repo', repo.dir])).code).toBe(0);
    expect(repo.git('show', 'codemigrate/h2/result:src/c/z.js')).toBe('var newName = 4;');
    execFileSync('git', ['-C', repo.dir, 'worktree', 'remove', dir]);
  });
});
