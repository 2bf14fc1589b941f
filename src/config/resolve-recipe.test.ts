import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../core/recipe.js';
import { loadConfig } from './load-config.js';
import { listRecipes, resolveRecipe } from './resolve-recipe.js';
import { makeFixtureDir, rejection, writeFixtureFiles } from './__testfixtures__/fixture-dir.js';

const recipe = (id: string, description = `the ${id} recipe`) => ({
  id,
  description,
  modules: { include: ['**/*.ts'] },
  steps: [{ codemod: './t.ts', engine: 'jscodeshift' }],
});

let root: string;
let repoRoot: string;
let builtinDir: string;
let config: Config;
const cwd = process.cwd();

beforeEach(async () => {
  root = makeFixtureDir({
    'pkg/recipes/zeta.json': recipe('zeta'),
    'pkg/recipes/alpha.json': recipe('alpha'),
    'pkg/recipes/t.ts': 'export default () => {};\n',
    'pkg/recipes/README.md': 'not a recipe',
    'repo/migration.config.json': { recipes: { ours: 'tools/ours.json', mine: 'tools/mine.json' } },
    'repo/tools/ours.json': recipe('ours'),
    'repo/tools/mine.json': recipe('mine'),
    'repo/tools/t.ts': 'export default () => {};\n',
    'elsewhere/custom.json': recipe('custom'),
    'elsewhere/t.ts': 'export default () => {};\n',
  });
  repoRoot = join(root, 'repo');
  builtinDir = join(root, 'pkg/recipes');
  config = await loadConfig(repoRoot);
  process.chdir(root);
});

afterEach(() => {
  process.chdir(cwd);
  rmSync(root, { recursive: true, force: true });
});

describe('resolveRecipe', () => {
  it('finds a built-in id', async () => {
    const found = await resolveRecipe('alpha', { repoRoot, config, builtinDir });
    expect(found).toMatchObject({ id: 'alpha', builtin: true, file: join(builtinDir, 'alpha.json') });
  });

  it('finds an id the config names', async () => {
    const found = await resolveRecipe('ours', { repoRoot, config, builtinDir });
    expect(found).toMatchObject({ id: 'ours', builtin: false, file: join(repoRoot, 'tools/ours.json') });
    expect(found.steps[0]).toMatchObject({ resolved: join(repoRoot, 'tools/t.ts') });
  });

  it('reads a path relative to the working directory, or an absolute one', async () => {
    expect(await resolveRecipe('elsewhere/custom.json', { repoRoot, config, builtinDir })).toMatchObject({
      id: 'custom',
      builtin: false,
      file: join(root, 'elsewhere/custom.json'),
    });
    process.chdir(join(root, 'elsewhere'));
    expect((await resolveRecipe('custom.json', { repoRoot, config, builtinDir })).id).toBe('custom');
    expect((await resolveRecipe(join(root, 'elsewhere/custom.json'), { repoRoot, config, builtinDir })).id).toBe('custom');
  });

  it('keeps a built-in named by its path a built-in', async () => {
    const found = await resolveRecipe(join(builtinDir, 'alpha.json'), { repoRoot, config, builtinDir });
    expect(found).toMatchObject({ id: 'alpha', builtin: true });
  });

  it('treats a name ending in .json as a path even when a built-in has that id', async () => {
    const error = await rejection(resolveRecipe('alpha.json', { repoRoot, config, builtinDir }));
    expect(error.problems).toEqual(['alpha.json: recipe file not found']);
  });

  it('lists the known ids for an unknown one', async () => {
    const error = await rejection(resolveRecipe('nope', { repoRoot, config, builtinDir }));
    expect(error.code).toBe('recipe');
    expect(error.problems).toEqual([
      'unknown recipe "nope"; known recipes: alpha, zeta, mine, ours (or give a path to a recipe .json file)',
    ]);
  });

  it('refuses a recipe whose id differs from the name it is known by', async () => {
    writeFixtureFiles(root, { 'pkg/recipes/beta.json': recipe('gamma') });
    const error = await rejection(resolveRecipe('beta', { repoRoot, config, builtinDir }));
    expect(error.problems).toEqual(['pkg/recipes/beta.json: id: is "gamma", but its file name names it "beta"']);
    writeFixtureFiles(root, { 'repo/tools/mine.json': recipe('other') });
    const fromConfig = await rejection(resolveRecipe('mine', { repoRoot, config, builtinDir }));
    expect(fromConfig.problems).toEqual([
      'repo/tools/mine.json: id: is "other", but repo/migration.config.json names it "mine"',
    ]);
  });

  it('refuses a config id that shadows a built-in one', async () => {
    writeFixtureFiles(root, { 'repo/migration.config.json': { recipes: { alpha: 'tools/ours.json' } } });
    const shadowing = await loadConfig(repoRoot);
    const error = await rejection(resolveRecipe('alpha', { repoRoot, config: shadowing, builtinDir }));
    expect(error.code).toBe('config');
    expect(error.problems).toEqual(['repo/migration.config.json: recipes.alpha: is the id of a built-in recipe; choose another id']);
  });
});

describe('listRecipes', () => {
  it('lists built-ins sorted by id, then the config ones', async () => {
    expect(await listRecipes({ repoRoot, config, builtinDir })).toEqual([
      { id: 'alpha', description: 'the alpha recipe', source: 'builtin', file: join(builtinDir, 'alpha.json') },
      { id: 'zeta', description: 'the zeta recipe', source: 'builtin', file: join(builtinDir, 'zeta.json') },
      { id: 'mine', description: 'the mine recipe', source: 'config', file: join(repoRoot, 'tools/mine.json') },
      { id: 'ours', description: 'the ours recipe', source: 'config', file: join(repoRoot, 'tools/ours.json') },
    ]);
  });

  it('collects the problems of every broken recipe', async () => {
    writeFixtureFiles(root, { 'pkg/recipes/zeta.json': '{', 'repo/tools/ours.json': { ...recipe('ours'), isolation: 'x' } });
    const error = await rejection(listRecipes({ repoRoot, config, builtinDir }));
    expect(error.problems).toHaveLength(2);
    expect(error.problems[0]).toMatch(/^pkg\/recipes\/zeta\.json:1:2: invalid JSON/);
    expect(error.problems[1]).toBe('repo/tools/ours.json: isolation: expected one of independent, stacked');
  });

  it('lists nothing from a missing built-in folder', async () => {
    expect(await listRecipes({ repoRoot: root, config: await loadConfig(root), builtinDir: join(root, 'none') })).toEqual([]);
  });
});
