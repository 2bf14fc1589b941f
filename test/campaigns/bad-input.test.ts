// Bad-input campaign: malformed recipes, configs and flag combinations. Each must end with exit 2,
// one clear line naming the file and field (or the flag), and nothing written: no state, no
// branch, the checkout as it was. Recipes and configs go through the `run` use-case in this
// process (the CLI maps its CodemigrateError to the exit code and prints its problems, one per
// line); flags go through the built CLI's main, where yargs parses them (in this process too:
// runCliHere; main never exits the process, it returns the exit code).

import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { importBuilt, PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { makeModuleRepo } from '../helpers/fixture-repo.js';
import { makeTempDir, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';
import { reportFigures } from './campaign-kit.js';

useHermeticGit();
// The run use-case as built (dist/), as the CLI runs it: not transformed from src/ in this process.
const { silentOutput } = await importBuilt<typeof import('../../src/app/output.js')>('app/output.js');
const { runMigration } = await importBuilt<typeof import('../../src/app/run.js')>('app/run.js');
const { isCodemigrateError } = await importBuilt<typeof import('../../src/core/errors.js')>('core/errors.js');
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe.json');
const RENAME = join(PROJECT_ROOT, 'test/fixtures/e2e/transforms/rename-identifier.js');
const repos: TempRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.cleanup()));

const good = () => ({
  id: 'bad-input',
  description: 'x',
  modules: { by: 'directory', include: ['src/**/*.js'] },
  steps: [{ codemod: RENAME, engine: 'jscodeshift', parser: 'babel' }] as unknown[],
  verify: [{ run: 'node check.js {files}', timeoutSeconds: 60 }] as unknown,
});
type Recipe = ReturnType<typeof good> & Record<string, unknown>;
const edit = (change: (recipe: Recipe) => void) => {
  const recipe = good() as Recipe;
  change(recipe);
  return JSON.stringify(recipe);
};

/** [name, recipe file text (or a function of the folder that writes files and returns the text), expected problem]. */
const RECIPES: [string, string | ((dir: string) => string), RegExp][] = [
  ['an unknown key', edit((r) => (r['isolaton'] = 'stacked')), /isolaton/],
  ['malformed JSON', '{ "id": "x", ', /recipe\.json/],
  ['an empty file', '', /recipe\.json/],
  ['a JSON array', '[]', /recipe\.json/],
  ['no id', edit((r) => delete (r as Partial<Recipe>).id), /\bid\b/],
  ['an id with a slash', edit((r) => (r.id = 'a/b')), /\bid\b/],
  ['no modules', edit((r) => delete (r as Partial<Recipe>).modules), /modules/],
  ['an unknown grouping', edit((r) => (r.modules.by = 'module')), /modules\.by/],
  ['no include globs', edit((r) => (r.modules.include = [])), /modules\.include/],
  ['include as a string', edit((r) => ((r.modules as Record<string, unknown>)['include'] = 'src/**')), /modules\.include/],
  ['an absolute include', edit((r) => (r.modules.include = ['/src/**'])), /modules\.include\[0\]/],
  ['maxFilesPerStep 0', edit((r) => ((r.modules as Record<string, unknown>)['maxFilesPerStep'] = 0)), /maxFilesPerStep/],
  ['maxFilesPerStep 1.5', edit((r) => ((r.modules as Record<string, unknown>)['maxFilesPerStep'] = 1.5)), /maxFilesPerStep/],
  ['no steps', edit((r) => (r.steps = [])), /steps/],
  ['an empty step', edit((r) => (r.steps = [{}])), /steps\[0\]/],
  ['a step with codemod and model', edit((r) => (r.steps = [{ codemod: RENAME, engine: 'jscodeshift', model: { instructions: 'x' } }])), /steps\[0\]/],
  ['a missing transform', edit((r) => (r.steps = [{ codemod: './missing/globalz.js', engine: 'jscodeshift' }])), /steps\[0\]\.codemod.*globalz/],
  ['an unknown engine', edit((r) => (r.steps = [{ codemod: RENAME, engine: 'babel' }])), /steps\[0\]\.engine/],
  ['an unknown parser', edit((r) => (r.steps = [{ codemod: RENAME, engine: 'jscodeshift', parser: 'coffee' }])), /steps\[0\]\.parser|coffee/],
  ['options as a string', edit((r) => (r.steps = [{ codemod: RENAME, engine: 'jscodeshift', options: 'to=x' }])), /steps\[0\]\.options/],
  ['a transform that throws on load', (dir) => {
    writeFileSync(join(dir, 'throws.js'), "throw new Error('cannot load me');\n");
    return edit((r) => (r.steps = [{ codemod: './throws.js', engine: 'jscodeshift' }]));
  }, /steps\[0\]\.codemod: .*cannot load me/],
  ['a transform with no function', (dir) => {
    writeFileSync(join(dir, 'number.js'), 'module.exports = 42;\n');
    return edit((r) => (r.steps = [{ codemod: './number.js', engine: 'jscodeshift' }]));
  }, /steps\[0\]\.codemod/],
  ['a transform with a syntax error', (dir) => {
    writeFileSync(join(dir, 'broken.js'), 'module.exports = function (file {\n');
    return edit((r) => (r.steps = [{ codemod: './broken.js', engine: 'jscodeshift' }]));
  }, /steps\[0\]\.codemod/],
  ['a ts-morph transform with no default export', (dir) => {
    writeFileSync(join(dir, 'none.ts'), 'export const x = 1;\n');
    return edit((r) => (r.steps = [{ codemod: './none.ts', engine: 'ts-morph' }]));
  }, /steps\[0\]\.codemod/],
  ['missing model instructions', edit((r) => (r.steps = [{ model: { instructions: './nope.md' } }])), /steps\[0\]\.model\.instructions/],
  ['an unknown model trigger', edit((r) => (r.steps = [{ model: { instructions: 'x.md', when: ['sometimes'] } }])), /when/],
  ['no model triggers', edit((r) => (r.steps = [{ model: { instructions: 'x.md', when: [] } }])), /when/],
  ['verify as a string', edit((r) => (r.verify = 'npm test')), /verify/],
  ['an empty verify command', edit((r) => (r.verify = [{ run: '' }])), /verify\[0\]\.run/],
  ['a negative verify timeout', edit((r) => (r.verify = [{ run: 'true', timeoutSeconds: -1 }])), /verify\[0\]\.timeoutSeconds/],
  ['an unknown isolation', edit((r) => (r['isolation'] = 'parallel')), /isolation/],
  ['a setup entry with an unknown key', edit((r) => (r['setup'] = [{ codemod: RENAME, engine: 'jscodeshift', file: 'package.json' }])), /setup\[0\]/],
  ['an empty description', edit((r) => (r.description = '  ')), /description/],
];

