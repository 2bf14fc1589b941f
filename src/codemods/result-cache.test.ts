// The codemod result cache with codemigrate's real engines. Each transform here also appends one
// line per file it runs on to a log named in its options: the log tells which files ran, and so
// which outcomes came from the cache.

import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CodemodEngine, SourceFile } from '../core/codemod.js';
import { toRepoPath } from '../core/paths.js';
import type { CodemodSpec } from '../core/recipe.js';
import { createCodemodEngine } from './index.js';
import { withResultCache } from './result-cache.js';

let scratch: string;
let cacheDir: string;
let log: string;
const engines: CodemodEngine[] = [];
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'codemigrate-result-cache-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
});

const JSCODESHIFT = [
  "const { appendFileSync } = require('node:fs');",
  'module.exports = function (file, api, options) {',
  "  appendFileSync(options.log, file.path + '\\n');",
  "  if (file.source.includes('THROW')) throw new Error('cannot read this one');",
  "  if (file.source.includes('REPORT')) api.report('left for the model');",
  "  if (file.source.includes('PRINT')) console.log('printed on ' + file.path);",
  "  if (!file.source.includes('oldName')) return null;",
  "  return file.source.replaceAll('oldName', options.to);",
  '};',
].join('\n');

// Reads a name from the step's other file: its outcome depends on more than its own text.
const TS_MORPH = [
  "const { appendFileSync } = require('node:fs');",
  'module.exports = function (sourceFile, ctx) {',
  "  appendFileSync(ctx.options.log, ctx.path + '\\n');",
  "  const other = ctx.project.getSourceFile('/names.ts');",
  "  const name = other ? other.getFullText().trim() : 'none';",
  "  return sourceFile.getFullText().replace('NAME', name);",
  '};',
].join('\n');

async function spec(name: string, source: string, engine: CodemodSpec['engine'], options: Record<string, unknown> = {}): Promise<CodemodSpec> {
  const resolved = join(scratch, name);
  await writeFile(resolved, source);
  return { kind: 'codemod', name, resolved, engine, options: { log, to: 'newName', ...options }, field: 'steps[0]' };
}

function files(entries: Record<string, string>): SourceFile[] {
  return Object.entries(entries).map(([path, text]) => ({ path: toRepoPath(path), text }));
}

/** A cached engine; `hash` stands for the transform's recipe part hash. */
function cachedEngine(hash: { value: string | undefined }): CodemodEngine {
  const engine = withResultCache(createCodemodEngine({ workers: 0 }), { dir: cacheDir, transformHash: () => hash.value });
  engines.push(engine);
  return engine;
}

async function ran(): Promise<string[]> {
  const text = await readFile(log, 'utf8').catch(() => '');
  await writeFile(log, '');
  return text.split('\n').filter(Boolean).sort();
}

