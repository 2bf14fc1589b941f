import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceFile } from '../core/codemod.js';
import { isCodemigrateError } from '../core/errors.js';
import { toRepoPath } from '../core/paths.js';
import type { CodemodSpec } from '../core/recipe.js';
import { createJscodeshiftEngine } from './jscodeshift-engine.js';
import { createWorkerPool } from './worker-pool.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/jscodeshift/', import.meta.url));
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'codemigrate-workers-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function spec(resolved: string, extra: Partial<CodemodSpec> = {}): CodemodSpec {
  return { kind: 'codemod', name: 'codemod', resolved, engine: 'jscodeshift', parser: 'tsx', options: {}, field: 'steps[0]', ...extra };
}

/** The fixture inputs, repeated so that a step is split into batches for both workers. */
async function inputs(copies: number): Promise<SourceFile[]> {
  const names = (await readdir(join(fixtures, 'inputs'))).sort();
  const texts = await Promise.all(names.map((name) => readFile(join(fixtures, 'inputs', name), 'utf8')));
  return Array.from({ length: copies }, (_, copy) =>
    names.map((name, index) => ({ path: toRepoPath(`copy${copy}/${name}`), text: texts[index]! })),
  ).flat();
}

describe('jscodeshift engine in worker threads', () => {
  it('gives the same outcomes, texts and reports as in this thread, in the same order', async () => {
    const reporting = join(scratch, 'rename-and-report.cjs');
    await writeFile(
      reporting,
      [
        `const rename = require(${JSON.stringify(join(fixtures, 'jest-globals-to-vitest.ts'))});`,
        'module.exports = (file, api, options) => {',
        "  if (file.path.endsWith('plain.ts')) api.report({ line: 1, message: `seen in ${file.path}` });",
        '  return (rename.default || rename)(file, api, options);',
        '};',
      ].join('\n'),
    );
    const files = await inputs(6);
    const threaded = createJscodeshiftEngine({ workers: 2 });
    try {
      for (const transform of [join(fixtures, 'rename-identifier.mjs'), reporting]) {
        const codemod = spec(transform, { options: { newName: 'loadData' } });
        const inThread = await createJscodeshiftEngine().run(codemod, files);
        const inWorkers = await threaded.run(codemod, files);
        expect(inWorkers.files).toEqual(inThread.files);
        expect(inWorkers.reports).toEqual(inThread.reports);
        expect(new Set(inThread.files.map((file) => file.status)).size).toBeGreaterThan(1);
      }
      const reports = (await threaded.run(spec(reporting), files)).reports;
      expect(reports.filter((report) => report.message.startsWith('seen in')).map((report) => report.file)).toEqual(files.filter((file) => file.path.endsWith('plain.ts')).map((file) => file.path));
    } finally {
      await threaded.close();
    }
  });

  it('applies the prefilter before sending any file to a worker', async () => {
    const prefiltered = join(scratch, 'prefiltered.cjs');
    await writeFile(prefiltered, "module.exports = (file) => file.source + '// seen\\n';\nmodule.exports.prefilter = 'fetchData';\n");
    const engine = createJscodeshiftEngine({ workers: 2 });
    try {
      const files = await inputs(3);
      const run = await engine.run(spec(prefiltered), files);
      const modified = run.files.filter((file) => file.status === 'modified').map((file) => file.path);
      expect(modified).toEqual(files.filter((file) => file.text.includes('fetchData')).map((file) => file.path));
      expect(run.files.length).toBe(files.length);
    } finally {
      await engine.close();
    }
  });

  it('a pool rejects batches after close, and a worker that exits fails only its batch', async () => {
    const exits = join(scratch, 'exits.cjs');
    await writeFile(exits, "module.exports = (file) => { if (file.source.includes('exit')) process.exit(3); return 'ok'; };\n");
    const pool = createWorkerPool(1);
    const job = (text: string) => ({ name: 'exits', parser: 'babel' as const, options: {}, files: [{ path: toRepoPath('a.js'), text }] });
    const failed = await pool.run(exits, job('exit();')).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isCodemigrateError(failed) && failed.message).toMatch(/jscodeshift worker stopped/);
    expect((await pool.run(exits, job('fine();'))).outcomes).toEqual([{ path: 'a.js', status: 'modified', text: 'ok' }]);
    await pool.close();
    await expect(pool.run(exits, job('fine();'))).rejects.toThrow(/closed/);
  });

  it('an abort rejects the batch at once', async () => {
    const slow = join(scratch, 'slow.cjs');
    await writeFile(slow, 'module.exports = (file) => { const end = Date.now() + 300; while (Date.now() < end); return null; };\n');
    const pool = createWorkerPool(1);
    try {
      const controller = new AbortController();
      const pending = pool.run(slow, { name: 'slow', parser: 'babel', options: {}, files: [{ path: toRepoPath('a.js'), text: 'a' }] }, controller.signal);
      controller.abort(new Error('interrupted'));
      await expect(pending).rejects.toThrow('interrupted');
    } finally {
      await pool.close();
    }
  });
});
