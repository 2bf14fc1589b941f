import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileStatus, SourceFile } from '../core/codemod.js';
import { isCodemigrateError } from '../core/errors.js';
import { toRepoPath } from '../core/paths.js';
import type { CodemodSpec } from '../core/recipe.js';
import { createJscodeshiftEngine } from './jscodeshift-engine.js';
import { loadTransform } from './load-transform.js';

const execFileAsync = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(repoRoot, 'test/fixtures/jscodeshift');
const cliBin = join(repoRoot, 'node_modules/jscodeshift/bin/jscodeshift.js');

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'codemigrate-jscodeshift-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function spec(transform: string, extra: Partial<CodemodSpec> = {}): CodemodSpec {
  return {
    kind: 'codemod',
    name: transform,
    resolved: isAbsolute(transform) ? transform : join(fixtures, transform),
    engine: 'jscodeshift',
    options: {},
    field: 'steps[0]',
    ...extra,
  };
}

async function readInputs(): Promise<SourceFile[]> {
  const names = (await readdir(join(fixtures, 'inputs'))).sort();
  return Promise.all(
    names.map(async (name) => ({
      path: toRepoPath(`inputs/${name}`),
      text: await readFile(join(fixtures, 'inputs', name), 'utf8'),
    })),
  );
}

const CLI_STATUSES: Record<string, FileStatus> = { OKK: 'modified', NOC: 'unchanged', SKIP: 'skipped', ERR: 'error' };

interface CliResult {
  readonly texts: Map<string, string>;
  readonly statuses: Map<string, FileStatus>;
  readonly reports: string[];
  readonly stdout: string;
}

/** Runs the real jscodeshift 17 CLI, writing for real, on a copy of the inputs. */
async function runCli(transform: string, args: readonly string[], dirName: string): Promise<CliResult> {
  const dir = join(scratch, dirName);
  await cp(join(fixtures, 'inputs'), dir, { recursive: true });
  const names = (await readdir(dir)).sort();
  const { stdout } = await execFileAsync(
    process.execPath,
    [cliBin, '-t', transform, '--run-in-band', ...args, ...names.map((name) => join(dir, name))],
    { cwd: dir, env: { ...process.env, NO_COLOR: '1' } },
  );
  const statuses = new Map<string, FileStatus>();
  const reports: string[] = [];
  for (const line of stdout.split('\n')) {
    const status = /^ (OKK|NOC|SKIP|ERR) (\S+)/.exec(line);
    if (status) statuses.set(`inputs/${(status[2] ?? '').slice(dir.length + 1)}`, CLI_STATUSES[status[1] ?? ''] ?? 'error');
    const report = /^ REP (\S+) (.*)$/.exec(line);
    if (report) reports.push(`inputs/${(report[1] ?? '').slice(dir.length + 1)}: ${report[2]}`);
  }
  const texts = new Map<string, string>();
  for (const name of names) texts.set(`inputs/${name}`, await readFile(join(dir, name), 'utf8'));
  return { texts, statuses, reports, stdout };
}

const CASES = [
  {
    transform: 'remove-console-log.js',
    // The transform's own `parser = 'tsx'` must win, or button.tsx (`as const`) fails to parse.
    parser: 'babel',
    options: {},
    expected: {
      'inputs/button.tsx': 'modified',
      'inputs/dynamic-mock.jest.ts': 'skipped',
      'inputs/legacy-utils.js': 'modified',
      'inputs/math.jest.ts': 'skipped',
      'inputs/plain.ts': 'skipped',
    },
  },
  {
    transform: 'jest-globals-to-vitest.ts',
    parser: 'tsx',
    options: {},
    expected: {
      'inputs/button.tsx': 'unchanged',
      'inputs/dynamic-mock.jest.ts': 'error',
      'inputs/legacy-utils.js': 'unchanged',
      'inputs/math.jest.ts': 'modified',
      'inputs/plain.ts': 'unchanged',
    },
  },
  {
    transform: 'rename-identifier.mjs',
    parser: 'tsx',
    options: { newName: 'loadData' },
    expected: {
      'inputs/button.tsx': 'skipped',
      'inputs/dynamic-mock.jest.ts': 'skipped',
      'inputs/legacy-utils.js': 'modified',
      'inputs/math.jest.ts': 'skipped',
      'inputs/plain.ts': 'modified',
    },
  },
] as const;