describe('withResultCache', () => {
  beforeAll(async () => {
    cacheDir = await mkdtemp(join(scratch, 'cache-'));
  });
  afterEach(async () => {
    await rm(cacheDir, { recursive: true, force: true });
    log = join(scratch, `ran-${Math.random().toString(36).slice(2)}.log`);
  });
  beforeAll(() => {
    log = join(scratch, 'ran.log');
  });

  it('gives a jscodeshift transform’s outcome, reports and print of an unchanged file from the cache, and runs the changed file alone', async () => {
    const hash = { value: 'transform-v1' };
    const transform = await spec('rename.cjs', JSCODESHIFT, 'jscodeshift');
    const input = files({ 'src/a.js': 'var oldName = 1; // REPORT PRINT\n', 'src/b.js': 'var other = 2;\n' });
    const first = await cachedEngine(hash).run(transform, input);
    expect(await ran()).toEqual(['src/a.js', 'src/b.js']);
    expect(first.cached).toBe(0);

    const second = await cachedEngine(hash).run(transform, input);
    expect(await ran()).toEqual([]);
    expect(second.cached).toBe(2);
    expect({ ...second, durationMs: 0, cached: 0 }).toEqual({ ...first, durationMs: 0, cached: 0 });

    const edited = files({ 'src/a.js': 'var oldName = 1; // REPORT PRINT\n', 'src/b.js': 'var oldName = 3;\n' });
    const third = await cachedEngine(hash).run(transform, edited);
    expect(await ran()).toEqual(['src/b.js']);
    expect(third.cached).toBe(1);
    expect(third.files).toEqual([
      { path: 'src/a.js', status: 'modified', text: 'var newName = 1; // REPORT PRINT\n' },
      { path: 'src/b.js', status: 'modified', text: 'var newName = 3;\n' },
    ]);
    expect(third.reports).toEqual(first.reports);
    expect(third.output).toEqual(first.output);
    expect(third.jscodeshift).toEqual(first.jscodeshift);
  });

  it('runs again what an edited transform (another hash), other options or another parser would change; never keeps a file it threw on', async () => {
    const hash: { value: string | undefined } = { value: 'transform-v1' };
    const transform = await spec('rename2.cjs', JSCODESHIFT, 'jscodeshift');
    const input = files({ 'a.js': 'var oldName;\n', 'b.js': 'THROW\n' });
    await cachedEngine(hash).run(transform, input);
    expect(await ran()).toEqual(['a.js', 'b.js']);
    await cachedEngine(hash).run(transform, input);
    expect(await ran()).toEqual(['b.js']);
    await cachedEngine(hash).run({ ...transform, options: { ...transform.options, to: 'renamed' } }, input);
    expect(await ran()).toEqual(['a.js', 'b.js']);
    await cachedEngine(hash).run({ ...transform, parser: 'babel' }, input);
    expect(await ran()).toEqual(['a.js', 'b.js']);
    hash.value = 'transform-v2';
    await cachedEngine(hash).run(transform, input);
    expect(await ran()).toEqual(['a.js', 'b.js']);
    hash.value = undefined; // a transform whose code cannot be hashed: never cached
    await cachedEngine(hash).run(transform, input);
    await cachedEngine(hash).run(transform, input);
    expect(await ran()).toEqual(['a.js', 'a.js', 'b.js', 'b.js']);
    // A recipe entry with "cache": false (its transform reads the disk): never cached either.
    hash.value = 'transform-v2';
    await cachedEngine(hash).run({ ...transform, cache: false }, input);
    expect(await ran()).toEqual(['a.js', 'b.js']);
  });

  it('keys a ts-morph run by all of the step’s files: another file’s change runs it again', async () => {
    const hash = { value: 'ts-morph-v1' };
    const transform = await spec('names.cjs', TS_MORPH, 'ts-morph');
    const input = files({ 'use.ts': 'export const x = "NAME";\n', 'names.ts': 'alpha\n' });
    const first = await cachedEngine(hash).run(transform, input);
    expect(await ran()).toEqual(['names.ts', 'use.ts']);
    const second = await cachedEngine(hash).run(transform, [...input].reverse());
    expect(await ran()).toEqual([]);
    expect(second.files).toEqual(first.files);
    expect(second.cached).toBe(2);
    const third = await cachedEngine(hash).run(transform, files({ 'use.ts': 'export const x = "NAME";\n', 'names.ts': 'beta\n' }));
    expect(await ran()).toEqual(['names.ts', 'use.ts']);
    expect(third.files.find((file) => file.path === 'use.ts')).toEqual({ path: 'use.ts', status: 'modified', text: 'export const x = "beta";\n' });
  });

  it('takes an entry that does not parse for a miss, and writes it again', async () => {
    const hash = { value: 'transform-v1' };
    const transform = await spec('rename3.cjs', JSCODESHIFT, 'jscodeshift');
    const input = files({ 'a.js': 'var oldName;\n' });
    await cachedEngine(hash).run(transform, input);
    await ran();
    const [shard] = await readdir(cacheDir);
    const [entry] = await readdir(join(cacheDir, shard!));
    await writeFile(join(cacheDir, shard!, entry!), '{"outcome": ');
    const again = await cachedEngine(hash).run(transform, input);
    expect(await ran()).toEqual(['a.js']);
    expect(again.files).toEqual([{ path: 'a.js', status: 'modified', text: 'var newName;\n' }]);
    await cachedEngine(hash).run(transform, input);
    expect(await ran()).toEqual([]);
  });
});
