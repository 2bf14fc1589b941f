import { describe, expect, it } from 'vitest';
import type { Baseline, CheckRun, Diagnostic, TestOutcome } from '../core/checks.js';
import type { VerifyStatus } from '../core/verify.js';
import { describeRegressions, judgeChecks, judgeChecksWithCopies, mayBeFlaky, settleFlaky, stepReference, summarizeVerdict } from './verdict.js';

function run(input: { status?: VerifyStatus; exitCode?: number | null; diagnostics?: Diagnostic[]; tests?: TestOutcome[]; files?: string[]; parseError?: string; index?: number; key?: string }): CheckRun {
  const status = input.status ?? 'passed';
  const parsed = input.diagnostics || input.tests ? { ...(input.diagnostics && { diagnostics: input.diagnostics }), ...(input.tests && { tests: input.tests }) } : undefined;
  return {
    index: input.index ?? 0,
    key: input.key ?? 'check',
    parser: input.tests ? 'vitest' : input.diagnostics ? 'tsc' : 'exit-code',
    result: { command: input.key ?? 'check', status, exitCode: 'exitCode' in input ? (input.exitCode ?? null) : status === 'passed' ? 0 : 1, durationMs: 1, outputTail: '' },
    ...(parsed && { parsed }),
    ...(input.parseError !== undefined && { parseError: input.parseError }),
    ...(input.files && { files: input.files }),
  };
}

const baseline = (...checks: CheckRun[]): Baseline => ({ commit: 'c0', takenAt: 't', durationMs: 1, checks });
const test = (file: string, name: string, state: TestOutcome['state'] = 'passed', assertions?: number): TestOutcome => ({
  file,
  name,
  state,
  ...(assertions !== undefined && { assertions }),
});
const diag = (file: string, code: string, message: string, line = 1): Diagnostic => ({ file, code, message, line });

