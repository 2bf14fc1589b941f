import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCodemigrateError } from '../core/errors.js';
import { toRepoPath } from '../core/paths.js';
import type { CodemodSpec, Engine } from '../core/recipe.js';
import { createJscodeshiftEngine } from './jscodeshift-engine.js';
import { toPrefilter } from './prefilter.js';
import { createTsMorphEngine } from './ts-morph-engine.js';

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'codemigrate-prefilter-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function transform(name: string, source: string, engine: Engine): Promise<CodemodSpec> {
  const resolved = join(scratch, name);
  await writeFile(resolved, source);
  return { kind: 'codemod', name, resolved, engine, parser: 'tsx', options: {}, field: 'steps[0]' };
}

const files = [
  { path: toRepoPath('a.ts'), text: "import { x } from 'old-lib';\n" },
  // Would not even parse: a prefiltered file must never reach the parser.
  { path: toRepoPath('b.ts'), text: 'this is not ( valid TypeScript\n' },
  { path: toRepoPath('c.ts'), text: "export const y = 'old-lib-extra';\n" },
];

describe('toPrefilter', () => {
  it('matches a string, any string of an array, or a RegExp (also with /g, call after call)', () => {
    expect(toPrefilter('old').prefilter?.('an old text')).toBe(true);
    expect(toPrefilter('old').prefilter?.('new text')).toBe(false);
    const any = toPrefilter(['jest.fn', 'jest.mock']).prefilter;
    expect([any?.('jest.mock(x)'), any?.('vi.fn()')]).toEqual([true, false]);
    const global = toPrefilter(/jest\.\w+/g).prefilter;
    expect([global?.('jest.fn'), global?.('jest.fn'), global?.('vi.fn')]).toEqual([true, true, false]);
    expect(toPrefilter(undefined)).toEqual({});
  });

  it('refuses what it cannot use', () => {
    for (const value of ['', [], [''], ['a', 1], 42, { include: 'x' }]) {
      expect(toPrefilter(value).problem, JSON.stringify(value)).toMatch(/"prefilter"/);
    }
  });
});

describe('engines skip what the prefilter rules out, without parsing it', () => {
  it('jscodeshift', async () => {
    const spec = await transform(
      'rewrite.cjs',
      [
        'module.exports = (file, api) => {',
        '  const j = api.jscodeshift;',
        '  const root = j(file.source);',
        "  root.find(j.ImportDeclaration, { source: { value: 'old-lib' } }).forEach((p) => { p.node.source.value = 'new-lib'; });",
        "  return root.toSource({ quote: 'single' });",
        '};',
        "module.exports.prefilter = /from ['\"]old-lib['\"]/;",
      ].join('\n'),
      'jscodeshift',
    );
    const run = await createJscodeshiftEngine().run(spec, files);
    expect(run.files).toEqual([
      { path: 'a.ts', status: 'modified', text: "import { x } from 'new-lib';\n" },
      { path: 'b.ts', status: 'skipped' },
      { path: 'c.ts', status: 'skipped' },
    ]);
  });

  it('jscodeshift, without the export: every file is parsed (b.ts fails)', async () => {
    const spec = await transform('parse-all.cjs', 'module.exports = (file, api) => api.jscodeshift(file.source).toSource();\n', 'jscodeshift');
    const run = await createJscodeshiftEngine().run(spec, files);
    expect(run.files.map((file) => file.status)).toEqual(['unchanged', 'error', 'unchanged']);
  });

  it('ts-morph: an array of strings; rejected files are not in the Project', async () => {
    const spec = await transform(
      'list.ts',
      [
        "export const prefilter = ['old-lib'];",
        'export default function (sourceFile: any, ctx: any) {',
        '  ctx.report(ctx.project.getSourceFiles().map((file: any) => file.getFilePath()).join(","));',
        "  return sourceFile.getFullText().replace('old-lib', 'new-lib');",
        '}',
      ].join('\n'),
      'ts-morph',
    );
    const run = await createTsMorphEngine().run(spec, files);
    expect(run.files).toEqual([
      { path: 'a.ts', status: 'modified', text: "import { x } from 'new-lib';\n" },
      { path: 'b.ts', status: 'skipped' },
      { path: 'c.ts', status: 'modified', text: "export const y = 'new-lib-extra';\n" },
    ]);
    expect(run.reports.map((report) => report.message)).toEqual(['/a.ts,/c.ts', '/a.ts,/c.ts']);
  });

  it('a prefilter it cannot use makes the transform fail to load', async () => {
    const spec = await transform('bad.cjs', "module.exports = () => null;\nmodule.exports.prefilter = '';\n", 'jscodeshift');
    const error = await createJscodeshiftEngine()
      .check(spec)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(isCodemigrateError(error) && error.code).toBe('transform');
    expect((error as Error).message).toMatch(/^bad\.cjs: cannot load transform: .*"prefilter" is an empty string/);
  });
});
