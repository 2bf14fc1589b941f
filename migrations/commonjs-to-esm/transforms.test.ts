// Fixture tests for the commonjs-to-esm transforms. Pairs in __testfixtures__ are found by name:
// <transform>.<case>.input.<ext> → <transform>.<case>.output.<ext>, with an optional
// <transform>.<case>.reports.json (the leftovers it must report) and .options.json (its options).
// A source case runs as src/<case>.<ext> of the repository __testfixtures__/tree, whose src/ holds
// the siblings its requires and imports read (ts-* for TypeScript). Each output must come back unchanged from a second run.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFixtures, discoverFlatFixtures, transformRunner } from '../../test/helpers/transform-fixtures.js';

const HERE = import.meta.dirname;
const FIXTURES = join(HERE, '__testfixtures__');
const TREE = join(FIXTURES, 'tree');
const TRANSFORMS = {
  'require-to-import': 'jscodeshift',
  'exports-to-export': 'jscodeshift',
  'import-meta': 'jscodeshift',
  'typescript-imports': 'jscodeshift',
  'typescript-finish': 'ts-morph',
  'package-json': 'ts-morph',
} as const;

/** The recipe's parsers: babel for JavaScript, ts and tsx for TypeScript sources. */
const parserFor = (path: string): string => (path.endsWith('.tsx') ? 'tsx' : /\.[cm]?ts$/.test(path) ? 'ts' : 'babel');
const runTransform = transformRunner(HERE, TRANSFORMS, parserFor);

describeFixtures('commonjs-to-esm fixtures', TRANSFORMS, discoverFlatFixtures(FIXTURES, TRANSFORMS, { root: TREE }), runTransform);

describe('require-to-import and packages', () => {
  const root = join(tmpdir(), `commonjs-to-esm-${process.pid}`);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reports a package whose import entry is not its require entry, and converts it all the same', async () => {
    mkdirSync(join(root, 'node_modules/dual'), { recursive: true });
    writeFileSync(join(root, 'node_modules/dual/package.json'), JSON.stringify({ name: 'dual', exports: { import: './i.mjs', require: './r.js' } }));
    const run = await runTransform('require-to-import', 'src/a.js', "const dual = require('dual');\n", { root });
    expect(run.output).toBe("import dual from 'dual';\n");
    expect(run.reports).toEqual([{ line: 1, message: "dual has its own ES module entry: check that its default export is the value require('dual') gave" }]);
  });
});

describe('package-json setup and a Jest config file of a TypeScript package', () => {
  const root = join(tmpdir(), `commonjs-to-esm-jest-${process.pid}`);
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const manifest = JSON.stringify({ name: 'lib', engines: { node: '>=20.19' }, scripts: { test: 'jest' }, devDependencies: { jest: '^29', 'ts-jest': '^29', typescript: '^5' } }, null, 2);

  it('stops the run when jest.config.ts lacks the .js mapper, naming the line to add', async () => {
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'jest.config.ts'), "export default { preset: 'ts-jest' };\n");
    const run = await runTransform('package-json', 'package.json', manifest, { root, phase: 'setup' });
    expect(run.output).toBe(manifest);
    expect(run.reports).toEqual([{ message: expect.stringContaining("add moduleNameMapper: { '^(\\\\.{1,2}/.*)\\\\.js$': '$1' } to jest.config.ts"), stop: true }]);
  });

  it('is not misled by a transform entry for .js files', async () => {
    writeFileSync(join(root, 'jest.config.ts'), "export default { preset: 'ts-jest', transform: { '^.+\\\\.js$': 'babel-jest' } };\n");
    const run = await runTransform('package-json', 'package.json', manifest, { root, phase: 'setup' });
    expect(run.reports).toEqual([expect.objectContaining({ stop: true })]);
  });

  it('goes on when the config file maps .js already', async () => {
    writeFileSync(join(root, 'jest.config.ts'), "export default { preset: 'ts-jest', moduleNameMapper: { '^(\\\\.{1,2}/.*)\\\\.js$': '$1' } };\n");
    const run = await runTransform('package-json', 'package.json', manifest, { root, phase: 'setup' });
    expect(run).toEqual({ output: manifest, reports: [] });
  });
});

describe('typescript-finish on tsconfig files (JSONC: comments and format stay)', () => {
  const finish = async (path: string, text: string) => runTransform('typescript-finish', path, text);

  it('sets module and moduleResolution to NodeNext, keeping comments and trailing commas', async () => {
    const input = '{\n  // build\n  "compilerOptions": {\n    "target": "es2020",\n    "module": "commonjs", // CommonJS for now\n    "moduleResolution": "node",\n    "outDir": "dist",\n  },\n}\n';
    const run = await finish('tsconfig.json', input);
    expect(run.output).toBe(input.replace('"commonjs"', '"NodeNext"').replace('"node",', '"NodeNext",'));
    expect((await finish('tsconfig.json', run.output)).output).toBe(run.output);
  });

  it('adds module to a tsconfig that extends nothing and leaves it to the CommonJS default', async () => {
    const run = await finish('tsconfig.build.json', '{\n  "compilerOptions": {\n    "strict": true\n  }\n}\n');
    expect(run.output).toBe('{\n  "compilerOptions": {\n    "module": "NodeNext",\n    "strict": true\n  }\n}\n');
  });

  it('leaves a tsconfig that extends another and sets no module, and one on node16 already', async () => {
    const extending = '{ "extends": "./tsconfig.json", "compilerOptions": { "outDir": "dist" } }\n';
    expect((await finish('tsconfig.build.json', extending)).output).toBe(extending);
    const node16 = '{ "compilerOptions": { "module": "Node16" } }\n';
    expect((await finish('tsconfig.json', node16)).output).toBe(node16);
  });

  it('leaves .cts and .d.ts files alone', async () => {
    const source = "import fs = require('fs');\nexport = fs;\n";
    expect((await finish('src/a.cts', source)).output).toBe(source);
    expect((await finish('src/a.d.ts', source)).output).toBe(source);
  });
});

describe('typescript-imports and declaration files', () => {
  it('leaves a .d.ts alone: tsc emits nothing for it, its imports are types only', async () => {
    const source = "import { answer } from './ts-util';\nexport declare const x: typeof answer;\n";
    const run = await runTransform('typescript-imports', 'src/types.d.ts', source, { root: TREE });
    expect(run).toEqual({ output: source, reports: [] });
  });
});

describe('the importer and the module decide alike', () => {
  // For every sibling of the tree: what exports-to-export makes of it is what require-to-import
  // imports from it (a default import needs `export default`, named imports need named exports).
  for (const sibling of ['named', 'members', 'fn', 'fn-props', 'obj', 'lib/index']) {
    it(sibling, async () => {
      const source = readFileSync(join(TREE, 'src', `${sibling}.js`), 'utf8');
      const exported = await runTransform('exports-to-export', `src/${sibling}.js`, source, { root: TREE });
      const imported = await runTransform('require-to-import', 'src/importer.js', `const m = require('./${sibling}');\n`, { root: TREE });
      const isDefault = /^import m from/m.test(imported.output);
      expect(/^export default /m.test(exported.output), imported.output).toBe(isDefault);
      if (!isDefault) expect(imported.output).toMatch(/^import \* as m from/m);
    });
  }
});
