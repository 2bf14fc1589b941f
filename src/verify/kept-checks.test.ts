// A check's `serve`: runChecks starts the kept process with the baseline's run (a 'keep' cache)
// and asks it for a step's worktree (a 'seed' cache), in this machine's sandbox, where it must
// read a sibling slot; its verdict-relevant result is what the check's own `run` gives there.
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/helpers/temp-repo.js';
import type { CheckCommand } from '../core/recipe.js';
import { askKept, closeKept, startKept } from './kept-checks.js';
import { runChecks } from './run-checks.js';
import { detectSandbox } from './sandbox.js';

const SHARED = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations', 'shared');
const TYPESCRIPT = dirname(createRequire(import.meta.url).resolve('typescript/package.json'));
const tempDir = useTempDirs();
const stores: string[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) closeKept(store);
});

function project(dir: string): void {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "name": "p", "private": true }\n');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', lib: ['es2022'], module: 'commonjs', types: [] }, include: ['src'] }));
  writeFileSync(join(dir, 'src/a.ts'), 'export function size(text: string): number {\n  return text.length;\n}\n');
  writeFileSync(join(dir, 'src/b.ts'), "import { size } from './a';\nexport const n: number = size('abc');\n");
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(TYPESCRIPT, join(dir, 'node_modules/typescript'));
}

describe('a check with a kept process (serve)', () => {
  it("answers a step's worktree from the process the baseline started, as the check's run would, and runs the check once it is gone", async () => {
    // Slots of one run's scratch-worktree folder, as the pool makes them.
    const slots = tempDir();
    const [base, step] = [join(slots, '0'), join(slots, '1')];
    project(base);
    const store = tempDir();
    stores.push(store);
    const sandbox = detectSandbox();
    const tsc: CheckCommand = { run: `node ${join(SHARED, 'tsc-check.mjs')} {cache}`, parser: 'tsc', timeoutSeconds: 300 };
    const kept: CheckCommand = { ...tsc, serve: `node ${join(SHARED, 'tsc-kept.mjs')} --serve .` };
    const scope = { files: [], modules: ['.'], sandbox };
    const [baseline] = await runChecks([kept], { cwd: base, phase: 'baseline', ...scope, cache: { store, mode: 'keep' } });
    expect(baseline?.result).toMatchObject({ status: 'passed', command: expect.stringContaining('(kept process: baseline)') });
    expect(baseline?.parsed?.diagnostics).toEqual([]);
    // The step: a's signature changes; b, unchanged, no longer type-checks.
    cpSync(base, step, { recursive: true });
    writeFileSync(join(step, 'src/a.ts'), 'export function size(text: string): string {\n  return text;\n}\n');
    const [answered] = await runChecks([kept], { cwd: step, phase: 'current', ...scope, cache: { store, mode: 'seed' } });
    const [ran] = await runChecks([tsc], { cwd: step, phase: 'current', ...scope, cache: { store, mode: 'seed' } });
    expect(answered?.result).toMatchObject({ status: 'failed', exitCode: ran?.result.exitCode, command: expect.stringContaining('(kept process: incremental)') });
    expect(answered?.parsed?.diagnostics).toEqual([{ file: 'src/b.ts', line: 2, code: 'TS2322', message: "Type 'string' is not assignable to type 'number'." }]);
    expect(answered?.parsed).toEqual(ran?.parsed);
    expect(answered?.key).toBe(ran?.key);
    // The run closed it: the step's check runs its command.
    closeKept(store);
    const [fallback] = await runChecks([kept], { cwd: step, phase: 'current', ...scope, cache: { store, mode: 'seed' } });
    expect(fallback?.result.command).not.toContain('kept process');
    expect(fallback?.parsed).toEqual(ran?.parsed);
  });

  it('keeps serving the other steps after it answers one with a fallback (a step with a TypeScript of its own)', async () => {
    const dir = tempDir();
    const store = tempDir();
    stores.push(store);
    // A stand-in server: a fallback for a tree named own-ts, a result for any other.
    writeFileSync(
      join(dir, 'serve.cjs'),
      "require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {\n" +
        '  const { id, root } = JSON.parse(line);\n' +
        "  console.log(JSON.stringify(root.endsWith('own-ts') ? { id, fallback: 'its own TypeScript' } : { id, exitCode: 0, output: `checked ${root}`, mode: 'incremental' }));\n" +
        '});\n' +
        "console.log(JSON.stringify({ id: 0, exitCode: 0, output: '', mode: 'baseline' }));\n",
    );
    const start = { store, key: 'k', command: `node ${join(dir, 'serve.cjs')}`, cwd: dir, env: process.env, sandbox: undefined, readable: [], timeoutSeconds: 300, signal: undefined };
    expect(await startKept(start)).toMatchObject({ mode: 'baseline' });
    expect(await askKept(store, 'k', '/w/own-ts', 300, undefined)).toBeUndefined();
    expect(await askKept(store, 'k', '/w/next', 300, undefined)).toEqual({ exitCode: 0, output: 'checked /w/next', mode: 'incremental' });
  });
});
