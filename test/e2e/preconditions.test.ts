// A recipe that does not apply, and a plan with nothing to do, are refused (exit 2, one line on
// stderr naming the recipe and why) by plan, run and run --dry-run, with nothing written.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { CHECK_SCRIPT, makeModuleRepo } from '../helpers/fixture-repo.js';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe.json');
const JEST_RECIPE = join(PROJECT_ROOT, 'recipes/jest-to-vitest.json');
const repos: TempRepo[] = [];
const track = (repo: TempRepo) => (repos.push(repo), repo);
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

/** A mocha project: test files jest-to-vitest would plan steps for, but no Jest anywhere. */
function mochaProject(): TempRepo {
  return makeTempRepo({
    'package.json': `${JSON.stringify({ name: 'lib', scripts: { test: 'mocha' }, devDependencies: { mocha: '^10.0.0', chai: '^4.0.0' } }, null, 2)}\n`,
    'packages/inner/package.json': '{ "name": "inner", "dependencies": { "jest-extended": "^4.0.0" } }\n',
    'node_modules/jest/package.json': '{ "name": "jest", "dependencies": { "jest": "29" } }\n',
    'node_modules/jest/jest.config.js': 'module.exports = {};\n',
    'src/math/math.test.js': "const { expect } = require('chai');\ndescribe('math', () => { it('adds', () => expect(1 + 1).to.equal(2)); });\n",
  });
}

/** Everything a refused command could have written: refs, state, objects, the checkout. */
function footprint(repo: TempRepo) {
  const state = join(repo.dir, '.git/codemigrate');
  return {
    checkout: snapshotCheckout(repo),
    refs: repo.git('for-each-ref', '--format=%(refname)'),
    state: existsSync(state) ? readdirSync(state, { recursive: true }).map(String).sort() : 'absent',
    objects: repo.git('count-objects', '-v').split('\n').filter((line) => /^(count|in-pack):/.test(line)),
    worktrees: repo.git('worktree', 'list', '--porcelain'),
  };
}

