import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-repo.js';
import type { CheckCommand } from '../core/recipe.js';
import { CHECK_CACHE_DIR } from './check-cache.js';
import { runChecks, stablePath } from './run-checks.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const check = (run: string, extra: Partial<CheckCommand> = {}): CheckCommand => ({ run, timeoutSeconds: 30, parser: 'exit-code', ...extra });

describe('runChecks', () => {
  it('runs every check even after one fails, and the baseline command in the baseline phase', async () => {
    const cwd = makeTempDir();
    dirs.push(cwd);
    const commands = [check('exit 3'), check('echo now', { baseline: { run: 'echo before' } })];
    const current = await runChecks(commands, { cwd, phase: 'current', files: [], modules: ['.'] });
    expect(current.map((run) => [run.index, run.key, run.result.status, run.result.outputTail])).toEqual([
      [0, 'exit 3', 'failed', ''],
      [1, 'echo now', 'passed', 'now\n'],
    ]);
    const baseline = await runChecks(commands, { cwd, phase: 'baseline', files: [], modules: ['.'] });
    expect(baseline[1]?.result.outputTail).toBe('before\n');
    expect(baseline[1]?.key).toBe('echo now');
  });

  it('reads the {report} file with the parser, over chunks of {files}, and names the files it was given', async () => {
    const cwd = makeTempDir();
    dirs.push(cwd);
    const files = Array.from({ length: 2500 }, (_, i) => `src/some/long/folder/name/file-${i}.test.ts`);
    // A stand-in runner: one passing test per file it is given, as Vitest's JSON reporter writes them.
    const runner = `node -e 'const files = process.argv.slice(1, -1); require("fs").writeFileSync(process.argv.at(-1), JSON.stringify({ testResults: files.map((f) => ({ name: process.cwd() + "/" + f, status: "passed", assertionResults: [{ ancestorTitles: [], title: "t", status: "passed" }] })) }))'`;
    const [run] = await runChecks([check(`${runner} {files} {report}`, { parser: 'vitest' })], { cwd, phase: 'current', files, modules: ['.'] });
    expect(run?.parseError).toBeUndefined();
    expect(run?.parsed?.tests).toHaveLength(2500);
    expect(run?.parsed?.tests?.[2499]).toEqual({ file: 'src/some/long/folder/name/file-2499.test.ts', name: 't', state: 'passed' });
    expect(run?.files).toEqual(files);
    expect(run?.result.command).toContain('<2500 files>');
  });

  it('shows a check that cannot be started with its command cut short, and runs it once', async () => {
    const cwd = makeTempDir();
    dirs.push(cwd);
    const files = Array.from({ length: 3000 }, (_, i) => `src/some/long/folder/name/file-${i}.test.ts`);
    // Too long for one argument even without its list: no chunk of it can be started (E2BIG).
    const [run] = await runChecks([check(`node -e 0 {files} # ${'x'.repeat(140_000)}`)], { cwd, phase: 'current', files, modules: ['.'] });
    expect(run?.result.status).toBe('error');
    expect(run?.result.outputTail).toContain('E2BIG');
    expect(run?.result.command.length).toBeLessThan(2_100);
    expect(run?.result.command).toMatch(/^node -e 0 <3000 files> # x+… \(\d+ more characters\)$/);
  });

  it('keeps the baseline\'s {cache} folder in the store, starts each step from a copy of it, and leaves neither in the worktree', async () => {
    const [baselineDir, stepDir, store] = [makeTempDir(), makeTempDir(), makeTempDir()];
    dirs.push(baselineDir, stepDir, store);
    // A stand-in tool: prints what its cache holds, then adds a line of its own.
    const tool = check('cat {cache}/seen 2>/dev/null; echo "$0" >> {cache}/seen');
    const counted = (run: { result: { outputTail: string } } | undefined) => run?.result.outputTail.split('\n').filter(Boolean) ?? [];
    const [baseline] = await runChecks([{ ...tool, run: tool.run.replace('$0', 'baseline') }], { cwd: baselineDir, phase: 'baseline', files: [], modules: ['.'], cache: { store, mode: 'keep' } });
    expect(counted(baseline)).toEqual([]);
    const stored = join(store, readdirOnly(store));
    expect(readFileSync(join(stored, 'seen'), 'utf8')).toBe('baseline\n');
    expect(existsSync(join(baselineDir, CHECK_CACHE_DIR))).toBe(false);
    // The same command in a step: the baseline's line, not the step before's.
    const step = { ...tool, run: tool.run.replace('$0', 'baseline') };
    for (let i = 0; i < 2; i++) {
      const [run] = await runChecks([step], { cwd: stepDir, phase: 'current', files: [], modules: ['.'], cache: { store, mode: 'seed' } });
      expect(counted(run)).toEqual(['baseline']);
      expect(run?.result.command).toContain('{cache}');
    }
    expect(readFileSync(join(stored, 'seen'), 'utf8')).toBe('baseline\n');
    expect(existsSync(join(stepDir, CHECK_CACHE_DIR))).toBe(false);
    // Without a store (land): an empty folder each time.
    const [cold] = await runChecks([step], { cwd: stepDir, phase: 'current', files: [], modules: ['.'] });
    expect(counted(cold)).toEqual([]);
  });

  it('gives a file under a linked node_modules one name wherever it was installed', () => {
    expect(stablePath('../install/node_modules/@vitest/runner/dist/tasks.d.ts')).toBe('node_modules/@vitest/runner/dist/tasks.d.ts');
    expect(stablePath('/home/u/app/node_modules/x/index.d.ts')).toBe('node_modules/x/index.d.ts');
    expect(stablePath('packages/a/node_modules/x/index.d.ts')).toBe('packages/a/node_modules/x/index.d.ts');
    expect(stablePath('src/a.ts')).toBe('src/a.ts');
  });
});

function readdirOnly(dir: string): string {
  const entries = readdirSync(dir);
  expect(entries).toHaveLength(1);
  return entries[0]!;
}
