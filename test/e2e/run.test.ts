// End to end through the built command line, on real temporary git repositories.

import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { CHECK_SCRIPT, makeModuleRepo } from '../helpers/fixture-repo.js';
import { copyTempRepo, makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe.json');
// The shared run takes both engines in one step: jscodeshift, then ts-morph on its output.
const MIXED = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe-mixed.json');
const repos: TempRepo[] = [];
const track = (repo: TempRepo) => (repos.push(repo), repo);
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

const stepRefs = (repo: TempRepo, run: string) =>
  repo.git('for-each-ref', '--format=%(refname:short)', `refs/heads/codemigrate/${run}/`).split('\n').filter(Boolean);

/**
 * One run of three modules from a checkout with an uncommitted edit and an untracked file: the
 * first test asserts what the run did; the tests that go on from a finished run (land, rebuild)
 * each take a copy of the repository, so that none sees another's changes.
 */
const shared = {} as { repo: TempRepo; before: Record<string, string>; result: Awaited<ReturnType<typeof runCliHere>> };
beforeAll(async () => {
  const repo = makeModuleRepo(3);
  appendFileSync(join(repo.dir, 'check.js'), '// an uncommitted edit\n');
  writeFileSync(join(repo.dir, 'untracked.txt'), 'mine\n');
  shared.before = snapshotCheckout(repo);
  shared.repo = repo;
  shared.result = await runCliHere(['run', MIXED, '--repo', repo.dir, '--run-id', 'r1']);
});
afterAll(() => shared.repo?.cleanup());
const copyOfFinishedRun = () => track(copyTempRepo(shared.repo));

describe('codemigrate run', () => {
  it('commits each module on its own branch with the trailers, and leaves the checkout untouched', () => {
    const { repo, before, result } = shared;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('uncommitted change(s)');
    expect(stepRefs(repo, 'r1')).toEqual([
      'codemigrate/r1/base',
      'codemigrate/r1/src-mod000',
      'codemigrate/r1/src-mod001',
      'codemigrate/r1/src-mod002',
    ]);
    expect(repo.git('show', 'codemigrate/r1/src-mod001:src/mod001/a.js')).toBe('let newName = 1;\nmodule.exports = newName + 1;');
    expect(repo.git('show', 'codemigrate/r1/src-mod001:src/mod001/b.js')).toContain('let other = require');
    // Independent steps: each branches from base and changes only its module.
    expect(repo.git('rev-parse', 'codemigrate/r1/src-mod001^')).toBe(repo.git('rev-parse', 'codemigrate/r1/base'));
    expect(repo.git('diff', '--name-only', 'codemigrate/r1/base', 'codemigrate/r1/src-mod001').split('\n')).toEqual([
      'src/mod001/a.js',
      'src/mod001/b.js',
    ]);
    const trailers = repo.git('log', '-1', '--format=%(trailers:only,unfold)', 'codemigrate/r1/src-mod002');
    const version = repo.git('log', '-1', '--format=%(trailers:key=Codemigrate-Recipe-Hash,valueonly)', 'codemigrate/r1/base').trim();
    expect(version).toMatch(/^[0-9a-f]{64}$/);
    expect(trailers).toBe(
      ['Codemigrate-Run: r1', 'Codemigrate-Step: src-mod002', 'Codemigrate-Recipe: e2e-rename', `Codemigrate-Recipe-Hash: ${version}`, 'Codemigrate-Attempts: 1'].join('\n'),
    );
    expect(snapshotCheckout(repo)).toEqual(before);
    expect(repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    expect(existsSync(join(repo.dir, '.git/codemigrate/lock'))).toBe(false);
    expect(repo.git('fsck', '--strict')).toBe('');
  });

  it('takes a second run’s codemod results from the cache the first left in .git, with the same trees (off: none taken); --json prints only NDJSON', async () => {
    const repo = copyOfFinishedRun();
    const second = await runCliHere(['run', MIXED, '--repo', repo.dir, '--run-id', 'r2', '--json']);
    expect(second.code, second.stderr).toBe(0);
    // --json prints only NDJSON on stdout, and status --json its rows.
    const lines = second.stdout.trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'run-finished', exitCode: 0 });
    const status = await runCliHere(['status', 'r2', '--repo', repo.dir, '--json']);
    const rows = status.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(rows[0]).toMatchObject({ type: 'run', runId: 'r2', counts: { succeeded: 3 } });
    expect(rows.slice(1).map((row) => [row.step, row.status, row.changed, row.added, row.removed])).toEqual([
      ['src-mod000', 'succeeded', 2, 3, 3],
      ['src-mod001', 'succeeded', 2, 3, 3],
      ['src-mod002', 'succeeded', 2, 3, 3],
    ]);
    const finished = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((event) => event.type === 'step-finished');
    // Each step: two files through the jscodeshift transform, the ts-morph one over the same two.
    for (const event of finished(second.stdout)) expect(event.codemods.map((codemod: { cached?: number }) => codemod.cached)).toEqual([2, 2]);
    for (const step of ['src-mod000', 'src-mod001', 'src-mod002']) {
      expect(repo.git('rev-parse', `codemigrate/r2/${step}^{tree}`)).toBe(repo.git('rev-parse', `codemigrate/r1/${step}^{tree}`));
    }
    expect((await runCliHere(['review', 'r2', 'src-mod001', '--repo', repo.dir])).stdout).toMatch(/rename-identifier\.js: 1 modified, 0 unchanged, 1 skipped, 0 errors \([^)]*; 2 from the result cache\)/);
    const off = await runCliHere(['run', MIXED, '--repo', repo.dir, '--run-id', 'r3', '--json'], { env: { CODEMIGRATE_CODEMOD_CACHE: 'off' } });
    expect(off.code, off.stderr).toBe(0);
    for (const event of finished(off.stdout)) expect(event.codemods.map((codemod: { cached?: number }) => codemod.cached)).toEqual([undefined, undefined]);
  });

  it('stacks steps on each other when the recipe says so', async () => {
    const repo = track(makeModuleRepo(3));
    const recipe = JSON.parse(readFileSync(RECIPE, 'utf8'));
    const file = join(repo.dir, 'stacked-recipe.json');
    recipe.isolation = 'stacked';
    for (const step of recipe.steps) step.codemod = join(PROJECT_ROOT, 'test/fixtures/e2e', step.codemod);
    writeFileSync(file, JSON.stringify(recipe));
    repo.commitAll('add recipe');
    const result = await runCliHere(['run', file, '--repo', repo.dir, '--run-id', 's1']);
    expect(result.code, result.stderr).toBe(0);
    expect(repo.git('rev-parse', 'codemigrate/s1/src-mod001^')).toBe(repo.git('rev-parse', 'codemigrate/s1/src-mod000'));
    expect(repo.git('rev-parse', 'codemigrate/s1/src-mod002^')).toBe(repo.git('rev-parse', 'codemigrate/s1/src-mod001'));
    expect(repo.git('show', 'codemigrate/s1/src-mod002:src/mod000/a.js')).toContain('let newName = 0');
  });

  it("formats the files a step changed with the project's Prettier when the recipe says format, and no other file", async () => {
    const messy = 'module.exports   =   {   untouched: "by the step" };\n';
    const repo = track(
      makeModuleRepo(1, {
        'package.json': '{ "name": "fixture", "version": "1.0.0", "devDependencies": { "prettier": "^3.0.0" } }\n',
        '.prettierrc': '{ "semi": false, "singleQuote": true }\n',
        '.gitignore': 'node_modules\n',
        'src/mod000/c.js': messy,
      }),
    );
    mkdirSync(join(repo.dir, 'node_modules'));
    symlinkSync(join(PROJECT_ROOT, 'node_modules/prettier'), join(repo.dir, 'node_modules/prettier'));
    const recipe = JSON.parse(readFileSync(RECIPE, 'utf8'));
    for (const step of recipe.steps) step.codemod = join(PROJECT_ROOT, 'test/fixtures/e2e', step.codemod);
    const file = join(makeTempDir(), 'recipe.json');
    writeFileSync(file, JSON.stringify({ ...recipe, format: ['prettier'] }));
    const result = await runCliHere(['run', file, '--repo', repo.dir, '--run-id', 'fmt', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(repo.git('show', 'codemigrate/fmt/src-mod000:src/mod000/a.js')).toBe('let newName = 0\nmodule.exports = newName + 1');
    expect(repo.git('show', 'codemigrate/fmt/src-mod000:src/mod000/b.js')).toContain("let other = require('./a')\nmodule.exports = function twice() {\n  return other * 2\n}");
    expect(repo.git('show', 'codemigrate/fmt/src-mod000:src/mod000/c.js')).toBe(messy.trimEnd());
    const finished = result.stdout.trim().split('\n').map((line) => JSON.parse(line)).find((event) => event.type === 'step-finished');
    expect(finished.codemods.at(-1)).toMatchObject({ codemod: 'format: prettier', modified: 2, unchanged: 0, errors: 0 });
  });

  it('runs setup once on the base branch, including files a setup transform adds', async () => {
    const repo = track(makeModuleRepo(2));
    const file = commitRecipeWith(repo, 'setup');
    const dry = await runCliHere(['run', file, '--repo', repo.dir, '--dry-run']);
    expect(dry.stdout).toContain('+++ b/tool.config.json');
    const result = await runCliHere(['run', file, '--repo', repo.dir, '--run-id', 'su']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('setup: 2 file(s) changed; base branch codemigrate/su/base');
    expect(repo.git('diff', '--name-status', 'main', 'codemigrate/su/base')).toBe('M\tpackage.json\nA\ttool.config.json');
    expect(repo.git('show', 'codemigrate/su/src-mod001:package.json')).toContain('"version": "2.0.0"');
    expect(repo.git('show', 'codemigrate/su/src-mod001:tool.config.json')).toContain('"migrated": true');
  });

  it('applies the recipe\'s finish at land only once every step of the plan is in the result', async () => {
    const repo = track(makeModuleRepo(2));
    const file = commitRecipeWith(repo, 'finish');
    expect((await runCliHere(['run', file, '--repo', repo.dir, '--run-id', 'fi'])).code).toBe(0);
    expect(repo.git('ls-tree', '--name-only', 'codemigrate/fi/base')).not.toContain('tool.config.json');

    const all = await runCliHere(['land', 'fi', '--repo', repo.dir]);
    expect(all.code, all.stdout + all.stderr).toBe(0);
    expect(all.stdout).toContain("finish: every step has landed; the recipe's finish changed 2 file(s)");
    expect(repo.git('show', 'codemigrate/fi/result:tool.config.json')).toContain('"migrated": true');
    expect(repo.git('log', '-1', '--format=%s', 'codemigrate/fi/result^')).toBe('codemigrate(e2e-rename): finish of run fi');

    expect((await runCliHere(['review', 'fi', 'src-mod001', '--reject', '--repo', repo.dir])).code).toBe(0);
    const some = await runCliHere(['land', 'fi', '--repo', repo.dir]);
    expect(some.code, some.stdout + some.stderr).toBe(0);
    expect(some.stdout).toContain('finish: not yet: 1 step(s) of the plan are not in the result (src-mod001); land them, then land again');
    expect(repo.git('ls-tree', '--name-only', 'codemigrate/fi/result')).not.toContain('tool.config.json');
    expect(repo.git('show', 'codemigrate/fi/result:src/mod000/a.js')).toContain('newName');
  });

  it('fails a step whose verify fails, keeps the others, and exits 1', async () => {
    const repo = track(makeModuleRepo(2, { 'src/mod001/c.js': 'var oldName = "FAIL_VERIFY";\n' }));
    const result = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'f1', '--json']);
    expect(result.code).toBe(1);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const finished = events.filter((event) => event.type === 'step-finished');
    expect(finished.map((event) => [event.step, event.status])).toEqual(
      expect.arrayContaining([
        ['src-mod000', 'succeeded'],
        ['src-mod001', 'failed'],
      ]),
    );
    // The failed step keeps its attempt on its branch for a person, marked not verified (the human rung).
    expect(stepRefs(repo, 'f1')).toEqual(['codemigrate/f1/base', 'codemigrate/f1/src-mod000', 'codemigrate/f1/src-mod001']);
    expect(repo.git('log', '-1', '--format=%(trailers:key=Codemigrate-Verified,valueonly)', 'codemigrate/f1/src-mod001').trim()).toBe('no');
    const review = await runCliHere(['review', 'f1', 'src-mod001', '--repo', repo.dir]);
    expect(review.code, review.stderr).toBe(0);
    expect(review.stdout).toContain('FAIL_VERIFY marker');
    expect(review.stdout).toContain('branch: codemigrate/f1/src-mod001 (the last attempt, not verified: `codemigrate review src-mod001 --checkout` to finish it by hand)');
    expect(review.stdout).toContain('-var oldName = "FAIL_VERIFY";');
  });

  it('--dry-run prints every diff and writes nothing', async () => {
    const repo = track(makeModuleRepo(2));
    const before = snapshotCheckout(repo);
    const result = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('+let newName = 0;');
    expect(result.stdout).toContain('+let newName = 1;');
    expect(result.stdout).toContain('# step src-mod001 (src/mod001): succeeded (not verified: dry run)\n');
    expect(result.stdout).toContain('dry run finished: 2 succeeded; nothing was written (exit 0)');
    expect(existsSync(join(repo.dir, '.git/codemigrate'))).toBe(false);
    expect(repo.git('for-each-ref', 'refs/heads/codemigrate/')).toBe('');
    expect(snapshotCheckout(repo)).toEqual(before);
  });

  it('plan --json is byte-identical on a second call and names stable ids', async () => {
    const repo = track(makeModuleRepo(3));
    const first = await runCliHere(['plan', RECIPE, '--repo', repo.dir, '--json']);
    const second = await runCliHere(['plan', RECIPE, '--repo', repo.dir, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).toContain('"id":"src-mod002"');
    expect(existsSync(join(repo.dir, '.git/codemigrate'))).toBe(false);
  });

  it('lands the succeeded steps on a result branch and verifies it', async () => {
    const repo = copyOfFinishedRun();
    const reject = await runCliHere(['review', 'r1', 'src-mod001', '--reject', '--repo', repo.dir]);
    expect(reject.code, reject.stderr).toBe(0);
    // An accepted step does not narrow the default: every succeeded step not rejected lands.
    expect((await runCliHere(['review', 'r1', 'src-mod000', '--accept', '--repo', repo.dir])).code).toBe(0);
    const land = await runCliHere(['land', 'r1', '--repo', repo.dir]);
    expect(land.code, land.stderr).toBe(0);
    expect(land.stdout).toContain('landed 2 step(s) on codemigrate/r1/result');
    expect(land.stdout).toContain('left out 1 step(s):\n  src-mod001: rejected in review\n');
    expect(repo.git('show', 'codemigrate/r1/result:src/mod000/a.js')).toContain('let newName = 0');
    expect(repo.git('show', 'codemigrate/r1/result:src/mod001/a.js')).toContain('var oldName = 1');
    expect(repo.git('show', 'codemigrate/r1/result:src/mod002/a.js')).toContain('let newName = 2');
    const status = await runCliHere(['status', 'r1', '--repo', repo.dir]);
    expect(status.stdout).toContain('landed on codemigrate/r1/result');

    const accepted = await runCliHere(['land', 'r1', '--accepted', '--repo', repo.dir]);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain('landed 1 step(s) on codemigrate/r1/result');
    expect(accepted.stdout).toContain('left out 2 step(s):\n  src-mod001: rejected in review\n  src-mod002: not accepted (land --accepted takes accepted steps only)\n');
    expect(repo.git('show', 'codemigrate/r1/result:src/mod002/a.js')).toContain('var oldName = 2');
  });

  it('has nothing to land, and says so with exit 0, when every step was unchanged', async () => {
    const repo = track(makeTempRepo({ 'check.js': CHECK_SCRIPT, 'src/a/x.js': 'let x = 1;\n', 'src/b/y.js': 'const y = 2;\n' }));
    const run = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'n1']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const land = await runCliHere(['land', 'n1', '--repo', repo.dir]);
    expect(land.code, land.stdout + land.stderr).toBe(0);
    expect(land.stdout).toContain('nothing to land: every step of run n1 (2) was unchanged');
    expect(repo.git('for-each-ref', 'refs/heads/codemigrate/n1/result')).toBe('');
    const json = await runCliHere(['land', 'n1', '--repo', repo.dir, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ type: 'land', runId: 'n1', nothing: true, unchanged: 2, exitCode: 0 });
  });

  it('rebuilds the state from the refs when state.json and the journal are deleted', async () => {
    const repo = copyOfFinishedRun();
    rmSync(join(repo.dir, '.git/codemigrate/r1'), { recursive: true });
    const status = await runCliHere(['status', 'r1', '--repo', repo.dir, '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout.split('\n')[0]!)).toMatchObject({ counts: { succeeded: 3 } });
    const resume = await runCliHere(['resume', '--repo', repo.dir]);
    expect(resume.code, resume.stderr).toBe(0);
    expect(resume.stdout).toContain('0 of 3 step(s) to run');
    expect(existsSync(join(repo.dir, '.git/codemigrate/r1/state.json'))).toBe(true);
  });
});

/** The e2e recipe with setup-add-config.js as its setup or its finish, committed into the repo. */
function commitRecipeWith(repo: TempRepo, phase: 'setup' | 'finish'): string {
  const recipe = JSON.parse(readFileSync(RECIPE, 'utf8'));
  for (const step of recipe.steps) step.codemod = join(PROJECT_ROOT, 'test/fixtures/e2e', step.codemod);
  recipe[phase] = [{ codemod: join(PROJECT_ROOT, 'test/fixtures/e2e/transforms/setup-add-config.js'), engine: 'ts-morph' }];
  const file = join(repo.dir, `${phase}-recipe.json`);
  writeFileSync(file, JSON.stringify(recipe));
  repo.commitAll('add recipe');
  return file;
}
