// Bad input: one clear line per problem naming the file and field, exit 2, nothing written.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { PROJECT_ROOT, runCli, runCliHere } from '../helpers/cli.js';
import { makeModuleRepo } from '../helpers/fixture-repo.js';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe.json');
const TRANSFORMS = join(PROJECT_ROOT, 'test/fixtures/e2e/transforms');
const repos: TempRepo[] = [];
const track = (repo: TempRepo) => (repos.push(repo), repo);
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

function recipeFile(dir: string, recipe: unknown): string {
  const file = join(dir, 'bad-recipe.json');
  writeFileSync(file, typeof recipe === 'string' ? recipe : JSON.stringify(recipe, null, 2));
  return file;
}

const goodRecipe = () => ({
  id: 'bad-input',
  description: 'x',
  modules: { by: 'directory', include: ['src/**/*.js'] },
  steps: [{ codemod: join(TRANSFORMS, 'rename-identifier.js'), engine: 'jscodeshift', parser: 'babel' }],
});

async function expectRefused(repo: TempRepo, args: string[], pattern: RegExp): Promise<void> {
  const before = snapshotCheckout(repo);
  const result = await runCliHere(args);
  expect(result.code, result.stdout + result.stderr).toBe(2);
  expect(result.stderr).toMatch(pattern);
  expect(existsSync(join(repo.dir, '.git/codemigrate'))).toBe(false);
  expect(repo.git('for-each-ref', 'refs/heads/codemigrate/')).toBe('');
  expect(snapshotCheckout(repo)).toEqual(before);
}

describe('bad input', () => {
  it('refuses a recipe with an unknown key, naming the file and key', async () => {
    const repo = track(makeModuleRepo(1));
    const dir = makeTempDir();
    const file = recipeFile(dir, { ...goodRecipe(), isolaton: 'stacked' });
    await expectRefused(repo, ['run', file, '--repo', repo.dir], /bad-recipe\.json: .*isolaton/);
  });

  it('refuses malformed JSON', async () => {
    const repo = track(makeModuleRepo(1));
    const file = recipeFile(makeTempDir(), '{ "id": "x", ');
    await expectRefused(repo, ['run', file, '--repo', repo.dir], /bad-recipe\.json/);
  });

  it('refuses a transform path that does not exist', async () => {
    const repo = track(makeModuleRepo(1));
    const recipe = goodRecipe();
    recipe.steps[0]!.codemod = './missing/globalz.js';
    const file = recipeFile(makeTempDir(), recipe);
    await expectRefused(repo, ['run', file, '--repo', repo.dir], /steps\[0\]\.codemod.*globalz\.js/);
  });

  it('refuses a transform that cannot be loaded (never "0 files, ok")', async () => {
    const repo = track(makeModuleRepo(1));
    const dir = makeTempDir();
    writeFileSync(join(dir, 'broken.js'), "require('./analyze.js');\nmodule.exports = () => {};\n");
    const recipe = goodRecipe();
    recipe.steps[0]!.codemod = './broken.js';
    const file = recipeFile(dir, recipe);
    await expectRefused(repo, ['run', file, '--repo', repo.dir], /steps\[0\]\.codemod: .*analyze\.js/);
  });

  it('refuses an unknown recipe id', async () => {
    const repo = track(makeModuleRepo(1));
    await expectRefused(repo, ['run', 'no-such-recipe', '--repo', repo.dir], /no-such-recipe/);
  });

  it('refuses a missing repository', async () => {
    const result = await runCliHere(['run', RECIPE, '--repo', join(makeTempDir(), 'nope')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nope: repository not found/);
  });

  it('refuses a directory that is not a git repository', async () => {
    const result = await runCliHere(['run', RECIPE, '--repo', makeTempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a git repository/);
  });

  it('refuses an unborn branch', async () => {
    const repo = track(makeTempRepo());
    writeFileSync(join(repo.dir, 'a.js'), 'var oldName;\n');
    await expectRefused(repo, ['run', RECIPE, '--repo', repo.dir], /unborn/);
  });

  it('refuses a rebase in progress', async () => {
    const repo = track(makeModuleRepo(1));
    mkdirSync(join(repo.dir, '.git/rebase-merge'));
    await expectRefused(repo, ['run', RECIPE, '--repo', repo.dir], /rebase is in progress/);
  });

  it('refuses a malformed migration.config.json', async () => {
    const repo = track(makeModuleRepo(1, { 'migration.config.json': '{ "concurrency": 0, "branchPrefx": "x" }\n' }));
    await expectRefused(repo, ['run', RECIPE, '--repo', repo.dir], /migration\.config\.json: concurrency/);
  });

  it('refuses bad flags with exit 2', async () => {
    const repo = track(makeModuleRepo(1));
    await expectRefused(repo, ['run', RECIPE, '--repo', repo.dir, '--concurrency', '0'], /--concurrency/);
    await expectRefused(repo, ['run', RECIPE, '--repo', repo.dir, '--run-id', '../x'], /run id/);
    await expectRefused(repo, ['run', RECIPE, '--repo', repo.dir, '--bogus-flag'], /bogus-flag/i);
    await expectRefused(repo, ['frobnicate', '--repo', repo.dir], /frobnicate/i);
  });

  it('refuses a run id that exists', async () => {
    const repo = track(makeModuleRepo(1));
    expect((await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'x1'])).code).toBe(0);
    const again = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'x1']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/run x1 already exists/);
  });

  it("refuses a modules.includeFrom that returns neither globs nor { include, together }, and plans its groups into one step when it does", async () => {
    const repo = track(makeModuleRepo(3));
    const dir = makeTempDir();
    const recipe = { ...goodRecipe(), modules: { by: 'directory', include: ['src/**/a.js'], includeFrom: './include.js' } };
    const file = recipeFile(dir, recipe);
    writeFileSync(join(dir, 'include.js'), 'module.exports = () => ({ include: ["src/mod000/b.js"], together: "src/mod000/b.js" });\n');
    await expectRefused(repo, ['plan', file, '--repo', repo.dir], /modules\.includeFrom of .*bad-recipe\.json: returned .*expected a list of globs or \{ include: \[globs\], together: \[\[paths\]\], exclude: \[globs\] \}/);

    writeFileSync(join(dir, 'include.js'), 'module.exports = () => ({ include: ["src/mod000/b.js"], together: [["src/mod000/b.js", "src/mod002/a.js"]] });\n');
    // A fresh process: this one keeps the include.js it loaded before the file changed.
    const plan = await runCli(['plan', file, '--repo', repo.dir, '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const steps = plan.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id?: string; files?: string[] }).filter((line) => line.files !== undefined);
    expect(steps.map((step) => [step.id, step.files])).toEqual([
      ['src', ['src/mod000/b.js', 'src/mod002/a.js']],
      ['src-mod000', ['src/mod000/a.js']],
      ['src-mod001', ['src/mod001/a.js']],
    ]);
  });
});