describe('jscodeshift engine: same bytes as the jscodeshift 17 CLI', () => {
  for (const testCase of CASES) {
    it(`${testCase.transform} (--parser=${testCase.parser})`, async () => {
      const inputs = await readInputs();
      const flags = Object.entries(testCase.options).map(([key, value]) => `--${key}=${String(value)}`);
      const cli = await runCli(
        join(fixtures, testCase.transform),
        ['--verbose=2', `--parser=${testCase.parser}`, ...flags],
        testCase.transform,
      );
      const run = await createJscodeshiftEngine().run(
        spec(testCase.transform, { parser: testCase.parser, options: testCase.options }),
        inputs,
      );

      const ours = Object.fromEntries(run.files.map((file) => [file.path, file.status]));
      expect(ours).toEqual(testCase.expected);
      expect(ours).toEqual(Object.fromEntries(cli.statuses));
      for (const file of run.files) {
        const original = inputs.find((input) => input.path === file.path)?.text;
        const expectedText = file.status === 'modified' ? file.text : original;
        expect(cli.texts.get(file.path), file.path).toBe(expectedText);
      }
      expect(run.reports.map((report) => `${report.file}: ${report.message}`)).toEqual(cli.reports);
      expect(run.codemod).toBe(testCase.transform);
      expect(run.durationMs).toBeGreaterThanOrEqual(0);
    });
  }

  it('passes the options object the CLI passes, recipe options as extra flags', async () => {
    const transform = join(scratch, 'dump-options.cjs');
    await writeFile(transform, 'module.exports = (file, api, options) => JSON.stringify(options, null, 2) + "\\n";\n');
    const cli = await runCli(transform, ['--parser=tsx', '--newName=Bar', '--quote=double'], 'dump-options');
    const run = await createJscodeshiftEngine().run(
      spec(transform, { parser: 'tsx', options: { newName: 'Bar', quote: 'double' } }),
      (await readInputs()).filter((file) => file.path === 'inputs/plain.ts'),
    );
    const [outcome] = run.files;
    expect(outcome?.status).toBe('modified');
    expect(outcome?.status === 'modified' && outcome.text).toBe(cli.texts.get('inputs/plain.ts'));
    expect(outcome?.status === 'modified' && JSON.parse(outcome.text)).toMatchObject({ newName: 'Bar', parser: 'tsx' });
  });
});

describe('jscodeshift engine: outcomes', () => {
  it('uses the recipe parser when the transform has no parser export', async () => {
    const files = (await readInputs()).filter((file) => file.path === 'inputs/button.tsx');
    const engine = createJscodeshiftEngine();
    const withBabel = await engine.run(spec('jest-globals-to-vitest.ts', { parser: 'babel' }), files);
    expect(withBabel.files[0]).toMatchObject({ status: 'error', error: expect.stringMatching(/\(\d+:\d+\)$/) });
    const withTsx = await engine.run(spec('jest-globals-to-vitest.ts', { parser: 'tsx' }), files);
    expect(withTsx.files[0]?.status).toBe('unchanged');
  });

  it('keeps going after a file throws, and an async transform works', async () => {
    const transform = join(scratch, 'async-throws.mjs');
    await writeFile(
      transform,
      [
        'export default async function (file) {',
        '  await new Promise((resolve) => setImmediate(resolve));',
        "  if (file.source.includes('explode')) throw new Error('exploded\\non two lines');",
        "  return file.source.replace('a', 'b');",
        '}',
      ].join('\n'),
    );
    const files = [
      { path: toRepoPath('one.js'), text: 'explode();\n' },
      { path: toRepoPath('two.js'), text: 'a();\n' },
    ];
    const run = await createJscodeshiftEngine().run(spec(transform, { parser: 'babel' }), files);
    expect(run.files).toEqual([
      { path: 'one.js', status: 'error', error: 'exploded on two lines' },
      { path: 'two.js', status: 'modified', text: 'b();\n' },
    ]);
  });

  it('keeps what a transform prints per file, in this thread and in workers, and prints none of it', async () => {
    const transform = join(scratch, 'chatty.cjs');
    await writeFile(
      transform,
      [
        'module.exports = async function (file) {',
        "  console.log('seen ' + file.path);",
        "  await new Promise((resolve) => setImmediate(resolve));",
        "  if (file.path.endsWith('3.js')) process.stderr.write('warned on ' + file.path + '\\n');",
        "  return file.source.replace('a', 'b');",
        '};',
      ].join('\n'),
    );
    const files = Array.from({ length: 20 }, (_, index) => ({ path: toRepoPath(`f${index}.js`), text: 'a();\n' }));
    const written: string[] = [];
    const write = process.stdout.write;
    const ours = 'written by the test itself\n';
    for (const workers of [0, 2]) {
      const engine = createJscodeshiftEngine({ workers });
      try {
        // Spied on only now: the capture wraps whatever write the stream has when it is first used.
        process.stdout.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stdout.write;
        const [run] = await Promise.all([engine.run(spec(transform, { parser: 'babel' }), files), Promise.resolve().then(() => process.stdout.write(ours))]);
        process.stdout.write = write;
        expect(run!.output).toHaveLength(20);
        expect(run!.output[0]).toEqual({ file: 'f0.js', text: 'seen f0.js\n' });
        expect(run!.output[3]).toEqual({ file: 'f3.js', text: 'seen f3.js\nwarned on f3.js\n' });
        expect(run!.files.every((file) => file.status === 'modified')).toBe(true);
      } finally {
        process.stdout.write = write;
        await engine.close();
      }
    }
    expect(written.join('')).toBe(ours + ours);
  });

  it('writes a Buffer a transform returns as its text; another non-string is the file\'s error', async () => {
    const transform = join(scratch, 'returns.cjs');
    await writeFile(
      transform,
      [
        'module.exports = function (file) {',
        "  if (file.path === 'buffer.js') return Buffer.from('b();\\n');",
        "  if (file.path === 'number.js') return 42;",
        "  if (file.path === 'object.js') return { source: 'x' };",
        "  return '';",
        '};',
      ].join('\n'),
    );
    const files = ['buffer.js', 'number.js', 'object.js', 'empty.js'].map((name) => ({ path: toRepoPath(name), text: 'a();\n' }));
    const run = await createJscodeshiftEngine().run(spec(transform, { parser: 'babel' }), files);
    expect(run.files).toEqual([
      { path: 'buffer.js', status: 'modified', text: 'b();\n' },
      { path: 'number.js', status: 'error', error: "the transform returned a number, not the file's text (a string): nothing was written" },
      { path: 'object.js', status: 'error', error: "the transform returned an object (Object), not the file's text (a string): nothing was written" },
      { path: 'empty.js', status: 'skipped' },
    ]);
  });

  it('collects api.report strings and { line, message, stop } objects as leftovers', async () => {
    const transform = join(scratch, 'reports.js');
    await writeFile(
      transform,
      [
        'module.exports = function (file, api) {',
        "  api.report('plain message');",
        "  api.report({ line: 7, message: 'with a line' });",
        "  api.report({ message: 'cannot go on', stop: true });",
        '  return null;',
        '};',
      ].join('\n'),
    );
    const run = await createJscodeshiftEngine().run(spec(transform, { name: 'my-codemod', parser: 'babel' }), [
      { path: toRepoPath('src/a.js'), text: 'x;\n' },
    ]);
    expect(run.files).toEqual([{ path: 'src/a.js', status: 'skipped' }]);
    expect(run.reports).toEqual([
      { file: 'src/a.js', message: 'plain message', codemod: 'my-codemod' },
      { file: 'src/a.js', line: 7, message: 'with a line', codemod: 'my-codemod' },
      { file: 'src/a.js', message: 'cannot go on', codemod: 'my-codemod', stop: true },
    ]);
  });

  it('stops between files when the signal is aborted', async () => {
    const controller = new AbortController();
    const transform = join(scratch, 'abort.cjs');
    await writeFile(transform, 'module.exports = (file, api, options) => { options.abort(); return file.source + ";"; };\n');
    const run = createJscodeshiftEngine().run(
      spec(transform, { parser: 'babel', options: { abort: () => controller.abort(new Error('stop')) } }),
      [
        { path: toRepoPath('a.js'), text: 'a' },
        { path: toRepoPath('b.js'), text: 'b' },
      ],
      controller.signal,
    );
    await expect(run).rejects.toThrow('stop');
  });
});

