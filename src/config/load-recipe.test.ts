import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveTransformPath } from '../codemods/load-transform.js';
import type { CodemodSpec } from '../core/recipe.js';
import { loadRecipeFile } from './load-recipe.js';
import { makeFixtureDir, rejection, writeFixtureFiles } from './__testfixtures__/fixture-dir.js';

const FULL_RECIPE = {
  id: 'jest-to-vitest',
  description: 'Move a Jest test suite to Vitest',
  modules: { by: 'package', include: ['**/*.test.ts'], exclude: ['**/fixtures/**'], maxFilesPerStep: 10 },
  setup: [{ codemod: '../migrations/x/package-json.ts', engine: 'ts-morph', files: ['package.json', '**/package.json'] }],
  steps: [
    { codemod: '../migrations/x/globals.ts', engine: 'jscodeshift', parser: 'tsx', options: { quote: 'single' } },
    { codemod: '@scope/community-codemod/transforms/x.js', engine: 'jscodeshift' },
    { model: { instructions: '../migrations/x/leftovers.md', when: ['reported', 'verify-failed'] } },
  ],
  verify: [{ run: 'npx tsc --noEmit -p .', timeoutSeconds: 300 }, { run: 'npx vitest run {files}' }],
  isolation: 'stacked',
};

const MINIMAL_RECIPE = {
  id: 'minimal',
  description: 'Smallest valid recipe',
  modules: { include: ['src/**/*.ts'] },
  steps: [{ codemod: './t.ts', engine: 'jscodeshift' }, { model: { instructions: './i.md' } }],
};

let dir: string;
const cwd = process.cwd();

beforeEach(() => {
  dir = makeFixtureDir({
    'migrations/x/package-json.ts': 'export default () => {};\n',
    'migrations/x/globals.ts': 'export default () => {};\n',
    'migrations/x/leftovers.md': 'Replace jest.fn with vi.fn.\n',
    'recipes/t.ts': 'export default () => {};\n',
    'recipes/i.md': 'Fix what is left.\n',
  });
  // Problem lines print paths relative to the working directory.
  process.chdir(dir);
});