/** [name, migration.config.json text, expected problem]. */
const CONFIGS: [string, string, RegExp][] = [
  ['malformed JSON', '{ "concurrency": ', /migration\.config\.json/],
  ['an empty file', '', /migration\.config\.json/],
  ['an array', '[]', /migration\.config\.json/],
  ['an unknown key', '{ "branchPrefx": "x" }', /branchPrefx/],
  ['concurrency 0', '{ "concurrency": 0 }', /concurrency/],
  ['concurrency as a string', '{ "concurrency": "four" }', /concurrency/],
  ['a branch prefix with ..', '{ "branchPrefix": "a..b" }', /branchPrefix/],
  ['a branch prefix starting with /', '{ "branchPrefix": "/x" }', /branchPrefix/],
  ['a branch prefix ending in .lock', '{ "branchPrefix": "x.lock" }', /branchPrefix/],
  ['a branch prefix with a space', '{ "branchPrefix": "a b" }', /branchPrefix/],
  ['a model without baseURL', '{ "model": { "model": "m" } }', /model\.baseURL/],
  ['a model baseURL that is no URL', '{ "model": { "baseURL": "not a url", "model": "m" } }', /model\.baseURL/],
  ['a model timeout of 0', '{ "model": { "baseURL": "http://127.0.0.1:9/v1", "model": "m", "timeoutSeconds": 0 } }', /model\.timeoutSeconds/],
  ['an absolute exclude', '{ "exclude": ["/vendor"] }', /exclude\[0\]/],
  ['neverSendToModel as a string', '{ "neverSendToModel": ".env" }', /neverSendToModel/],
  ['a verify entry without run', '{ "verify": [{ "timeoutSeconds": 5 }] }', /verify\[0\]/],
  ['a named recipe that does not exist', '{ "recipes": { "ours": "tools/ours.json" } }', /ours/],
];

/** [name, args after `--repo DIR`, expected stderr]. */
const FLAGS: [string, string[], RegExp][] = [
  ['--concurrency 0', ['run', RECIPE, '--concurrency', '0'], /--concurrency/],
  ['--concurrency 65', ['run', RECIPE, '--concurrency', '65'], /--concurrency/],
  ['--concurrency abc', ['run', RECIPE, '--concurrency', 'abc'], /concurrency/],
  ['--max-attempts 0', ['run', RECIPE, '--max-attempts', '0'], /--max-attempts/],
  ['--run-id ../x', ['run', RECIPE, '--run-id', '../x'], /run id/],
  ['--run-id lock', ['run', RECIPE, '--run-id', 'lock'], /run id/],
  ['--run-id -x (a flag where the id should be)', ['run', RECIPE, '--run-id', '-x'], /^codemigrate: --run-id: expected a run id after it, got -x/],
  ['an unknown flag', ['run', RECIPE, '--bogus-flag'], /bogus-flag/i],
  ['an unknown command', ['frobnicate'], /frobnicate/i],
  // yargs' own words; they do not name the missing <recipe> (see RELIABILITY.md).
  ['run without a recipe', ['run'], /recipe|not enough non-option arguments/i],
  ['review --accept --reject', ['review', 'x', 'y', '--accept', '--reject'], /accept|reject/],
  ['clean without a run', ['clean', '--yes'], /run|not enough non-option arguments/i],
  ['clean ../x', ['clean', '../x', '--yes'], /^codemigrate: clean: run id "\.\.\/x": /],
  ['clean of a run that does not exist', ['clean', 'nope', '--yes'], /^codemigrate: clean: run nope not found/],
];