async function expectRefused(repo: TempRepo, args: string[]): Promise<string> {
  const before = footprint(repo);
  const result = await runCliHere(args);
  expect(result.code, result.stdout + result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(footprint(repo)).toEqual(before);
  return result.stderr.trimEnd();
}

describe('appliesTo', () => {
  const expectedLine = (repo: TempRepo) =>
    `codemigrate: recipe jest-to-vitest does not apply to ${repo.dir}: ` +
    'no package.json lists jest, ts-jest, babel-jest, @jest/globals, jest-environment-jsdom, react-scripts, @craco/craco or react-app-rewired, ' +
    `and no file matches **/jest.config.{js,ts,cjs,mjs,cts,mts,json} (appliesTo in ${JEST_RECIPE})`;

  it.each([
    ['run', ['--run-id', 'j']],
    ['run --dry-run', ['--dry-run']],
    ['plan', ['--json']],
  ])('refuses jest-to-vitest on a project without Jest: %s exits 2, one line, nothing written', async (name, flags) => {
    const repo = track(mochaProject());
    const command = name.split(' ')[0]!;
    expect(await expectRefused(repo, [command, 'jest-to-vitest', '--repo', repo.dir, ...flags])).toBe(expectedLine(repo));
    expect(existsSync(join(repo.dir, '.git/codemigrate'))).toBe(false);
    expect(repo.git('for-each-ref', 'refs/heads/codemigrate')).toBe('');
  });

  it('leaves an existing state folder as it was', async () => {
    const repo = track(mochaProject());
    mkdirSync(join(repo.dir, '.git/codemigrate/older-run'), { recursive: true });
    writeFileSync(join(repo.dir, '.git/codemigrate/older-run/events.jsonl'), '');
    const line = await expectRefused(repo, ['run', 'jest-to-vitest', '--repo', repo.dir, '--run-id', 'j']);
    expect(line).toMatch(/^codemigrate: recipe jest-to-vitest does not apply to /);
    expect(readdirSync(join(repo.dir, '.git/codemigrate'))).toEqual(['older-run']);
  });

  it('runs as before when a dependency it names is listed (at any depth)', async () => {
    const repo = track(makeModuleRepo(2, { 'tools/package.json': '{ "name": "tools", "devDependencies": { "@acme/old-names": "1.0.0" } }\n' }));
    const recipe = JSON.parse(readFileSync(RECIPE, 'utf8'));
    for (const step of recipe.steps) step.codemod = join(PROJECT_ROOT, 'test/fixtures/e2e', step.codemod);
    const dir = makeTempDir();
    const file = join(dir, 'recipe.json');
    writeFileSync(file, JSON.stringify({ ...recipe, appliesTo: { dependencies: ['@acme/*'] } }));
    const result = await runCliHere(['run', file, '--repo', repo.dir, '--run-id', 'ok']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(repo.git('show', 'codemigrate/ok/src-mod001:src/mod001/a.js')).toContain('let newName = 1;');

    writeFileSync(file, JSON.stringify({ ...recipe, appliesTo: { dependencies: ['@other/*'] } }));
    const refused = await expectRefused(repo, ['plan', file, '--repo', repo.dir]);
    expect(refused).toBe(`codemigrate: recipe e2e-rename does not apply to ${repo.dir}: no package.json lists @other/* (appliesTo in ${file})`);
  });
});

describe('a plan with 0 steps', () => {
  it('is refused when nothing matches modules.include: run, run --dry-run and plan exit 2, nothing written', async () => {
    const repo = track(makeTempRepo({ 'check.js': CHECK_SCRIPT, 'lib/a.js': 'var oldName = 1;\n', 'src/readme.md': '# not js\n' }));
    const expected =
      `codemigrate: recipe e2e-rename plans 0 steps for ${repo.dir}: ` +
      `no committed file matches modules.include (src/**/*.js) outside modules.exclude (**/node_modules/**) (in ${RECIPE})`;
    expect(await expectRefused(repo, ['run', RECIPE, '--repo', repo.dir, '--run-id', 'z'])).toBe(expected);
    expect(existsSync(join(repo.dir, '.git/codemigrate'))).toBe(false);
    expect(await expectRefused(repo, ['run', RECIPE, '--repo', repo.dir, '--dry-run', '--json'])).toBe(expected);
    expect(await expectRefused(repo, ['plan', RECIPE, '--repo', repo.dir])).toBe(expected);
    expect(repo.git('for-each-ref', 'refs/heads/codemigrate')).toBe('');
  });

  it('names the config exclude and --only when they leave nothing', async () => {
    const repo = track(makeModuleRepo(2, { 'migration.config.json': '{ "exclude": ["src/**"] }\n' }));
    const line = await expectRefused(repo, ['run', RECIPE, '--repo', repo.dir, '--only', 'src/mod000']);
    expect(line).toBe(
      `codemigrate: recipe e2e-rename plans 0 steps for ${repo.dir}: no committed file matches modules.include (src/**/*.js) ` +
        `outside modules.exclude (**/node_modules/**) and the config's exclude (src/**) (so --only "src/mod000" had nothing to select from) (in ${RECIPE})`,
    );
  });

  it('is refused when --only matches no step: run and plan name the glob and the include globs', async () => {
    const repo = track(makeModuleRepo(2));
    const expected =
      `codemigrate: recipe e2e-rename plans 0 steps for ${repo.dir}: --only "nope/**" matches no module path or step id ` +
      'of the 2 step(s) that modules.include (src/**/*.js) gives (see `codemigrate plan`)';
    expect(await expectRefused(repo, ['run', RECIPE, '--repo', repo.dir, '--only', 'nope/**'])).toBe(expected);
    expect(await expectRefused(repo, ['plan', RECIPE, '--repo', repo.dir, '--only', 'nope/**'])).toBe(expected);
    const some = await runCliHere(['plan', RECIPE, '--repo', repo.dir, '--only', 'src-mod001']);
    expect(some.code, some.stderr).toBe(0);
    expect(some.stdout).toContain('1 step(s)');
  });

  it('refuses an empty --only as a usage error in plan and run (was: ignored by plan, a stack trace from run)', async () => {
    const repo = track(makeModuleRepo(2));
    const expected = 'codemigrate: --only: expected a glob of module paths or step ids, got an empty string';
    for (const args of [['plan'], ['run', '--run-id', 'e'], ['run', '--dry-run']]) {
      const result = await runCliHere([args[0]!, RECIPE, ...args.slice(1), '--repo', repo.dir, '--only', '']);
      expect(result.code, result.stdout + result.stderr).toBe(2);
      expect(result.stderr).toBe(`${expected}\n(see codemigrate --help)\n`);
      expect(result.stdout).toBe('');
    }
    expect(existsSync(join(repo.dir, '.git/codemigrate'))).toBe(false);
    expect(repo.git('for-each-ref', 'refs/heads/codemigrate')).toBe('');
  });
});
