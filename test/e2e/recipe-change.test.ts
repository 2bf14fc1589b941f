// A run and the recipe it was made with: a new description changes nothing; a changed transform
// (here a helper module it imports) stops resume and land, naming the part and the steps it
// touches, until `resume --accept-recipe-change` takes it; every commit says which version made it.
// A changed verify (the recipe's meaning) is refused even then.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliHere } from '../helpers/cli.js';
import { CHECK_SCRIPT } from '../helpers/fixture-repo.js';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const repos: TempRepo[] = [];
const dirs: string[] = [];
afterEach(() => {
  repos.splice(0).forEach((repo) => repo.cleanup());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const RECIPE = {
  id: 'rename',
  description: 'Rename oldName (test recipe)',
  modules: { by: 'directory', include: ['src/**'] },
  steps: [{ codemod: './transforms/rewrite.js', engine: 'jscodeshift' }],
  // A check that starts no Node (it fails on the FAIL_VERIFY marker, as check.js does): what it runs is not this file's subject.
  verify: [{ run: 'grep -l FAIL_VERIFY {files}; test $? -eq 1', timeoutSeconds: 60 }],
};
const ENTRY = "const { rewrite } = require('./helpers');\nmodule.exports = (file) => rewrite(file.source);\n";
const HELPERS_V1 = "exports.rewrite = (text) => text.replace(/oldName/g, 'newName');\n";
// Version 2 also drops the marker that makes the check fail: the step it failed now succeeds.
const HELPERS_V2 = "exports.rewrite = (text) => text.replace(/oldName/g, 'newName').replace(' // FAIL_VERIFY', '');\n";

/** A recipe folder, removed after each test unless `keep` (then the caller removes it). */
function recipeDir(keep = false): string {
  const dir = makeTempDir('codemigrate-recipe-');
  if (!keep) dirs.push(dir);
  writeRecipe(dir, RECIPE);
  writeFiles(dir, { 'transforms/rewrite.js': ENTRY, 'transforms/helpers.js': HELPERS_V1 });
  return dir;
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

function writeRecipe(dir: string, recipe: object): void {
  writeFileSync(join(dir, 'recipe.json'), `${JSON.stringify(recipe, null, 2)}\n`);
}

const json = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
const trailer = (repo: TempRepo, key: string, rev: string) => repo.git('log', '-1', `--format=%(trailers:key=${key},valueonly)`, rev).trim();
const journal = (repo: TempRepo, run: string) => readFileSync(join(repo.dir, '.git/codemigrate', run, 'events.jsonl'), 'utf8');

describe('a recipe that changes under a run', () => {
  // One run, changed step by step: each test goes on from where the one before left it.
  const shared = {} as { repo: TempRepo; dir: string; firstVersion: string };
  beforeAll(async () => {
    const repo = makeTempRepo({ 'check.js': CHECK_SCRIPT, 'src/a/x.js': 'var oldName = 1;\n', 'src/b/y.js': 'var oldName = 2; // FAIL_VERIFY\n' });
    const dir = recipeDir(true);
    Object.assign(shared, { repo, dir });
    const run = await runCliHere(['run', join(dir, 'recipe.json'), '--repo', repo.dir, '--run-id', 'rc1']);
    expect(run.code, run.stderr).toBe(1);
    shared.firstVersion = trailer(repo, 'Codemigrate-Recipe-Hash', 'codemigrate/rc1/src-a');
  });
  afterAll(() => {
    shared.repo?.cleanup();
    if (shared.dir) rmSync(shared.dir, { recursive: true, force: true });
  });

  it('records the version on the base and on each step commit, and goes on after a new description', async () => {
    const { repo, dir, firstVersion } = shared;
    expect(firstVersion).toMatch(/^[0-9a-f]{64}$/);
    expect(trailer(repo, 'Codemigrate-Recipe-Hash', 'codemigrate/rc1/base')).toBe(firstVersion);
    // A new description and key order: the same recipe.
    const { verify, ...rest } = RECIPE;
    writeRecipe(dir, { verify, ...rest, description: 'Rename oldName to newName everywhere (test recipe)' });
    const same = await runCliHere(['resume', '--repo', repo.dir]);
    expect(same.code, same.stderr).toBe(1);
    expect(same.stderr).not.toContain('recipe changed');
  });

  it('stops resume and land on a changed transform helper, naming the part and the steps it touches, writing nothing', async () => {
    const { repo, dir } = shared;
    writeFiles(dir, { 'transforms/helpers.js': HELPERS_V2 });
    const before = journal(repo, 'rc1');
    const refused = await runCliHere(['resume', '--repo', repo.dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('the recipe changed since run rc1 started: steps[0].codemod (./transforms/rewrite.js)');
    expect(refused.stderr).toContain('1 step made with the earlier version, kept as they are (land lists them; review or reject them): src-a');
    expect(refused.stderr).toContain('1 step still to run will use the new version');
    expect(refused.stderr).toContain('codemigrate resume rc1 --accept-recipe-change');
    const landRefused = await runCliHere(['land', '--repo', repo.dir]);
    expect(landRefused.code).toBe(2);
    expect(landRefused.stderr).toContain('steps[0].codemod (./transforms/rewrite.js)');
    expect(journal(repo, 'rc1')).toBe(before);
  });

  it('goes on with the new version once accepted: new commits carry it, earlier steps keep theirs, review says so', async () => {
    const { repo, firstVersion } = shared;
    // Spawned: this process loaded the transform's first version (the module stays loaded), and this
    // resume must run the second. The other commands run here (runCliHere), none after a change it must run.
    const accepted = await runCli(['resume', '--accept-recipe-change', '--repo', repo.dir, '--json']);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stderr).toContain('going on with the new version');
    expect(json(accepted.stdout).find((event) => event.type === 'step-finished' && event.step === 'src-b')).toMatchObject({ status: 'succeeded' });
    const secondVersion = trailer(repo, 'Codemigrate-Recipe-Hash', 'codemigrate/rc1/src-b');
    expect(secondVersion).toMatch(/^[0-9a-f]{64}$/);
    expect(secondVersion).not.toBe(firstVersion);
    expect(trailer(repo, 'Codemigrate-Recipe-Hash', 'codemigrate/rc1/src-a')).toBe(firstVersion);
    expect(json((await runCliHere(['review', 'src-a', '--repo', repo.dir, '--json'])).stdout)[0]).toMatchObject({ earlierRecipe: firstVersion });
    expect(json((await runCliHere(['review', 'src-b', '--repo', repo.dir, '--json'])).stdout)[0]!.earlierRecipe).toBeUndefined();
  });

  it('lands, from a state rebuilt from the refs, listing the steps an earlier version made', async () => {
    const { repo, firstVersion } = shared;
    // The state is a cache: rebuilt from the refs, the run still goes on with the accepted version.
    rmSync(join(repo.dir, '.git/codemigrate/rc1'), { recursive: true, force: true });
    const land = await runCliHere(['land', '--repo', repo.dir, '--json']);
    expect(land.code, land.stderr).toBe(0);
    expect(json(land.stdout).find((event) => event.type === 'land')).toMatchObject({ landed: ['src-a', 'src-b'], verdict: 'passed', earlierRecipe: ['src-a'] });
    // Each step's commit in the result names the version that made it when it is not the run's.
    const format = '%(trailers:key=Codemigrate-Step,valueonly,separator=)|%(trailers:key=Codemigrate-Recipe-Hash,valueonly,separator=)';
    const steps = repo.git('log', `--format=${format}`, 'codemigrate/rc1/base..codemigrate/rc1/result').trim().split('\n');
    expect(steps).toContain(`src-a|${firstVersion}`);
    expect(steps).toContain('src-b|');
    const printed = await runCliHere(['land', '--repo', repo.dir]);
    expect(printed.stdout).toContain('1 landed step(s) were made with an earlier version of the recipe (their land commits carry it): src-a');
  });

  it("refuses a change of the recipe's meaning, accepted or not", async () => {
    const { repo, dir } = shared;
    writeRecipe(dir, { ...RECIPE, verify: [{ run: 'node check.js', timeoutSeconds: 60 }] });
    const structural = await runCliHere(['resume', '--accept-recipe-change', '--repo', repo.dir]);
    expect(structural.code).toBe(2);
    expect(structural.stderr).toContain('the recipe changed since run rc1 started: recipe.verify');
    expect(structural.stderr).toContain('start a new run');
  });
});

describe('a recipe that changes under a run with nothing made yet', () => {
  it('takes a changed transform unasked when no step that stays was made with the earlier version', async () => {
    const repo = makeTempRepo({ 'check.js': CHECK_SCRIPT, 'src/b/y.js': 'var oldName = 2; // FAIL_VERIFY\n' });
    repos.push(repo);
    const dir = recipeDir();
    const run = await runCliHere(['run', join(dir, 'recipe.json'), '--repo', repo.dir, '--run-id', 'rc2']);
    expect(run.code, run.stderr).toBe(1);
    writeFiles(dir, { 'transforms/helpers.js': HELPERS_V2 });
    // Spawned: the run above loaded the first version into this process.
    const resumed = await runCli(['resume', '--repo', repo.dir]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('steps[0].codemod); going on with the new version');
    expect(resumed.stderr).toContain('1 step still to run will use the new version');
    expect(trailer(repo, 'Codemigrate-Recipe-Hash', 'codemigrate/rc2/src-b')).not.toBe(trailer(repo, 'Codemigrate-Recipe-Hash', 'codemigrate/rc2/base'));
  });
});
