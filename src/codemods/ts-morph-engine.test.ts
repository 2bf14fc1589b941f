import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceFile } from '../core/codemod.js';
import { isCodemigrateError } from '../core/errors.js';
import { toRepoPath } from '../core/paths.js';
import type { CodemodSpec } from '../core/recipe.js';
import { createCodemodEngine } from './index.js';
import { createTsMorphEngine } from './ts-morph-engine.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'codemigrate-ts-morph-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Writes a transform module into the scratch folder and returns its spec. */
async function transform(name: string, source: string, extra: Partial<CodemodSpec> = {}): Promise<CodemodSpec> {
  const resolved = join(scratch, name);
  await writeFile(resolved, source);
  return { kind: 'codemod', name, resolved, engine: 'ts-morph', options: {}, field: 'setup[0]', ...extra };
}

function files(entries: Record<string, string>): SourceFile[] {
  return Object.entries(entries).map(([path, text]) => ({ path: toRepoPath(path), text }));
}

describe('ts-morph engine', () => {
  it('lets a transform add a file, and refuses an unsafe path for that file only', async () => {
    const spec = await transform(
      'add-file.js',
      [
        'module.exports = function (sourceFile, ctx) {',
        "  if (ctx.path === 'package.json') ctx.addFile('vitest.config.ts', 'export default {};\\n');",
        "  if (ctx.path === 'bad.json') ctx.addFile('../outside.ts', 'x');",
        '  return null;',
        '};',
      ].join('\n'),
    );
    const run = await createTsMorphEngine().run(spec, files({ 'package.json': '{}\n', 'bad.json': '{}\n' }));
    expect(run.files).toEqual([
      { path: 'package.json', status: 'skipped' },
      { path: 'bad.json', status: 'error', error: expect.stringContaining('addFile("../outside.ts"): path leaves the repository') },
      { path: 'vitest.config.ts', status: 'modified', text: 'export default {};\n' },
    ]);
  });

  it('lets a transform remove a file of the step (or one it added), and nothing outside the step', async () => {
    const spec = await transform(
      'remove-file.js',
      [
        'module.exports = function (sourceFile, ctx) {',
        "  if (ctx.path === 'package.json') { ctx.removeFile('jest.config.js'); ctx.addFile('tmp.txt', 'x'); ctx.removeFile('tmp.txt'); }",
        "  if (ctx.path === 'bad.json') ctx.removeFile('other.json');",
        '  return null;',
        '};',
      ].join('\n'),
    );
    const run = await createTsMorphEngine().run(spec, files({ 'package.json': '{}\n', 'jest.config.js': 'module.exports = {};\n', 'bad.json': '{}\n' }));
    expect(run.files).toEqual([
      { path: 'package.json', status: 'skipped' },
      { path: 'jest.config.js', status: 'deleted' },
      { path: 'bad.json', status: 'error', error: expect.stringContaining('removeFile("other.json"): not a file of this step') },
    ]);
  });

  it('renames through the language service, and sees edits that one file makes in another', async () => {
    const spec = await transform(
      'rename.ts',
      [
        "import type { SourceFile } from 'ts-morph';",
        'export default function (sourceFile: SourceFile, ctx: { options: Record<string, unknown> }) {',
        '  sourceFile.getFunction(String(ctx.options.from))?.rename(String(ctx.options.to));',
        '}',
      ].join('\n'),
      { options: { from: 'oldName', to: 'newName' } },
    );
    // b.ts comes first: its own transform changes nothing, a.ts's rename then edits it.
    const input = files({
      'src/b.ts': "import { oldName } from './a';\n\nexport const value   =  oldName( 1 );\n",
      'src/a.ts': '// keep this comment\nexport function oldName(n: number) {\n  return n + 1;\n}\n',
      'src/c.ts': 'export const other = 2;\n',
    });
    const run = await createTsMorphEngine().run(spec, input);
    expect(run.files).toEqual([
      {
        path: 'src/b.ts',
        status: 'modified',
        text: "import { newName } from './a';\n\nexport const value   =  newName( 1 );\n",
      },
      {
        path: 'src/a.ts',
        status: 'modified',
        text: '// keep this comment\nexport function newName(n: number) {\n  return n + 1;\n}\n',
      },
      { path: 'src/c.ts', status: 'unchanged' },
    ]);
    expect(run.codemod).toBe('rename.ts');
    expect(run.reports).toEqual([]);
  });

  it('collects reports given as a node, a line, an object (which may stop a setup) or a string', async () => {
    const spec = await transform(
      'report-any.ts',
      [
        "import { Node } from 'ts-morph';",
        'export default function (sourceFile: any, ctx: any) {',
        '  sourceFile.forEachDescendant((node: any) => {',
        "    if (Node.isAnyKeyword(node)) ctx.report(node, 'replace any');",
        '  });',
        "  ctx.report(2, 'by line');",
        "  ctx.report({ line: 3, message: 'as an object' });",
        "  ctx.report('no line');",
        "  ctx.report({ message: 'cannot go on', stop: true });",
        "  ctx.report({ message: 'stop only when true', stop: 'yes' });",
        '  return null;',
        '}',
      ].join('\n'),
      { name: '../migrations/x/report-any.ts' },
    );
    const run = await createTsMorphEngine().run(
      spec,
      files({ 'lib/x.ts': 'export const a = 1;\n\nexport function f(v: any) {\n  return v;\n}\n' }),
    );
    expect(run.files).toEqual([{ path: 'lib/x.ts', status: 'skipped' }]);
    const codemod = '../migrations/x/report-any.ts';
    expect(run.reports).toEqual([
      { file: 'lib/x.ts', line: 3, message: 'replace any', codemod },
      { file: 'lib/x.ts', line: 2, message: 'by line', codemod },
      { file: 'lib/x.ts', line: 3, message: 'as an object', codemod },
      { file: 'lib/x.ts', message: 'no line', codemod },
      { file: 'lib/x.ts', message: 'cannot go on', codemod, stop: true },
      { file: 'lib/x.ts', message: 'stop only when true', codemod },
    ]);
  });

  it('takes a returned string as the new text: package.json edited as text', async () => {
    const spec = await transform(
      'package-json.ts',
      [
        'export default function (sourceFile: unknown, ctx: { path: string; text: string }) {',
        "  if (!ctx.path.endsWith('package.json')) return ctx.text;",
        '  const pkg = JSON.parse(ctx.text);',
        '  delete pkg.devDependencies.jest;',
        "  pkg.devDependencies.vitest = '^4.0.0';",
        "  return JSON.stringify(pkg, null, 2) + '\\n';",
        '}',
      ].join('\n'),
    );
    const packageJson = JSON.stringify({ name: 'app', devDependencies: { jest: '^29.0.0' } }, null, 2) + '\n';
    const run = await createTsMorphEngine().run(spec, files({ 'package.json': packageJson, 'README.md': '# app\n' }));
    expect(run.files).toEqual([
      {
        path: 'package.json',
        status: 'modified',
        text: '{\n  "name": "app",\n  "devDependencies": {\n    "vitest": "^4.0.0"\n  }\n}\n',
      },
      { path: 'README.md', status: 'unchanged' },
    ]);
  });

  it('reports an error for one file and still the outcome of the others', async () => {
    const spec = await transform(
      'explode.ts',
      [
        'export default async function (sourceFile: any) {',
        "  if (sourceFile.getFullText().includes('explode')) throw new Error('cannot handle\\nthis file');",
        "  if (sourceFile.getFullText().includes('skip')) return false;",
        "  sourceFile.insertStatements(0, 'export {};');",
        '}',
      ].join('\n'),
    );
    const run = await createTsMorphEngine().run(
      spec,
      files({ 'a.ts': 'explode();\n', 'b.ts': 'skip();\n', 'c.ts': 'run();\n' }),
    );
    expect(run.files).toEqual([
      { path: 'a.ts', status: 'error', error: 'cannot handle this file' },
      { path: 'b.ts', status: 'skipped' },
      { path: 'c.ts', status: 'modified', text: 'export {};\nrun();\n' },
    ]);
  });

  it("loads only the step's files, without following imports", async () => {
    const spec = await transform(
      'list.ts',
      [
        'export default function (sourceFile: any, ctx: any) {',
        '  const loaded = ctx.project.getSourceFiles().map((file: any) => file.getFilePath());',
        '  ctx.report(JSON.stringify({ loaded, files: ctx.files }));',
        '}',
      ].join('\n'),
    );
    const run = await createTsMorphEngine().run(
      spec,
      files({ 'src/a.ts': "import { b } from './other';\nimport 'left-pad';\nexport const a = b;\n" }),
    );
    expect(run.files).toEqual([{ path: 'src/a.ts', status: 'unchanged' }]);
    expect(run.reports.map((report) => JSON.parse(report.message))).toEqual([
      { loaded: ['/src/a.ts'], files: ['src/a.ts'] },
    ]);
  });

  it('stops between files when the signal is aborted', async () => {
    const controller = new AbortController();
    const spec = await transform('abort.ts', 'export default (sourceFile: any, ctx: any) => { ctx.options.abort(); };\n', {
      options: { abort: () => controller.abort(new Error('interrupted')) },
    });
    const run = createTsMorphEngine().run(spec, files({ 'a.ts': 'a;\n', 'b.ts': 'b;\n' }), controller.signal);
    await expect(run).rejects.toThrow('interrupted');
  });

  it('refuses a transform that cannot be loaded', async () => {
    const spec = await transform('no-function.mts', 'export const notAFunction = 1;\n');
    const error = await createTsMorphEngine()
      .check(spec)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(isCodemigrateError(error) && error.code).toBe('transform');
    expect((error as Error).message).toMatch(/^no-function\.mts: cannot load transform: .* exports no function/);
  });
});

describe('createCodemodEngine', () => {
  it('dispatches on spec.engine', async () => {
    const engine = createCodemodEngine();
    const fixtures = fileURLToPath(new URL('../../test/fixtures/jscodeshift/', import.meta.url));
    const jscodeshift: CodemodSpec = {
      kind: 'codemod',
      name: 'rename-identifier.mjs',
      resolved: join(fixtures, 'rename-identifier.mjs'),
      engine: 'jscodeshift',
      parser: 'ts',
      options: { newName: 'loadData' },
      field: 'steps[0]',
    };
    const tsMorph = await transform('upper.ts', "export default (sourceFile: any) => sourceFile.getFullText().toUpperCase();\n");
    const input = files({ 'x.ts': 'fetchData();\n' });
    expect((await engine.run(jscodeshift, input)).files).toEqual([{ path: 'x.ts', status: 'modified', text: 'loadData();\n' }]);
    expect((await engine.run(tsMorph, input)).files).toEqual([{ path: 'x.ts', status: 'modified', text: 'FETCHDATA();\n' }]);
    await engine.check(tsMorph);
    await engine.close();
  });
});
