import { describe, expect, it } from 'vitest';
import type { Baseline, CheckRun } from '../core/checks.js';
import type { CheckCommand } from '../core/recipe.js';
import type { RunState } from '../core/state.js';
import { BASELINE_ARTIFACT, ensureBaseline, summarizeBaseline, type BaselineInput } from './baseline.js';

const TSC: CheckCommand = { run: 'tsc --noEmit', parser: 'tsc', timeoutSeconds: 60 };
const TESTS: CheckCommand = { run: 'vitest run', parser: 'vitest', timeoutSeconds: 60, baseline: { run: 'jest', parser: 'jest' } };

/** Check runs as a fake runChecks gives them: tsc with the diagnostics of the commit it ran on. */
function fakeRun(command: CheckCommand, index: number, commit: string): CheckRun {
  const diagnostics = commit === 'base' ? [{ file: 'node_modules/x/index.d.ts', code: 'TS2320', message: 'clash' }] : [];
  return {
    index,
    key: command.run,
    parser: command.parser,
    result: { command: command.run, status: diagnostics.length > 0 ? 'failed' : 'passed', exitCode: diagnostics.length > 0 ? 2 : 0, durationMs: 1, outputTail: '' },
    parsed: command.parser === 'tsc' ? { diagnostics } : { tests: [{ file: 'a.test.js', name: 't', state: 'passed' }] },
  };
}

function harness(base?: string) {
  const artifacts = new Map<string, string>();
  const ran: { commit: string; commands: string[]; phase: string }[] = [];
  let commit = '';
  const input: BaselineInput = {
    state: { sourceCommit: 'source', steps: [] } as unknown as RunState,
    checks: [TESTS, TSC],
    runChecks: async (commands, ctx) => {
      ran.push({ commit, commands: commands.map((c) => c.run), phase: ctx.phase });
      return commands.map((command, index) => fakeRun(command, index, commit));
    },
    recipeDir: '.',
    useWorktree: async (at, fn) => fn((commit = at)),
    env: {},
    signal: new AbortController().signal,
    artifacts: { writeArtifact: async (path, text) => void artifacts.set(path, text), readArtifact: async (path) => artifacts.get(path) },
    record: async () => ({}) as RunState,
    progress: () => {},
    now: () => 't',
    ...(base !== undefined && { base: { commit: base, useWorktree: async <T>(at: string, fn: (dir: string) => Promise<T>) => fn((commit = at)) } }),
  };
  return { input, ran, artifacts };
}

describe('ensureBaseline', () => {
  it("runs the checks that read diagnostics once more on setup's commit, as a step runs them, in their places in the recipe", async () => {
    const { input, ran, artifacts } = harness('base');
    const baseline = await ensureBaseline(input);
    expect(ran).toEqual([
      { commit: 'source', commands: ['vitest run', 'tsc --noEmit'], phase: 'baseline' },
      { commit: 'base', commands: ['tsc --noEmit'], phase: 'current' },
    ]);
    expect(baseline.base?.commit).toBe('base');
    expect(baseline.base?.checks.map((check) => [check.index, check.key, check.parsed?.diagnostics?.length])).toEqual([[1, 'tsc --noEmit', 1]]);
    expect((JSON.parse(artifacts.get(BASELINE_ARTIFACT)!) as Baseline).base?.commit).toBe('base');
  });

  it('reuses a recorded base part for the same base commit, and takes none for land', async () => {
    const { input, ran } = harness('base');
    const first = await ensureBaseline(input);
    await ensureBaseline({ ...input, state: { ...input.state, baseline: { commit: 'source', durationMs: 1, checks: [] } } as RunState });
    expect(ran).toHaveLength(2);
    const land = harness();
    expect((await ensureBaseline(land.input)).base).toBeUndefined();
    expect(first.base).toBeDefined();
  });

  it("starts a kept check's process anew when the baseline is reused (a resumed run), where the steps are built", async () => {
    const kept: CheckCommand = { ...TSC, serve: 'node kept.mjs --serve .' };
    const reused = (h: ReturnType<typeof harness>) => ({ ...h.input, checks: [TESTS, kept], checkCache: '/store', state: { ...h.input.state, baseline: { commit: 'source', durationMs: 1, checks: [] } } as RunState });
    const withBase = harness('base');
    await ensureBaseline({ ...withBase.input, checks: [TESTS, kept], checkCache: '/store' });
    withBase.ran.length = 0;
    const calls: unknown[] = [];
    const runChecks = withBase.input.runChecks;
    await ensureBaseline({ ...reused(withBase), runChecks: (commands, ctx) => (calls.push(ctx.cache), runChecks(commands, ctx)) });
    expect(withBase.ran).toEqual([{ commit: 'base', commands: ['tsc --noEmit'], phase: 'current' }]);
    expect(calls).toEqual([{ store: '/store', mode: 'keep' }]);
    // No check with serve: nothing runs on a reused baseline.
    const plain = harness('base');
    await ensureBaseline(plain.input);
    await ensureBaseline({ ...plain.input, checkCache: '/store', state: { ...plain.input.state, baseline: { commit: 'source', durationMs: 1, checks: [] } } as RunState });
    expect(plain.ran).toHaveLength(2);
  });
});

describe('summarizeBaseline', () => {
  // A run printed "7 passed, 1 failed" and no command said which test: the summary names them.
  it('names the first 5 tests that failed on the source commit; the counts keep them all', () => {
    const tests = [
      { file: 'a.test.ts', name: 'a > ok', state: 'passed' as const },
      ...[1, 2, 3, 4, 5, 6].map((n) => ({ file: 'b.test.ts', name: `b > ${n}`, state: 'failed' as const })),
      { file: 'c.test.ts', name: 'c', state: 'skipped' as const },
    ];
    const run = (parsed: CheckRun['parsed']): CheckRun => ({ index: 0, key: 'vitest run', parser: 'vitest', result: { command: 'vitest run', status: 'failed', exitCode: 1, durationMs: 5, outputTail: '' }, ...(parsed && { parsed }) });
    const summary = summarizeBaseline({ commit: 'c0', takenAt: 't', durationMs: 5, checks: [run({ tests }), run({ tests: tests.slice(0, 1) })] });
    expect(summary.checks[0]).toMatchObject({ tests: { passed: 1, failed: 6, skipped: 1 }, failing: [1, 2, 3, 4, 5].map((n) => `b.test.ts > b > ${n}`) });
    expect(summary.checks[1]).not.toHaveProperty('failing');
  });
});