function expectNothingWritten(repo: TempRepo, before: Record<string, string>): void {
  expect(existsSync(join(repo.dir, '.git/codemigrate'))).toBe(false);
  expect(repo.git('for-each-ref', 'refs/heads/codemigrate/')).toBe('');
  expect(snapshotCheckout(repo)).toEqual(before);
}

async function refusal(repo: TempRepo, recipe: string, runId = 'bad'): Promise<{ exitCode: number; text: string }> {
  try {
    const result = await runMigration({ repo: repo.dir, recipe, runId, signal: new AbortController().signal }, silentOutput);
    return { exitCode: result.exitCode, text: '(it ran)' };
  } catch (error) {
    if (!isCodemigrateError(error)) return { exitCode: -1, text: String(error) };
    return { exitCode: error.exitCode, text: error.problems.join('\n') };
  }
}

describe('bad-input campaign', () => {
  // Nothing is ever written, so one repository serves every case (and is checked after each).
  let shared: TempRepo | undefined;
  const sharedRepo = () => {
    shared ??= makeModuleRepo(1);
    if (!repos.includes(shared)) repos.push(shared);
    return shared;
  };
  const tally = { recipes: RECIPES.length, configs: CONFIGS.length, flags: FLAGS.length };
  reportFigures('bad-input', { ...tally, total: RECIPES.length + CONFIGS.length + FLAGS.length });

  // The shared repository as it was before any case: each case is checked against it.
  let sharedBefore: Record<string, string> | undefined;
  it.each(RECIPES)('refuses a recipe with %s: exit 2, file and field named, nothing written', async (_name, text, problem) => {
    const repo = sharedRepo();
    const dir = makeTempDir();
    const file = join(dir, 'recipe.json');
    writeFileSync(file, typeof text === 'string' ? text : text(dir));
    const before = (sharedBefore ??= snapshotCheckout(repo));
    const result = await refusal(repo, file);
    expect(result.exitCode, result.text).toBe(2);
    expect(result.text).toMatch(problem);
    expect(result.text.split('\n').every((line) => line.includes('recipe.json') || line.startsWith('  ')), result.text).toBe(true);
    expectNothingWritten(repo, before);
  });

  it.each(CONFIGS)('refuses a config with %s: exit 2, field named, nothing written', async (_name, text, problem) => {
    const repo = sharedRepo();
    writeFileSync(join(repo.dir, 'migration.config.json'), text);
    try {
      const before = snapshotCheckout(repo);
      const result = await refusal(repo, RECIPE);
      expect(result.exitCode, result.text).toBe(2);
      expect(result.text).toMatch(/migration\.config\.json/);
      expect(result.text).toMatch(problem);
      expectNothingWritten(repo, before);
    } finally {
      rmSync(join(repo.dir, 'migration.config.json'));
    }
  });

  it('refuses a model config whose key variable is unset, before writing anything', async () => {
    const repo = makeModuleRepo(1);
    repos.push(repo);
    writeFileSync(join(repo.dir, 'migration.config.json'), JSON.stringify({ model: { baseURL: 'http://127.0.0.1:9/v1', model: 'm', apiKeyEnv: 'CODEMIGRATE_CAMPAIGN_UNSET_KEY' } }));
    const before = snapshotCheckout(repo);
    const result = await refusal(repo, join(PROJECT_ROOT, 'test/fixtures/e2e/model-recipe.json'));
    expect(result.exitCode, result.text).toBe(2);
    expect(result.text).toMatch(/CODEMIGRATE_CAMPAIGN_UNSET_KEY/);
    expectNothingWritten(repo, before);
  });

  it('refuses a recipe path that is a folder, and one that does not exist', async () => {
    const repo = makeModuleRepo(1);
    repos.push(repo);
    const before = snapshotCheckout(repo);
    const folder = makeTempDir();
    mkdirSync(join(folder, 'x.json'));
    for (const recipe of [join(folder, 'x.json'), join(folder, 'none.json')]) {
      const result = await refusal(repo, recipe);
      expect(result.exitCode, result.text).toBe(2);
      // Paths print relative to the working directory when that is shorter: compare the tail.
      expect(result.text).toContain(recipe.split('/').slice(-2).join('/'));
    }
    expectNothingWritten(repo, before);
  });

  it(`refuses ${FLAGS.length} bad flag combinations through the CLI with exit 2`, async () => {
    const repo = makeModuleRepo(1);
    repos.push(repo);
    const before = snapshotCheckout(repo);
    const failures: string[] = [];
    for (const [name, args, pattern] of FLAGS) {
      const result = await runCliHere([...args, '--repo', repo.dir]);
      if (result.code !== 2 || !pattern.test(result.stderr)) failures.push(`${name}: exit ${result.code}: ${result.stderr.trim().slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expectNothingWritten(repo, before);
  });
});
