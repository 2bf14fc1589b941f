import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileOutcome, SourceFile } from '../core/codemod.js';
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

/** A transform that marks each file with the thread that ran it: the per-file outcome says where it parsed. */
const MARK_THREAD = "const { isMainThread } = require('node:worker_threads');\nmodule.exports = (file) => `${file.source}// ${isMainThread ? 'main' : 'worker'}\\n`;\n";

function threads(outcomes: readonly FileOutcome[]): string[] {
  return outcomes.map((outcome) => (outcome.status === 'modified' ? outcome.text.trimEnd().split('// ').at(-1)! : outcome.status));
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

  it('applies the prefilter before sending any file to a worker, and counts only the files it lets through', async () => {
    const prefiltered = join(scratch, 'prefiltered.cjs');
    await writeFile(prefiltered, `${MARK_THREAD}module.exports.prefilter = 'fetchData';\n`);
    // One worker: what goes to the pool is pinned here, how batches share workers in the first test
    // (each worker thread this file starts from source, through jiti, costs ~1.2 CPU-s).
    const engine = createJscodeshiftEngine({ workers: 1 });
    try {
      // 15 files, 6 with the key string: too few to start workers for.
      const few = await inputs(3);
      const inThread = await engine.run(spec(prefiltered), few);
      expect(threads(inThread.files)).toEqual(few.map((file) => (file.text.includes('fetchData') ? 'main' : 'skipped')));
      // 40 more, 16 with it: 22 given in all, so these go to the pool.
      const many = (await inputs(8)).map((file) => ({ ...file, path: toRepoPath(`more/${file.path}`) }));
      const inWorkers = await engine.run(spec(prefiltered), many);
      expect(threads(inWorkers.files)).toEqual(many.map((file) => (file.text.includes('fetchData') ? 'worker' : 'skipped')));
    } finally {
      await engine.close();
    }
  });

  it('one pool serves every step: once 16 files were given, a step of a few files goes to it too', async () => {
    const marking = join(scratch, 'mark-thread.cjs');
    await writeFile(marking, MARK_THREAD);
    const files = await inputs(1);
    const steps = Array.from({ length: 6 }, (_, step) => files.slice(0, 3).map((file) => ({ ...file, path: toRepoPath(`step${step}/${file.path}`) })));
    const engine = createJscodeshiftEngine({ workers: 1 }); // one worker: as in the test above
    try {
      const ran: string[][] = [];
      for (const step of steps) ran.push(threads((await engine.run(spec(marking), step)).files));
      // 3, 6, … 15 files given: in this thread; 18 and 21: in the pool.
      expect(ran).toEqual([...Array(5).fill(['main', 'main', 'main']), ['worker', 'worker', 'worker']]);
      // Steps running at once, as p-queue runs them, all go to the pool now.
      const together = await Promise.all(steps.map((step) => engine.run(spec(marking), step)));
      expect(together.map((run) => threads(run.files))).toEqual(Array(6).fill(['worker', 'worker', 'worker']));
    } finally {
      await engine.close();
    }
    // A run that is one tiny step starts no worker.
    const tiny = createJscodeshiftEngine({ workers: 2 });
    try {
      expect(threads((await tiny.run(spec(marking), steps[0]!)).files)).toEqual(['main', 'main', 'main']);
    } finally {
      await tiny.close();
    }
  });

  it('gives small steps the same outcomes and reports in the pool as in this thread', async () => {
    const codemod = spec(join(fixtures, 'rename-identifier.mjs'), { options: { newName: 'loadData' } });
    const files = await inputs(1);
    // Steps of 5, 4 and 3 files: the first three in this thread, the other five in the pool.
    const steps = Array.from({ length: 8 }, (_, step) => files.slice(step % 3).map((file) => ({ ...file, path: toRepoPath(`step${step}/${file.path}`) })));
    const pooled = createJscodeshiftEngine({ workers: 2 });
    const inThread = createJscodeshiftEngine();
    try {
      for (const step of steps) {
        const [ours, theirs] = [await pooled.run(codemod, step), await inThread.run(codemod, step)];
        expect(ours.files).toEqual(theirs.files);
        expect(ours.reports).toEqual(theirs.reports);
      }
    } finally {
      await pooled.close();
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