afterEach(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

function writeRecipe(recipe: unknown, name = 'recipes/x.json'): string {
  writeFixtureFiles(dir, { [name]: typeof recipe === 'string' ? recipe : (recipe as object) });
  return join(dir, name);
}

async function problemsOf(recipe: unknown): Promise<readonly string[]> {
  const error = await rejection(loadRecipeFile(writeRecipe(recipe), { builtin: false }));
  expect(error.code).toBe('recipe');
  return error.problems;
}

describe('loadRecipeFile: a valid recipe', () => {
  it('normalises a full recipe: absolute paths, package names kept, fields, hash', async () => {
    const file = writeRecipe(FULL_RECIPE);
    const recipe = await loadRecipeFile(file, { builtin: true });
    expect(recipe).toMatchObject({
      id: 'jest-to-vitest',
      file,
      builtin: true,
      isolation: 'stacked',
      modules: { by: 'package', include: ['**/*.test.ts'], exclude: ['**/fixtures/**'], maxFilesPerStep: 10 },
      verify: [
        { run: 'npx tsc --noEmit -p .', timeoutSeconds: 300 },
        { run: 'npx vitest run {files}', timeoutSeconds: 600 },
      ],
    });
    expect(recipe.bytesHash).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
    expect(recipe.setup).toEqual([
      {
        kind: 'codemod',
        name: '../migrations/x/package-json.ts',
        resolved: join(dir, 'migrations/x/package-json.ts'),
        engine: 'ts-morph',
        options: {},
        files: ['package.json', '**/package.json'],
        field: 'setup[0]',
      },
    ]);
    expect(recipe.steps).toEqual([
      {
        kind: 'codemod',
        name: '../migrations/x/globals.ts',
        resolved: join(dir, 'migrations/x/globals.ts'),
        engine: 'jscodeshift',
        parser: 'tsx',
        recipeDir: join(dir, 'recipes'),
        options: { quote: 'single' },
        field: 'steps[0]',
      },
      {
        kind: 'codemod',
        name: '@scope/community-codemod/transforms/x.js',
        resolved: '@scope/community-codemod/transforms/x.js',
        engine: 'jscodeshift',
        recipeDir: join(dir, 'recipes'),
        options: {},
        field: 'steps[1]',
      },
      {
        kind: 'model',
        instructions: join(dir, 'migrations/x/leftovers.md'),
        instructionsText: 'Replace jest.fn with vi.fn.\n',
        when: ['reported', 'verify-failed'],
        field: 'steps[2]',
      },
    ]);
  });

  it('takes "$schema" without changing the recipe or its version', async () => {
    const plain = await loadRecipeFile(writeRecipe(MINIMAL_RECIPE), { builtin: false });
    const withSchema = await loadRecipeFile(writeRecipe({ $schema: '../schemas/recipe.schema.json', ...MINIMAL_RECIPE }), { builtin: false });
    expect({ ...withSchema, bytesHash: '' }).toEqual({ ...plain, bytesHash: '' });
  });

  it('fills the defaults and omits optional fields that were not written', async () => {
    const recipe = await loadRecipeFile(writeRecipe({ ...MINIMAL_RECIPE, setup: [{ codemod: './t.ts', engine: 'ts-morph' }] }), {
      builtin: false,
    });
    expect(recipe.modules).toEqual({ by: 'directory', include: ['src/**/*.ts'], exclude: ['**/node_modules/**'], maxFilesPerStep: 40 });
    expect(recipe.verify).toEqual([]);
    expect(recipe.isolation).toBe('independent');
    expect(recipe.builtin).toBe(false);
    expect(recipe.setup[0]?.files).toEqual(['package.json']);
    expect(recipe.steps[0]).not.toHaveProperty('parser');
    expect(recipe.steps[0]).not.toHaveProperty('files');
    expect(recipe.steps[0]).not.toHaveProperty('context');
    expect(recipe.steps[1]).toMatchObject({ kind: 'model', when: ['reported', 'verify-failed'] });
    expect(recipe).not.toHaveProperty('install');
    expect(recipe).not.toHaveProperty('appliesTo');
  });

  it('carries a step\'s context globs onto its codemod', async () => {
    const recipe = await loadRecipeFile(writeRecipe({ ...MINIMAL_RECIPE, steps: [{ codemod: './t.ts', engine: 'jscodeshift', context: ['package.json'] }] }), { builtin: false });
    expect(recipe.steps[0]).toMatchObject({ context: ['package.json'], options: {} });
  });

  it('reads appliesTo, an absent list as empty', async () => {
    const recipe = await loadRecipeFile(writeRecipe({ ...MINIMAL_RECIPE, appliesTo: { dependencies: ['jest', '@jest/*'] } }), { builtin: false });
    expect(recipe.appliesTo).toEqual({ dependencies: ['jest', '@jest/*'], files: [] });
  });

  it('reads the install command, with the verify timeout default', async () => {
    const recipe = await loadRecipeFile(writeRecipe({ ...MINIMAL_RECIPE, install: { run: 'npm install --no-audit' } }), { builtin: false });
    expect(recipe.install).toEqual({ run: 'npm install --no-audit', timeoutSeconds: 600 });
  });

  it('accepts an absolute codemod path', async () => {
    const absolute = join(dir, 'migrations/x/globals.ts');
    const recipe = await loadRecipeFile(writeRecipe({ ...MINIMAL_RECIPE, steps: [{ codemod: absolute, engine: 'jscodeshift' }] }), {
      builtin: false,
    });
    expect(recipe.steps[0]).toMatchObject({ resolved: absolute, name: absolute });
  });
});

describe('loadRecipeFile: a pinned jscodeshift', () => {
  const jscodeshiftPackage = (name: string, version: string) => ({ name, version, main: 'index.js' });

  it('resolves a package name beside the recipe (an npm alias keeps the name "jscodeshift") and a folder path', async () => {
    writeFixtureFiles(dir, {
      'recipes/node_modules/jscodeshift-0.13/package.json': jscodeshiftPackage('jscodeshift', '0.13.1'),
      'vendor/jscodeshift/package.json': jscodeshiftPackage('@acme/jscodeshift', '1.0.0'),
    });
    const recipe = await loadRecipeFile(
      writeRecipe({
        ...MINIMAL_RECIPE,
        steps: [
          { codemod: './t.ts', engine: 'jscodeshift', jscodeshift: 'jscodeshift-0.13' },
          { codemod: './t.ts', engine: 'jscodeshift', jscodeshift: '../vendor/jscodeshift' },
        ],
      }),
      { builtin: false },
    );
    expect(recipe.steps[0]).toMatchObject({ jscodeshift: join(dir, 'recipes/node_modules/jscodeshift-0.13'), recipeDir: join(dir, 'recipes') });
    expect(recipe.steps[1]).toMatchObject({ jscodeshift: join(dir, 'vendor/jscodeshift') });
  });

  it('refuses, naming the file and field, a pin that does not resolve or is not jscodeshift (exit 2)', async () => {
    writeFixtureFiles(dir, { 'recipes/node_modules/recast/package.json': { name: 'recast', version: '0.23.0' }, 'vendor/empty/x.txt': '' });
    const error = await rejection(
      loadRecipeFile(
        writeRecipe({
          ...MINIMAL_RECIPE,
          steps: [
            { codemod: './t.ts', engine: 'jscodeshift', jscodeshift: 'jscodeshift-0.99' },
            { codemod: './t.ts', engine: 'jscodeshift', jscodeshift: 'recast' },
            { codemod: './t.ts', engine: 'jscodeshift', jscodeshift: '../vendor/empty' },
            { codemod: './t.ts', engine: 'jscodeshift', jscodeshift: './t.ts' },
          ],
        }),
        { builtin: false },
      ),
    );
    expect(error.exitCode).toBe(2);
    expect(error.problems).toEqual([
      'recipes/x.json: steps[0].jscodeshift: cannot resolve package "jscodeshift-0.99" from recipes (install it beside the recipe, or give the path of a jscodeshift package folder, "./…")',
      'recipes/x.json: steps[1].jscodeshift: recast is the package "recast" 0.23.0, not jscodeshift',
      'recipes/x.json: steps[2].jscodeshift: ../vendor/empty has no package.json: not a jscodeshift package',
      'recipes/x.json: steps[3].jscodeshift: ./t.ts is a file; give the folder of a jscodeshift package',
    ]);
    // A ts-morph codemod would ignore it.
    writeFixtureFiles(dir, { 'vendor/jscodeshift/package.json': jscodeshiftPackage('jscodeshift', '17.0.0') });
    const rules = await problemsOf({ ...MINIMAL_RECIPE, setup: [{ codemod: './t.ts', engine: 'ts-morph', jscodeshift: '../vendor/jscodeshift' }] });
    expect(rules).toEqual([
      "recipes/x.json: setup[0].jscodeshift: applies only to the jscodeshift engine; a ts-morph codemod runs with codemigrate's ts-morph",
    ]);
  });
});

describe('loadRecipeFile: bad values', () => {
  const cases: [string, (recipe: Record<string, any>) => void, string][] = [
    ['id with capitals', (r) => (r.id = 'Jest'), 'recipes/x.json: id: must start with a-z or 0-9'],
    ['id with ..', (r) => (r.id = 'a..b'), 'recipes/x.json: id: must not contain ".."'],
    ['id ending .lock', (r) => (r.id = 'a.lock'), 'recipes/x.json: id: must not end with ".lock"'],
    ['missing id', (r) => delete r.id, 'recipes/x.json: id: required'],
    ['empty description', (r) => (r.description = ' '), 'recipes/x.json: description: must not be empty'],
    ['description not a string', (r) => (r.description = 3), 'recipes/x.json: description: expected string, received number'],
    ['modules.by', (r) => (r.modules.by = 'folder'), 'recipes/x.json: modules.by: expected one of directory, package, file'],
    ['empty include', (r) => (r.modules.include = []), 'recipes/x.json: modules.include: must not be empty'],
    ['missing include', (r) => delete r.modules.include, 'recipes/x.json: modules.include: required'],
    ['absolute glob', (r) => (r.modules.include = ['/src/**']), 'recipes/x.json: modules.include[0]: glob "/src/**" must be relative'],
    ['exclude not an array', (r) => (r.modules.exclude = 'x'), 'recipes/x.json: modules.exclude: expected array, received string'],
    ['maxFilesPerStep 0', (r) => (r.modules.maxFilesPerStep = 0), 'recipes/x.json: modules.maxFilesPerStep: must be ≥ 1, got 0'],
    ['maxFilesPerStep 1.5', (r) => (r.modules.maxFilesPerStep = 1.5), 'recipes/x.json: modules.maxFilesPerStep: expected an integer'],
    ['empty steps', (r) => (r.steps = []), 'recipes/x.json: steps: must not be empty'],
    ['missing steps', (r) => delete r.steps, 'recipes/x.json: steps: required'],
    ['step of neither kind', (r) => (r.steps[0] = { run: 'x' }), 'recipes/x.json: steps[0]: expected a codemod step'],
    ['step not an object', (r) => (r.steps[0] = 'x.ts'), 'recipes/x.json: steps[0]: expected a codemod step'],
    ['engine', (r) => (r.steps[0].engine = 'babel'), 'recipes/x.json: steps[0].engine: expected one of jscodeshift, ts-morph'],
    ['missing engine', (r) => delete r.steps[0].engine, 'recipes/x.json: steps[0].engine: required'],
    ['empty parser', (r) => (r.steps[0].parser = ''), 'recipes/x.json: steps[0].parser: must not be empty'],
    ['options not an object', (r) => (r.steps[0].options = []), 'recipes/x.json: steps[0].options: expected object, received array'],
    ['step empty files', (r) => (r.steps[0].files = []), 'recipes/x.json: steps[0].files: must not be empty'],
    ['empty context', (r) => (r.steps[0].context = []), 'recipes/x.json: steps[0].context: must not be empty'],
    ['empty context on setup', (r) => (r.setup = [{ codemod: './t.ts', engine: 'ts-morph', context: [] }]), 'recipes/x.json: setup[0].context: must not be empty'],
    ['context and options.context', (r) => ((r.steps[0].context = ['package.json']), (r.steps[0].options = { context: 1 })), 'recipes/x.json: steps[0].options.context: is where the codemod\'s "context" files are handed over'],
    ['finish context and options.context', (r) => (r.finish = [{ codemod: './t.ts', engine: 'ts-morph', context: ['package-lock.json'], options: { context: 1 } }]), 'recipes/x.json: finish[0].options.context: is where the codemod\'s "context" files are handed over'],
    ['cache true', (r) => (r.steps[0].cache = true), 'recipes/x.json: steps[0].cache: expected false'],
    ['when value', (r) => (r.steps[1].model.when = ['sometimes']), 'recipes/x.json: steps[1].model.when[0]: expected one of reported, verify-failed, always'],
    ['empty when', (r) => (r.steps[1].model.when = []), 'recipes/x.json: steps[1].model.when: must not be empty'],
    ['missing instructions', (r) => (r.steps[1].model = {}), 'recipes/x.json: steps[1].model.instructions: required'],
    ['setup model entry', (r) => (r.setup = [{ model: { instructions: './i.md' } }]), 'recipes/x.json: setup[0]: unknown key "model"'],
    ['setup empty files', (r) => (r.setup = [{ codemod: './t.ts', engine: 'ts-morph', files: [] }]), 'recipes/x.json: setup[0].files: must not be empty'],
    ['verify run empty', (r) => (r.verify = [{ run: '' }]), 'recipes/x.json: verify[0].run: must not be empty'],
    ['verify timeout', (r) => (r.verify = [{ run: 'x', timeoutSeconds: -1 }]), 'recipes/x.json: verify[0].timeoutSeconds: must be > 0, got -1'],
    ['verify a string', (r) => (r.verify = ['npm test']), 'recipes/x.json: verify[0]: expected object, received string'],
    ['serve with {files}', (r) => (r.verify = [{ run: 'tsc {files}', serve: 'node kept.mjs' }]), 'recipes/x.json: verify[0].serve: a check whose run names {files} or {module} cannot have serve: the kept process checks the whole project'],
    ['serve naming {cache}', (r) => (r.verify = [{ run: 'tsc {cache}', serve: 'node kept.mjs {cache} {files}' }]), 'recipes/x.json: verify[0].serve: serve may name {recipeDir} only, not {cache}, {files}: the kept process is started once for the run'],
    ['serve with a baseline', (r) => (r.verify = [{ run: 'tsc', serve: 'node kept.mjs', baseline: { run: 'old-tsc' } }]), "recipes/x.json: verify[0].serve: a check with a baseline command cannot have serve: the kept process is the step's tool"],
    ['install a string', (r) => (r.install = 'npm install'), 'recipes/x.json: install: expected object, received string'],
    ['install a list', (r) => (r.install = [{ run: 'npm install' }]), 'recipes/x.json: install: expected object, received array'],
    ['install run empty', (r) => (r.install = { run: ' ' }), 'recipes/x.json: install.run: must not be empty'],
    ['install unknown key', (r) => (r.install = { run: 'x', cwd: '.' }), 'recipes/x.json: install: unknown key "cwd"'],
    ['install null', (r) => (r.install = null), 'recipes/x.json: install: expected object, received null'],
    ['isolation', (r) => (r.isolation = 'stack'), 'recipes/x.json: isolation: expected one of independent, stacked'],
    ['format an unknown formatter', (r) => (r.format = ['prettier', 'biome']), 'recipes/x.json: format[1]: expected one of prettier, eslint'],
    ['format empty', (r) => (r.format = []), 'recipes/x.json: format: must not be empty'],
    ['appliesTo a list', (r) => (r.appliesTo = ['jest']), 'recipes/x.json: appliesTo: expected object, received array'],
    ['appliesTo unknown key', (r) => (r.appliesTo = { dependencies: ['jest'], dependency: ['x'] }), 'recipes/x.json: appliesTo: unknown key "dependency" (did you mean "dependencies"?)'],
    ['appliesTo empty', (r) => (r.appliesTo = {}), 'recipes/x.json: appliesTo: needs a non-empty "dependencies" or "files" list'],
    ['appliesTo empty lists', (r) => (r.appliesTo = { dependencies: [], files: [] }), 'recipes/x.json: appliesTo: needs a non-empty'],
    ['appliesTo dependency not a string', (r) => (r.appliesTo = { dependencies: [3] }), 'recipes/x.json: appliesTo.dependencies[0]: expected string, received number'],
    ['appliesTo empty dependency', (r) => (r.appliesTo = { dependencies: [' '] }), 'recipes/x.json: appliesTo.dependencies[0]: must not be empty'],
    ['appliesTo dependency glob', (r) => (r.appliesTo = { dependencies: ['jest-*'] }), 'recipes/x.json: appliesTo.dependencies[0]: "jest-*": only a whole scope'],
    ['appliesTo absolute glob', (r) => (r.appliesTo = { files: ['/jest.config.js'] }), 'recipes/x.json: appliesTo.files[0]: glob "/jest.config.js" must be relative'],
  ];

  it.each(cases)('%s', async (_name, mutate, expected) => {
    const recipe: Record<string, any> = structuredClone(MINIMAL_RECIPE);
    mutate(recipe);
    const problems = await problemsOf(recipe);
    expect(problems.some((line) => line.startsWith(expected)), `${JSON.stringify(problems)} has no line starting with ${expected}`).toBe(true);
  });
});

describe('loadRecipeFile: "cache": false', () => {
  it('keeps a codemod entry\'s "cache": false on its spec, for the result cache to pass it by', async () => {
    const recipe = await loadRecipeFile(writeRecipe({ ...FULL_RECIPE, steps: [{ ...FULL_RECIPE.steps[0], cache: false }, FULL_RECIPE.steps[1]] }), { builtin: false });
    expect(recipe.steps[0]).toMatchObject({ kind: 'codemod', cache: false });
    const plain = await loadRecipeFile(writeRecipe(FULL_RECIPE), { builtin: false });
    expect(plain.steps[0]).not.toHaveProperty('cache');
  });
});

describe('loadRecipeFile: a step codemod\'s "files"', () => {
  it('keeps the globs on the step\'s spec (the codemod sees only those of the step\'s files), (an empty list: under bad values)', async () => {
    const recipe = await loadRecipeFile(writeRecipe({ ...FULL_RECIPE, steps: [{ ...FULL_RECIPE.steps[0], files: ['**/*.tsx'] }, FULL_RECIPE.steps[1]] }), { builtin: false });
    expect(recipe.steps[0]).toMatchObject({ kind: 'codemod', files: ['**/*.tsx'] });
    expect((await loadRecipeFile(writeRecipe(FULL_RECIPE), { builtin: false })).steps[0]).not.toHaveProperty('files');
  });
});

describe('loadRecipeFile: unknown keys', () => {
  it('reports unknown keys at every level, with a suggestion for a near miss', async () => {
    const problems = await problemsOf({
      ...MINIMAL_RECIPE,
      isolaton: 'stacked',
      modules: { ...MINIMAL_RECIPE.modules, maxFilePerStep: 3 },
      setup: [{ codemod: './t.ts', engine: 'ts-morph', file: ['x'] }],
      steps: [
        { codemod: './t.ts', engine: 'jscodeshift', parsr: 'tsx' },
        { model: { instructions: './i.md', whn: ['always'] }, extra: true },
      ],
      verify: [{ run: 'x', timeout: 3 }],
    });
    expect(problems).toEqual([
      'recipes/x.json: modules: unknown key "maxFilePerStep" (did you mean "maxFilesPerStep"?)',
      'recipes/x.json: setup[0]: unknown key "file" (did you mean "files"?)',
      'recipes/x.json: steps[0]: unknown key "parsr" (did you mean "parser"?)',
      'recipes/x.json: steps[1].model: unknown key "whn" (did you mean "when"?)',
      'recipes/x.json: steps[1]: unknown key "extra"',
      'recipes/x.json: verify[0]: unknown key "timeout"',
      'recipes/x.json: unknown key "isolaton" (did you mean "isolation"?)',
    ]);
  });
});

describe('loadRecipeFile: referenced files and rules', () => {
  it('names the missing codemod as written, relative to the recipe file', async () => {
    const problems = await problemsOf({
      ...MINIMAL_RECIPE,
      steps: [{ codemod: './t.ts', engine: 'jscodeshift' }, { codemod: '../migrations/x/globalz.ts', engine: 'jscodeshift' }],
    });
    expect(problems).toEqual(['recipes/x.json: steps[1].codemod: file not found: ../migrations/x/globalz.ts']);
  });

  it('refuses a folder as a codemod, and a missing or empty instructions file', async () => {
    writeFixtureFiles(dir, { 'recipes/empty.md': '  \n' });
    const problems = await problemsOf({
      ...MINIMAL_RECIPE,
      setup: [{ codemod: '../migrations/x', engine: 'ts-morph' }],
      steps: [{ codemod: './t.ts', engine: 'jscodeshift' }, { model: { instructions: './nope.md' } }, { model: { instructions: './empty.md' } }],
    });
    expect(problems).toEqual([
      'recipes/x.json: setup[0].codemod: not a file: ../migrations/x',
      'recipes/x.json: steps[1].model.instructions: file not found: ./nope.md',
      'recipes/x.json: steps[2].model.instructions: file is empty: ./empty.md',
    ]);
  });

  it('resolves modules.includeFrom beside the recipe, and names it when it is missing or not a path', async () => {
    const recipe = await loadRecipeFile(writeRecipe({ ...MINIMAL_RECIPE, modules: { include: ['**/*.ts'], includeFrom: './t.ts' } }), { builtin: false });
    expect(recipe.modules.includeFrom).toBe(join(dir, 'recipes/t.ts'));
    expect(await problemsOf({ ...MINIMAL_RECIPE, modules: { include: ['**/*.ts'], includeFrom: './tests.ts' } })).toEqual([
      'recipes/x.json: modules.includeFrom: file not found: ./tests.ts',
    ]);
    expect(await problemsOf({ ...MINIMAL_RECIPE, modules: { include: ['**/*.ts'], includeFrom: 't.ts' } })).toEqual([
      'recipes/x.json: modules.includeFrom: must be a file path relative to the recipe ("./t.ts")',
    ]);
  });

  it('resolves a package-name codemod from the recipe folder, never from the working directory', async () => {
    // Installed in a parent of the recipe's folder (Node's lookup walks up), and a different
    // package of the same name in the working directory's node_modules, which must not win.
    const work = makeFixtureDir({
      'node_modules/@scope/community-codemod/package.json': { name: '@scope/community-codemod', version: '9.9.9' },
      'node_modules/@scope/community-codemod/transforms/x.js': 'module.exports = () => "working directory";\n',
      'node_modules/only-here-codemod/package.json': { name: 'only-here-codemod', version: '1.0.0', main: 'index.js' },
      'node_modules/only-here-codemod/index.js': 'module.exports = () => null;\n',
    });
    writeFixtureFiles(dir, {
      'node_modules/@scope/community-codemod/package.json': { name: '@scope/community-codemod', version: '1.0.0' },
      'node_modules/@scope/community-codemod/transforms/x.js': 'module.exports = () => null;\n',
    });
    process.chdir(work);
    try {
      const recipe = await loadRecipeFile(
        writeRecipe({
          ...MINIMAL_RECIPE,
          steps: [
            { codemod: '@scope/community-codemod/transforms/x.js', engine: 'jscodeshift' },
            { codemod: 'only-here-codemod', engine: 'ts-morph' },
          ],
        }),
        { builtin: false },
      );
      expect(recipe.steps[0]).toMatchObject({ resolved: join(dir, 'node_modules/@scope/community-codemod/transforms/x.js') });
      // Not beside the recipe: left as written, and the engine does not take the working directory's.
      expect(recipe.steps[1]).toMatchObject({ resolved: 'only-here-codemod' });
      expect(() => resolveTransformPath(recipe.steps[1] as CodemodSpec)).toThrow(/cannot resolve package "only-here-codemod" from the recipe's folder/);
    } finally {
      process.chdir(dir);
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('keeps a package name, but not a bare name of a file that sits beside the recipe', async () => {
    const problems = await problemsOf({ ...MINIMAL_RECIPE, steps: [{ codemod: 't.ts', engine: 'jscodeshift' }] });
    expect(problems).toEqual([
      'recipes/x.json: steps[0].codemod: a file of that name sits beside the recipe, but a name without "./" is a package; write "./t.ts"',
    ]);
  });

  it('collects schema problems, missing files and rule problems of one recipe in one error', async () => {
    const problems = await problemsOf({
      ...MINIMAL_RECIPE,
      modules: { by: 'folders', include: [] },
      steps: [{ codemod: './missing.ts', engine: 'jscodeshift' }, { model: { instructions: './i.md', when: ['never'] } }],
      isolation: 'x',
    });
    expect(problems).toEqual([
      'recipes/x.json: modules.by: expected one of directory, package, file',
      'recipes/x.json: modules.include: must not be empty',
      'recipes/x.json: steps[1].model.when[0]: expected one of reported, verify-failed, always',
      'recipes/x.json: isolation: expected one of independent, stacked',
      'recipes/x.json: steps[0].codemod: file not found: ./missing.ts',
    ]);
  });

  it('rule: a model step waiting for reports with no codemod before it can never trigger', async () => {
    const problems = await problemsOf({
      ...MINIMAL_RECIPE,
      steps: [{ model: { instructions: './i.md', when: ['reported'] } }, { codemod: './t.ts', engine: 'jscodeshift' }],
    });
    expect(problems).toEqual([
      'recipes/x.json: steps[0].model.when: can never trigger: no codemod step comes before it to report leftovers (add "verify-failed" or "always")',
    ]);
    // The same step after a codemod, or with another trigger, is fine.
    await expect(
      loadRecipeFile(writeRecipe({ ...MINIMAL_RECIPE, steps: [{ model: { instructions: './i.md', when: ['always'] } }] }), { builtin: false }),
    ).resolves.toBeDefined();
  });

  it('rules: duplicate triggers, and a parser on a ts-morph codemod', async () => {
    const problems = await problemsOf({
      ...MINIMAL_RECIPE,
      setup: [{ codemod: './t.ts', engine: 'ts-morph', parser: 'tsx' }],
      steps: [{ codemod: './t.ts', engine: 'jscodeshift' }, { model: { instructions: './i.md', when: ['always', 'always'] } }],
    });
    expect(problems).toEqual([
      'recipes/x.json: steps[1].model.when: lists "always" more than once',
      'recipes/x.json: setup[0].parser: applies only to the jscodeshift engine; ts-morph always parses with TypeScript',
    ]);
  });

  it('checks the id against the one the recipe is known by', async () => {
    const error = await rejection(
      loadRecipeFile(writeRecipe(MINIMAL_RECIPE), { builtin: true, expectedId: { id: 'other', by: 'its file name' } }),
    );
    expect(error.problems).toEqual(['recipes/x.json: id: is "minimal", but its file name names it "other"']);
  });
});

describe('loadRecipeFile: unreadable files', () => {
  it('reports invalid JSON with line and column', async () => {
    const problems = await problemsOf('{\n  "id": "x",\n  "description": "d" "modules": {}\n}\n');
    expect(problems).toEqual(["recipes/x.json:3:22: invalid JSON: Expected ',' or '}' after property value"]);
  });

  it('reports a truncated file at its end', async () => {
    const problems = await problemsOf('{\n  "id": "x",\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^recipes\/x\.json:3:1: invalid JSON: /);
  });

  it('reports a recipe that is not an object', async () => {
    expect(await problemsOf([MINIMAL_RECIPE])).toEqual(['recipes/x.json: expected object, received array']);
  });

  it('reports a missing recipe file', async () => {
    const error = await rejection(loadRecipeFile(join(dir, 'recipes/none.json'), { builtin: false }));
    expect(error.problems).toEqual(['recipes/none.json: recipe file not found']);
    expect(error.exitCode).toBe(2);
  });

  it('prints the absolute path when that is shorter than the relative one', async () => {
    // From a directory deep in a tree unrelated to the recipe, "../../…" is longer than the absolute path.
    const deep = join(makeFixtureDir({}), 'a', 'very', 'deep', 'working', 'directory', 'of', 'the', 'user');
    mkdirSync(deep, { recursive: true });
    process.chdir(deep);
    const file = writeRecipe('{');
    const error = await rejection(loadRecipeFile(file, { builtin: false }));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.startsWith(`${file}:1:2: invalid JSON: `)).toBe(true);
  });
});