describe('judgeChecks', () => {
  it('passes when the typecheck finds the same diagnostics, whatever lines they moved to', () => {
    const before = run({ status: 'failed', diagnostics: [diag('a.ts', 'TS2322', 'x', 3), diag('a.ts', 'TS2322', 'x', 9)] });
    const after = run({ status: 'failed', diagnostics: [diag('a.ts', 'TS2322', 'x', 30), diag('a.ts', 'TS2322', 'x', 90)] });
    expect(judgeChecks(baseline(before), [after])).toEqual({ status: 'passed', regressions: [] });
  });

  it('names a new diagnostic anywhere, counting repeats of a known one', () => {
    const before = run({ status: 'failed', diagnostics: [diag('a.ts', 'TS2322', 'x')] });
    const after = run({ status: 'failed', diagnostics: [diag('a.ts', 'TS2322', 'x'), diag('a.ts', 'TS2322', 'x', 7), diag('', 'TS2688', "Cannot find type definition file for 'node'.")] });
    const verdict = judgeChecks(baseline(before), [after]);
    expect(verdict.status).toBe('regressed');
    expect(describeRegressions(verdict.regressions)).toEqual([
      'new diagnostic: a.ts(7): TS2322 x',
      "new diagnostic: TS2688 Cannot find type definition file for 'node'.",
    ]);
    expect(summarizeVerdict(verdict)).toBe('regressed against the baseline: 2 new diagnostic(s)');
  });

  it('names tests that passed before and now fail, are skipped, todo or missing, within the files the run was given', () => {
    const before = run({
      tests: [test('a.test.ts', 'math > adds'), test('a.test.ts', 'math > subtracts'), test('a.test.ts', 'math > divides'), test('a.test.ts', 'math > later'), test('b.test.ts', 'other')],
    });
    const after = run({
      status: 'failed',
      files: ['a.test.ts'],
      tests: [test('a.test.ts', 'math > adds', 'failed'), test('a.test.ts', 'math > subtracts', 'skipped'), test('a.test.ts', 'math > divides', 'todo')],
    });
    const verdict = judgeChecks(baseline(before), [after]);
    expect(describeRegressions(verdict.regressions)).toEqual([
      'test no longer passing (failed): a.test.ts › math > adds',
      'test no longer passing (skipped): a.test.ts › math > subtracts',
      'test no longer passing (todo): a.test.ts › math > divides',
      'test no longer passing (missing): a.test.ts › math > later',
    ]);
  });

  it('a run that exits 0 having found no test file loses every baseline test of its files', () => {
    // Vitest's --passWithNoTests after a step renamed or emptied its files: exit 0, an empty report.
    const before = run({ tests: [test('a.test.tsx', 'renders'), test('b.test.tsx', 'other')] });
    const after = run({ files: ['a.test.tsx'], tests: [] });
    const verdict = judgeChecks(baseline(before), [after]);
    expect(verdict.status).toBe('regressed');
    expect(describeRegressions(verdict.regressions)).toEqual(['test no longer passing (missing): a.test.tsx › renders']);
  });

  it('counts fewer tests collected in a file even when those tests were failing before', () => {
    const before = run({ status: 'failed', tests: [test('a.test.ts', 'one'), test('a.test.ts', 'two', 'failed'), test('a.test.ts', 'three', 'failed')] });
    const after = run({ status: 'failed', tests: [test('a.test.ts', 'one'), test('a.test.ts', 'two', 'failed')] });
    expect(describeRegressions(judgeChecks(baseline(before), [after]).regressions)).toEqual(['fewer tests collected in a.test.ts: 3 → 2']);
  });

  it('counts fewer assertions where the runner reports them', () => {
    const before = run({ tests: [test('a.test.ts', 'one', 'passed', 3)] });
    const after = run({ tests: [test('a.test.ts', 'one', 'passed', 1)] });
    expect(describeRegressions(judgeChecks(baseline(before), [after]).regressions)).toEqual(['fewer assertions in a.test.ts › one: 3 → 1']);
  });

  it('keeps failing what failed before without calling it a regression, and allows new passing tests', () => {
    const before = run({ status: 'failed', tests: [test('a.test.ts', 'old', 'failed'), test('a.test.ts', 'ok')] });
    const after = run({ status: 'failed', tests: [test('a.test.ts', 'old', 'failed'), test('a.test.ts', 'ok'), test('a.test.ts', 'new')] });
    expect(judgeChecks(baseline(before), [after]).status).toBe('passed');
  });

  it('fails a check that passed before and fails now even when its parser saw no failing test', () => {
    const before = run({ tests: [test('a.test.ts', 'one')] });
    const after = run({ status: 'failed', exitCode: 1, tests: [test('a.test.ts', 'one')] });
    expect(describeRegressions(judgeChecks(baseline(before), [after]).regressions)).toEqual(['check failed (exit 1; it passed on the source commit): check']);
  });

  it('without readable output compares exit statuses, and a check failing on both sides must still pass', () => {
    expect(judgeChecks(baseline(run({ status: 'failed' })), [run({})]).status).toBe('passed');
    const both = judgeChecks(baseline(run({ status: 'failed' })), [run({ status: 'failed', exitCode: 2 })]);
    expect(describeRegressions(both.regressions)).toEqual(['check failed (exit 2; on the source commit: failed, and its results could not be read (it has no parser), so it must pass): check']);
    const unreadable = run({ status: 'failed', parseError: 'no JSON in the output' });
    expect(judgeChecks(baseline(run({ tests: [test('a.test.ts', 'one')] })), [unreadable]).status).toBe('regressed');
  });

  it('without a baseline (or for a check the baseline does not have) every check must pass', () => {
    expect(judgeChecks(undefined, [run({})]).status).toBe('passed');
    expect(judgeChecks(undefined, [run({ status: 'timed-out', exitCode: null })]).regressions).toEqual([
      { kind: 'check-failed', check: 'check', status: 'timed-out', exitCode: null },
    ]);
    const other = baseline(run({ status: 'failed', key: 'another check' }));
    expect(judgeChecks(other, [run({ status: 'failed' })]).status).toBe('regressed');
  });

  it('a timeout is a regression even where the check failed before', () => {
    const verdict = judgeChecks(baseline(run({ status: 'failed', tests: [] })), [run({ status: 'timed-out', exitCode: null, tests: [] })]);
    expect(describeRegressions(verdict.regressions)).toEqual(['check failed (timed-out; on the source commit: failed): check']);
  });

  it('bounds the list of lines and counts the rest', () => {
    const before = run({ tests: Array.from({ length: 40 }, (_, i) => test('a.test.ts', `t${i}`)) });
    const after = run({ status: 'failed', tests: [] });
    const lines = describeRegressions(judgeChecks(baseline(before), [after]).regressions, 5);
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('… and 35 more');
  });

  it('matches a test whose title Vitest quotes where Jest did not', () => {
    const before = run({ tests: [test('a.test.ts', 'when append and unmount')] });
    const after = run({ tests: [test('a.test.ts', "when 'append' and unmount")] });
    expect(judgeChecks(baseline(before), [after]).status).toBe('passed');
  });
});

