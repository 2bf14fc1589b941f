import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-repo.js';
import type { Recipe } from '../core/recipe.js';
import { loadRecipeFile } from './load-recipe.js';
import { makeFixtureDir, writeFixtureFiles } from './__testfixtures__/fixture-dir.js';
import { canonicalJson, fileTreeHash } from './recipe-identity.js';

const RECIPE = {
  id: 'demo',
  description: 'Demo migration',
  modules: { include: ['src/**/*.ts'] },
  steps: [{ codemod: '../transforms/main.ts', engine: 'jscodeshift' }, { model: { instructions: './fix.md' } }],
  verify: [{ run: 'npx tsc --noEmit' }],
};

let dirs: string[] = [];
let dir: string;

beforeEach(() => {
  dir = makeFixtureDir({
    'transforms/main.ts': "import { rename } from './helpers/rename';\nimport lodash from 'lodash';\nexport default (file) => rename(file.source);\n",
    'transforms/helpers/rename.ts': "import { cycle } from '../main.js';\nexport const rename = (text) => text.replace('a', 'b');\n",
    'recipes/fix.md': 'Fix what is left.\n',
  });
  dirs = [dir];
});

afterEach(() => {
  for (const each of dirs) rmSync(each, { recursive: true, force: true });
});

async function load(recipe: unknown = RECIPE, root = dir): Promise<Recipe> {
  writeFixtureFiles(root, { 'recipes/demo.json': typeof recipe === 'string' ? recipe : (recipe as object) });
  return loadRecipeFile(join(root, 'recipes/demo.json'), { builtin: false });
}

function changedParts(before: Recipe, after: Recipe): string[] {
  return Object.keys({ ...before.parts, ...after.parts }).filter((part) => before.parts[part] !== after.parts[part]);
}

describe('recipe identity', () => {
  it('names every part: each top-level key but the description, each transform, each instructions file', async () => {
    const recipe = await load();
    expect(Object.keys(recipe.parts)).toEqual([
      'recipe.id',
      'recipe.isolation',
      'recipe.modules',
      'recipe.setup',
      'recipe.finish',
      'recipe.steps',
      'recipe.verify',
      'steps[0].codemod',
      'steps[1].model.instructions',
    ].sort());
    expect(recipe.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not change with the description, key order, spacing or defaults written out', async () => {
    const before = await load();
    const rewritten = JSON.stringify(
      {
        verify: [{ timeoutSeconds: 600, run: 'npx tsc --noEmit' }],
        description: 'A better description of the same migration',
        steps: [{ engine: 'jscodeshift', codemod: '../transforms/main.ts' }, { model: { when: ['reported', 'verify-failed'], instructions: './fix.md' } }],
        modules: { maxFilesPerStep: 40, include: ['src/**/*.ts'], by: 'directory' },
        id: 'demo',
        isolation: 'independent',
      },
      null,
      4,
    );
    const after = await load(rewritten);
    expect(after.bytesHash).not.toBe(before.bytesHash);
    expect(changedParts(before, after)).toEqual([]);
    expect(after.hash).toBe(before.hash);
  });

  it('does not depend on where the recipe and its transforms are checked out', async () => {
    const before = await load();
    const elsewhere = makeTempDir('codemigrate-identity-');
    dirs.push(elsewhere);
    cpSync(dir, elsewhere, { recursive: true });
    expect((await load(RECIPE, elsewhere)).hash).toBe(before.hash);
  });

  it('changes the transform part when a local module the transform imports changes', async () => {
    const before = await load();
    writeFixtureFiles(dir, { 'transforms/helpers/rename.ts': "export const rename = (text) => text.replace('a', 'c');\n" });
    const after = await load();
    expect(changedParts(before, after)).toEqual(['steps[0].codemod']);
    expect(after.hash).not.toBe(before.hash);
    expect(after.bytesHash).toBe(before.bytesHash);
  });

  it('changes the instructions part when the instructions change, and a content part when the content does', async () => {
    const before = await load();
    writeFixtureFiles(dir, { 'recipes/fix.md': 'Fix what is left, and nothing else.\n' });
    expect(changedParts(before, await load())).toEqual(['steps[1].model.instructions']);
    const stricter = { ...RECIPE, verify: [{ run: 'npx tsc --noEmit --strict' }] };
    expect(changedParts(await load(), await load(stricter))).toEqual(['recipe.verify']);
  });
});

describe('recipe identity: scripts the commands run', () => {
  it('hashes a file a verify command runs from beside the recipe ({recipeDir}/…), and its baseline command', async () => {
    writeFixtureFiles(dir, { 'scripts/run-tests.mjs': 'console.log(1);\n', 'scripts/baseline.mjs': 'console.log(0);\n' });
    const recipe = { ...RECIPE, verify: [{ run: 'node {recipeDir}/../scripts/run-tests.mjs {report} {files}', parser: 'jest', baseline: { run: "node '{recipeDir}/../scripts/baseline.mjs'" } }] };
    const before = await load(recipe);
    expect(Object.keys(before.parts)).toEqual(expect.arrayContaining(['verify[0].script', 'verify[0].baseline.script']));
    writeFixtureFiles(dir, { 'scripts/run-tests.mjs': 'console.log(2);\n' });
    expect(changedParts(before, await load(recipe))).toEqual(['verify[0].script']);
  });
});

describe('fileTreeHash', () => {
  it('follows relative imports (with or without extension, .js for .ts, index files) and stops at cycles', () => {
    const root = makeFixtureDir({
      'entry.ts': "import a from './a.js';\nconst b = require('./b');\nimport('./c');\nimport x from 'some-package';\n",
      'a.ts': "export { default } from './entry';\n",
      'b.js': 'module.exports = 1;\n',
      'c/index.ts': 'export const c = 1;\n',
      'unrelated.ts': 'export const u = 1;\n',
    });
    dirs.push(root);
    const before = fileTreeHash(join(root, 'entry.ts'));
    writeFixtureFiles(root, { 'unrelated.ts': 'export const u = 2;\n' });
    expect(fileTreeHash(join(root, 'entry.ts'))).toBe(before);
    for (const [file, text] of [['a.ts', 'export default 2;\n'], ['b.js', 'module.exports = 2;\n'], ['c/index.ts', 'export const c = 2;\n']] as const) {
      const earlier = fileTreeHash(join(root, 'entry.ts'));
      writeFixtureFiles(root, { [file]: text });
      expect(fileTreeHash(join(root, 'entry.ts')), file).not.toBe(earlier);
    }
  });

  it('hashes a missing entry as missing rather than failing', () => {
    expect(fileTreeHash('/nonexistent/entry.ts')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('canonicalJson', () => {
  it('sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });
});
