import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { createCodemodEngine, createTransformLoader } from '../codemods/index.js';
import { ENGINES } from '../core/recipe.js';
import { readTransformFixtures } from '../testing/fixtures.js';
import { checkFixture } from '../testing/run-fixture.js';
import { makeTempDir } from '../../test/helpers/temp-repo.js';
import { initRecipe } from './init.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = makeTempDir('codemigrate-init-');
  dirs.push(dir);
  return dir;
};
const engine = createCodemodEngine({ workers: 0, load: createTransformLoader() });
afterAll(async () => {
  await engine.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('initRecipe', () => {
  it.each(ENGINES)('scaffolds a %s transform that passes its own fixture, run as its test runs it', async (name) => {
    const dir = tempDir();
    const report = await initRecipe({ dir, name: `r-${name}`, engine: name });
    const folder = join(dir, 'codemigrate', `r-${name}`);
    expect(report.files).toEqual(
      ['recipe.json', 'transform.ts', '__testfixtures__/basic.input.ts', '__testfixtures__/basic.output.ts', `r-${name}.test.ts`].map((file) => `codemigrate/r-${name}/${file}`),
    );
    const recipe = JSON.parse(readFileSync(join(folder, 'recipe.json'), 'utf8'));
    expect(recipe.steps).toEqual([expect.objectContaining({ codemod: './transform.ts', engine: name })]);
    expect(readFileSync(join(folder, `r-${name}.test.ts`), 'utf8')).toContain(`engine: '${name}',`);
    const [fixture] = readTransformFixtures(join(folder, '__testfixtures__'));
    const step = recipe.steps[0];
    expect(await checkFixture(engine, { path: join(folder, 'transform.ts'), engine: name, parser: step.parser, options: step.options }, fixture!)).toEqual([]);
  });

  it("scaffolds a fixture pair the project's own tsc accepts (strict, NodeNext): a tsconfig that takes in codemigrate/ stays clean", async () => {
    const dir = tempDir();
    await initRecipe({ dir, name: 'r', engine: 'jscodeshift' });
    const files = ['basic.input.ts', 'basic.output.ts'].map((file) => join(dir, 'codemigrate/r/__testfixtures__', file));
    const options = { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [] };
    const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram(files, options));
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  it("points $schema at the schema of the codemigrate installed nearest above the recipe, else where an install would put it", async () => {
    const project = tempDir();
    mkdirSync(join(project, 'node_modules/codemigrate/schemas'), { recursive: true });
    writeFileSync(join(project, 'node_modules/codemigrate/schemas/recipe.schema.json'), '{}');
    mkdirSync(join(project, 'packages/app'), { recursive: true });
    await initRecipe({ dir: join(project, 'packages/app'), name: 'a', engine: 'jscodeshift' });
    expect(JSON.parse(readFileSync(join(project, 'packages/app/codemigrate/a/recipe.json'), 'utf8')).$schema).toBe('../../../../node_modules/codemigrate/schemas/recipe.schema.json');
    const bare = tempDir();
    await initRecipe({ dir: bare, name: 'b', engine: 'ts-morph' });
    expect(JSON.parse(readFileSync(join(bare, 'codemigrate/b/recipe.json'), 'utf8')).$schema).toBe('../../node_modules/codemigrate/schemas/recipe.schema.json');
  });

  it('writes nothing when any file it would write exists, and names each', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'codemigrate/x'), { recursive: true });
    writeFileSync(join(dir, 'codemigrate/x/transform.ts'), 'mine');
    const refused = initRecipe({ dir, name: 'x', engine: 'jscodeshift' });
    await expect(refused).rejects.toMatchObject({ code: 'usage', problems: [`${join(dir, 'codemigrate/x/transform.ts')}: already exists; init never overwrites a file (choose another --recipe, or move it away)`] });
    expect(readdirSync(join(dir, 'codemigrate/x'))).toEqual(['transform.ts']);
    expect(readFileSync(join(dir, 'codemigrate/x/transform.ts'), 'utf8')).toBe('mine');
  });

  it('refuses a name that is no recipe id, and a folder that is not there', async () => {
    const dir = tempDir();
    await expect(initRecipe({ dir, name: '../up', engine: 'jscodeshift' })).rejects.toMatchObject({ code: 'usage', problems: [expect.stringMatching(/^--recipe: "\.\.\/up" must start with/)] });
    await expect(initRecipe({ dir: join(dir, 'missing'), name: 'a', engine: 'jscodeshift' })).rejects.toMatchObject({ code: 'usage', problems: [`--dir: not a directory: ${join(dir, 'missing')}`] });
    expect(existsSync(join(dir, 'codemigrate'))).toBe(false);
  });
});