describe('diagnostics of copied files', () => {
  const known = [diag('src/setupTests.ts', 'TS2740', "Type 'A' is missing assert"), diag('b.ts', 'TS2322', 'y')];

  it("are not new when the copy's origin had them on the source commit, once per copy and origin diagnostic", () => {
    const before = run({ status: 'failed', diagnostics: known });
    const after = run({
      status: 'failed',
      diagnostics: [...known, diag('src/setupTests.vitest.ts', 'TS2740', "Type 'A' is missing assert", 5), diag('src/setupTests.vitest.ts', 'TS2740', "Type 'A' is missing assert", 9)],
    });
    const copies = new Map([['src/setupTests.vitest.ts', 'src/setupTests.ts']]);
    expect(describeRegressions(judgeChecks(baseline(before), [after], copies).regressions)).toEqual(["new diagnostic: src/setupTests.vitest.ts(9): TS2740 Type 'A' is missing assert"]);
    // Without the copy, both are new.
    expect(judgeChecks(baseline(before), [after]).regressions).toHaveLength(2);
  });

  it("match the origin's diagnostic when the copy's edits changed only the types it quotes", () => {
    const origin = diag('src/setupTests.ts', 'TS2740', "Type '{ log: Mock<any, any, any>; }' is missing the following properties from type 'Console': assert, clear");
    const before = run({ status: 'failed', diagnostics: [origin] });
    const copied = diag('src/setupTests.vitest.ts', 'TS2740', "Type '{ log: Mock<[message?: any], void>; }' is missing the following properties from type 'Console': assert, clear");
    const other = diag('src/setupTests.vitest.ts', 'TS2740', "Type '{ log: Mock<[message?: any], void>; }' is missing the following properties from type 'Console': assert, clear, count");
    const copies = new Map([['src/setupTests.vitest.ts', 'src/setupTests.ts']]);
    expect(judgeChecks(baseline(before), [run({ status: 'failed', diagnostics: [origin, copied] })], copies).regressions).toEqual([]);
    expect(judgeChecks(baseline(before), [run({ status: 'failed', diagnostics: [origin, other] })], copies).regressions).toHaveLength(1);
    // Outside a copy the message is compared whole: here the origin keeps its own diagnostic.
    expect(judgeChecks(baseline(before), [run({ status: 'failed', diagnostics: [origin, { ...copied, file: 'b.ts' }] })]).regressions).toHaveLength(1);
  });

  it("in their own file are not new when only the types they quote changed and the source commit's form is gone (auto-test: finish wrote the copy over its origin)", () => {
    const origin = diag('src/setupTests.ts', 'TS2740', "Type '{ log: Mock<any, any, any>; }' is missing the following properties from type 'Console': assert, clear");
    const reprinted = { ...origin, message: "Type '{ log: Mock<[message?: any], void>; }' is missing the following properties from type 'Console': assert, clear" };
    const before = run({ status: 'failed', diagnostics: [origin] });
    expect(judgeChecks(baseline(before), [run({ status: 'failed', diagnostics: [reprinted] })]).regressions).toEqual([]);
    // Beside the old one, the same shape is a new error; two where there was one, one is new.
    expect(judgeChecks(baseline(before), [run({ status: 'failed', diagnostics: [origin, reprinted] })]).regressions).toHaveLength(1);
    expect(judgeChecks(baseline(before), [run({ status: 'failed', diagnostics: [reprinted, { ...reprinted, line: 9 }] })]).regressions).toHaveLength(1);
    // Another code or another wording outside the quotes is new.
    expect(judgeChecks(baseline(before), [run({ status: 'failed', diagnostics: [{ ...reprinted, code: 'TS2739' }] })]).regressions).toHaveLength(1);
    expect(judgeChecks(baseline(before), [run({ status: 'failed', diagnostics: [{ ...reprinted, message: `${reprinted.message}, count` }] })]).regressions).toHaveLength(1);
  });

  it('asks about the copies only for new diagnostics the baseline knows elsewhere, and only about those files', async () => {
    const before = run({ status: 'failed', diagnostics: known });
    // A type quoted differently: still the origin's diagnostic (see above).
    const after = run({ status: 'failed', diagnostics: [...known, diag('src/setupTests.vitest.ts', 'TS2740', "Type 'B' is missing assert"), diag('c.ts', 'TS2345', 'new')] });
    const asked: (readonly string[])[] = [];
    const verdict = await judgeChecksWithCopies(baseline(before), [after], async (paths) => {
      asked.push(paths);
      return new Map([['src/setupTests.vitest.ts', 'src/setupTests.ts']]);
    });
    expect(asked).toEqual([['src/setupTests.vitest.ts', 'src/setupTests.ts']]);
    expect(describeRegressions(verdict.regressions)).toEqual(['new diagnostic: c.ts(1): TS2345 new']);

    const unrelated = run({ status: 'failed', diagnostics: [...known, diag('c.ts', 'TS2345', 'new')] });
    const none = await judgeChecksWithCopies(baseline(before), [unrelated], async () => {
      throw new Error('not asked when no new diagnostic is known elsewhere');
    });
    expect(none.regressions).toHaveLength(1);
  });
});