describe('jscodeshift engine: transforms that cannot be loaded', () => {
  async function expectTransformError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isCodemigrateError(error) && error.code).toBe('transform');
    expect((error as Error).message).toMatch(pattern);
  }

  it('a missing file', async () => {
    const engine = createJscodeshiftEngine();
    const missing = spec(join(scratch, 'nope.ts'), { name: '../migrations/x/nope.ts' });
    await expectTransformError(engine.run(missing, []), /^\.\.\/migrations\/x\/nope\.ts: cannot load transform: file not found/);
    await expectTransformError(engine.check(missing), /cannot load transform: file not found/);
  });

  it('a syntax error', async () => {
    const transform = join(scratch, 'syntax.js');
    await writeFile(transform, 'module.exports = function( {\n');
    await expectTransformError(createJscodeshiftEngine().check(spec(transform)), /cannot load transform: .*syntax\.js/);
  });

  it('a module that throws when imported', async () => {
    const transform = join(scratch, 'throws.ts');
    await writeFile(transform, "throw new Error('boom at import');\nexport default () => null;\n");
    await expectTransformError(createJscodeshiftEngine().check(spec(transform)), /cannot load transform: boom at import/);
  });

  it('a module that exports no function', async () => {
    const transform = join(scratch, 'no-function.cjs');
    await writeFile(transform, "module.exports = { parser: 'tsx' };\n");
    await expectTransformError(createJscodeshiftEngine().run(spec(transform), []), /exports no function/);
  });

  it('an unknown parser, a file type that is not a module, a package that does not resolve', async () => {
    const engine = createJscodeshiftEngine();
    await expectTransformError(engine.check(spec('rename-identifier.mjs', { parser: 'espree' })), /unknown jscodeshift parser "espree"/);
    await expectTransformError(engine.check(spec(join(fixtures, 'inputs/legacy-utils.js').replace(/\.js$/, '.json'))), /unsupported file type/);
    await expectTransformError(engine.check(spec('pkg', { resolved: 'no-such-codemod-package/transform' })), /cannot resolve package "no-such-codemod-package\/transform" from the recipe.s folder/);
  });

  it('loads a package specifier, and each resolved path once', async () => {
    const engine = createJscodeshiftEngine();
    await engine.check(spec('pkg', { resolved: 'jscodeshift/src/getParser.js' }));
    const first = await loadTransform(spec('remove-console-log.js'));
    const second = await loadTransform(spec('remove-console-log.js', { name: 'another name' }));
    expect(second).toBe(first);
    expect(first.parser).toBe('tsx');
  });
});