describe("a step's reference: the library diagnostics of setup's commit", () => {
  // commander (skipLibCheck false): setup installs Vitest beside @types/jest, and tsc reports their
  // global jest.Matchers clash in node_modules on setup's commit and on every step after it.
  const clash = diag('node_modules/@vitest/expect/dist/index.d.ts', 'TS2320', "Interface 'Assertion<T>' cannot simultaneously extend types 'JestAssertion<T>' and 'ChaiMockAssertion'.");
  const cjs = diag('node_modules/vitest/index.d.cts', 'TS1479', 'The current file is a CommonJS module whose imports will produce require calls.');
  const source = run({ diagnostics: [diag('lib/a.js', 'TS2339', 'old')] });
  const withBase = (...diagnostics: Diagnostic[]): Baseline => ({ ...baseline(source), base: { commit: 'c1', checks: [run({ status: 'failed', diagnostics })] } });

  it("does not charge a step with what setup's install brings into library files, where the whole check fails on them", () => {
    const step = run({ status: 'failed', diagnostics: [diag('lib/a.js', 'TS2339', 'old'), clash] });
    expect(judgeChecks(stepReference(withBase(clash)), [step])).toEqual({ status: 'passed', regressions: [] });
    // Land judges the result against the source commit alone: the clash is new there.
    expect(judgeChecks(withBase(clash), [step]).regressions).toEqual([{ kind: 'new-diagnostic', check: 'check', diagnostic: clash }]);
  });

  it("keeps new what setup's commit does not have in library files, a second one of the same, and setup's errors in project files", () => {
    const setupOwn = diag('vitest.config.mts', 'TS2322', 'setup wrote it');
    const step = run({ status: 'failed', diagnostics: [clash, clash, cjs, setupOwn] });
    const found = judgeChecks(stepReference(withBase(clash, setupOwn)), [step]).regressions.map((r) => (r.kind === 'new-diagnostic' ? `${r.diagnostic.file} ${r.diagnostic.code}` : r.kind));
    expect(found).toEqual(['node_modules/@vitest/expect/dist/index.d.ts TS2320', 'node_modules/vitest/index.d.cts TS1479', 'vitest.config.mts TS2322']);
  });

  it('leaves the baseline as it is without a base part, or where the base part found nothing more', () => {
    expect(stepReference(baseline(source))).toEqual(baseline(source));
    const same: Baseline = { ...baseline(source), base: { commit: 'c1', checks: [source] } };
    expect(stepReference(same)!.checks).toEqual([source]);
  });
});

describe('a second run for failed tests (flaky)', () => {
  const before = baseline(run({ tests: [test('t.test.ts', 'a'), test('t.test.ts', 'b'), test('t.test.ts', 'c')] }));
  const judged = (states: Record<string, TestOutcome['state']>, extra: Partial<Parameters<typeof run>[0]> = {}) =>
    judgeChecks(before, [run({ status: Object.values(states).every((s) => s === 'passed') ? 'passed' : 'failed', exitCode: 1, tests: Object.entries(states).map(([name, state]) => test('t.test.ts', name, state)), ...extra })]);

  it('is asked for only when every regression is a test that ran and failed', () => {
    expect(mayBeFlaky(judged({ a: 'failed', b: 'passed', c: 'passed' }))).toBe(true);
    expect(mayBeFlaky(judged({ a: 'passed', b: 'passed', c: 'passed' }))).toBe(false);
    expect(mayBeFlaky(judged({ a: 'failed', b: 'skipped', c: 'passed' }))).toBe(false);
    expect(mayBeFlaky(judged({ a: 'failed', b: 'passed', c: 'passed' }, { diagnostics: [diag('x.ts', 'TS2322', 'no')] }))).toBe(false);
  });

  it('charges a test that failed in both runs, lets through one that failed in one, and keeps what else the second run found', () => {
    const first = judged({ a: 'failed', b: 'failed', c: 'passed' });
    const both = settleFlaky(first, judged({ a: 'failed', b: 'passed', c: 'passed' }));
    expect(both.status).toBe('regressed');
    expect(describeRegressions(both.regressions)).toEqual(['test no longer passing (failed): t.test.ts › a']);
    expect(both.flaky).toEqual(['t.test.ts › b']);
    // Each failed once, in different runs: flaky both; nothing charged.
    const swapped = settleFlaky(judged({ a: 'failed', b: 'passed', c: 'passed' }), judged({ a: 'passed', b: 'failed', c: 'passed' }));
    expect(swapped).toMatchObject({ status: 'passed', regressions: [], flaky: ['t.test.ts › a', 't.test.ts › b'] });
    // A test gone in the second run is no flake.
    const gone = settleFlaky(judged({ a: 'failed', b: 'passed', c: 'passed' }), judged({ a: 'passed', b: 'passed', c: 'skipped' }));
    expect(gone.status).toBe('regressed');
    expect(describeRegressions(gone.regressions)).toEqual(['test no longer passing (skipped): t.test.ts › c']);
  });
});
