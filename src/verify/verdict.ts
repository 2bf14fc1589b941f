// Pure: a verdict on check runs against the baseline taken on the source commit (for a step, with
// the library diagnostics of setup's commit: stepReference). A step (or a land) passes when
// nothing regressed: no new typecheck diagnostic anywhere, no test that passed on the source
// commit now failing, missing, skipped or todo, no fewer tests collected in a file, no check that
// passed there failing now. Without a baseline, every check must pass.

import type { Baseline, CheckRun, Diagnostic, TestOutcome, TestState } from '../core/checks.js';
import type { VerifyStatus } from '../core/verify.js';

export type Regression =
  | {
      readonly kind: 'check-failed';
      readonly check: string;
      readonly status: VerifyStatus;
      readonly exitCode: number | null;
      readonly baseline?: VerifyStatus;
      /** Why its results could not be compared, when it failed on the source commit too: then it must pass. */
      readonly unread?: string;
    }
  | { readonly kind: 'new-diagnostic'; readonly check: string; readonly diagnostic: Diagnostic }
  | { readonly kind: 'test-lost'; readonly check: string; readonly file: string; readonly name: string; readonly now: TestState | 'missing' }
  | { readonly kind: 'tests-dropped'; readonly check: string; readonly file: string; readonly before: number; readonly after: number }
  | { readonly kind: 'assertions-dropped'; readonly check: string; readonly file: string; readonly name: string; readonly before: number; readonly after: number };

export interface Verdict {
  readonly status: 'passed' | 'regressed';
  readonly regressions: readonly Regression[];
}

/**
 * `copies` (copy → origin, both repo-relative): files the judged commit holds as copies of a file of
 * the source commit (jest-to-vitest's `setupTests.vitest.ts` of `setupTests.ts`). A copy carries
 * its origin's known diagnostics: one the origin had on the source commit (same code, same message
 * but for the types it quotes) is not new in the copy. In its own file, a diagnostic that only
 * quotes other types than one the source commit had there (and no longer has) is not new either.
 */
export function judgeChecks(baseline: Baseline | undefined, runs: readonly CheckRun[], copies: ReadonlyMap<string, string> = new Map()): Verdict {
  const regressions = runs.flatMap((run) => judgeOne(baseline?.checks.find((check) => check.index === run.index && check.key === run.key), run, copies));
  return { status: regressions.length === 0 ? 'passed' : 'regressed', regressions };
}

/**
 * What a step is judged against: the baseline, with the diagnostics in library files that the run's
 * base commit has (setup's commit, checked with setup's install) added to its own. A step is built
 * on setup's commit and installs nothing: a diagnostic in node_modules that setup's commit already
 * shows comes from the packages setup installed side by side, not from the step, and would fail
 * every step alike (commander, `skipLibCheck: false`: @types/jest's global `jest.Matchers` against
 * @vitest/expect's, TS2320 in node_modules/@vitest/expect, gone at finish with @types/jest). Only
 * library files: setup's errors in project files fail the steps, where they show first. A library
 * diagnostic the base commit does not have (a step's import that brings one) stays new. Land
 * judges the whole result against the plain baseline, library files included.
 */
export function stepReference(baseline: Baseline | undefined): Baseline | undefined {
  if (baseline?.base === undefined) return baseline;
  const baseChecks = baseline.base.checks;
  const checks = baseline.checks.map((check): CheckRun => {
    const own = check.parsed?.diagnostics;
    const baseRun = baseChecks.find((other) => other.index === check.index && other.key === check.key);
    const base = baseRun?.parsed?.diagnostics;
    if (own === undefined || baseRun === undefined || base === undefined) return check;
    const left = countBy(own, diagnosticKey);
    const added = base.filter((diagnostic) => {
      if (!isLibraryFile(diagnostic.file)) return false;
      const count = left.get(diagnosticKey(diagnostic)) ?? 0;
      left.set(diagnosticKey(diagnostic), count - 1);
      return count <= 0;
    });
    // With them the check fails on the reference as on setup's commit: a step's run that fails on
    // them alone is not a check that passed and fails now.
    return added.length === 0 ? check : { ...check, result: baseRun.result, parsed: { ...check.parsed, diagnostics: [...own, ...added] } };
  });
  return { ...baseline, checks };
}

/** A file of installed packages, or one outside the checked directory: not the project's. */
const isLibraryFile = (file: string) => /(?:^|\/)node_modules\//.test(file) || file.startsWith('../') || file.startsWith('/');

function judgeOne(before: CheckRun | undefined, run: CheckRun, copies: ReadonlyMap<string, string>): Regression[] {
  const check = run.result.command;
  const failed = (unread?: string): Regression => ({
    kind: 'check-failed',
    check,
    status: run.result.status,
    exitCode: run.result.exitCode,
    ...(before && { baseline: before.result.status }),
    ...(unread !== undefined && { unread }),
  });
  const passedNow = run.result.status === 'passed';
  if (before === undefined) return passedNow ? [] : [failed()];
  if (run.result.status === 'timed-out' || run.result.status === 'error') return [failed()];
  const passedBefore = before.result.status === 'passed';
  if (before.parsed === undefined || run.parsed === undefined) {
    // Only the exit status to go by. A check that failed on the source commit too cannot tell a
    // regression from the old failure: it must pass, as without a baseline, and its line says why.
    if (passedNow) return [];
    return [failed(passedBefore ? undefined : (run.parseError ?? before.parseError ?? 'it has no parser'))];
  }
  const regressions = [...newDiagnostics(check, before.parsed.diagnostics, run.parsed.diagnostics, copies), ...lostTests(check, before.parsed.tests, run)];
  // Output the parser could not account for (an unhandled error, a crashed worker) still fails a check that passed.
  if (regressions.length === 0 && passedBefore && !passedNow) regressions.push(failed());
  return regressions;
}

function newDiagnostics(check: string, before: readonly Diagnostic[] | undefined, after: readonly Diagnostic[] | undefined, copies: ReadonlyMap<string, string>): Regression[] {
  if (after === undefined) return [];
  // A multiset: the same error twice where there was one is a new error; lines are not compared.
  const known = countBy(before ?? [], diagnosticKey);
  // Each copy draws on its own count of its origin's diagnostics (the origin keeps its own).
  const carried = new Map<string, Map<string, number>>();
  const found: Regression[] = [];
  for (const diagnostic of after) {
    const key = diagnosticKey(diagnostic);
    const left = known.get(key) ?? 0;
    if (left > 0) {
      known.set(key, left - 1);
      continue;
    }
    const origin = copies.get(diagnostic.file);
    if (origin !== undefined) {
      const counts = carried.get(diagnostic.file) ?? countBy((before ?? []).filter((d) => d.file === origin), carriedKey);
      carried.set(diagnostic.file, counts);
      const originKey = carriedKey({ ...diagnostic, file: origin });
      const fromOrigin = counts.get(originKey) ?? 0;
      if (fromOrigin > 0) {
        counts.set(originKey, fromOrigin - 1);
        continue;
      }
    }
    found.push({ kind: 'new-diagnostic', check, diagnostic });
  }
  return withoutReprints(found, before ?? [], known);
}

/**
 * A diagnostic of the source commit gone in its exact form, and one in the same file with the same
 * code and message but for the types it quotes: the same error, reprinted because the types it
 * names changed (auto-test's setupTests.ts, which finish replaced with its Vitest copy: the TS2740
 * it always had now quotes `Mock<[…], void>` where it quoted `jest.Mock<any, any, any>`). Only
 * source-commit diagnostics left unmatched count, one each: an error the migration adds beside an
 * old one of the same shape is still new.
 */
function withoutReprints(found: Regression[], before: readonly Diagnostic[], unmatchedCounts: Map<string, number>): Regression[] {
  const left = new Map(unmatchedCounts);
  const unmatched = before.filter((diagnostic) => {
    const count = left.get(diagnosticKey(diagnostic)) ?? 0;
    if (count > 0) left.set(diagnosticKey(diagnostic), count - 1);
    return count > 0;
  });
  const reprintable = countBy(unmatched, carriedKey);
  return found.filter((regression) => {
    if (regression.kind !== 'new-diagnostic') return true;
    const key = carriedKey(regression.diagnostic);
    const count = reprintable.get(key) ?? 0;
    if (count > 0) reprintable.set(key, count - 1);
    return count === 0;
  });
}

/**
 * judgeChecks, and where a new diagnostic sits in a file that may be a copy of one the baseline
 * knows the same diagnostic in, judged again with `copiesOf`'s answer for those files (git's copy
 * detection, asked only then and only about them).
 */
export async function judgeChecksWithCopies(
  baseline: Baseline | undefined,
  runs: readonly CheckRun[],
  copiesOf: (paths: readonly string[]) => Promise<ReadonlyMap<string, string>>,
): Promise<Verdict> {
  const first = judgeChecks(baseline, runs);
  const known = baseline?.checks.flatMap((check) => check.parsed?.diagnostics ?? []) ?? [];
  const sameElsewhere = (d: Diagnostic) => known.filter((k) => k.file !== '' && k.file !== d.file && carriedKey({ ...k, file: '' }) === carriedKey({ ...d, file: '' })).map((k) => k.file);
  const suspects = first.regressions.flatMap((r) => (r.kind === 'new-diagnostic' && r.diagnostic.file !== '' ? [[r.diagnostic.file, ...sameElsewhere(r.diagnostic)]] : [])).filter((paths) => paths.length > 1);
  if (suspects.length === 0) return first;
  const copies = await copiesOf([...new Set(suspects.flat())]);
  return copies.size === 0 ? first : judgeChecks(baseline, runs, copies);
}

function lostTests(check: string, before: readonly TestOutcome[] | undefined, run: CheckRun): Regression[] {
  const after = run.parsed?.tests;
  if (before === undefined || after === undefined) return [];
  // A run given {files} is expected to hold the baseline's tests of those files only.
  const scope = run.files === undefined ? undefined : new Set(run.files);
  const expected = scope === undefined ? before : before.filter((test) => scope.has(test.file));
  const found: Regression[] = [];
  const nowById = groupBy(after, testKey);
  const passedNow = countBy(after.filter((test) => test.state === 'passed'), testKey);
  const missingIn = new Map<string, number>();
  for (const test of expected) {
    if (test.state !== 'passed') continue;
    const key = testKey(test);
    const left = passedNow.get(key) ?? 0;
    if (left > 0) {
      passedNow.set(key, left - 1);
      continue;
    }
    const now = nowById.get(key)?.find((other) => other.state !== 'passed')?.state ?? 'missing';
    if (now === 'missing') missingIn.set(test.file, (missingIn.get(test.file) ?? 0) + 1);
    found.push({ kind: 'test-lost', check, file: test.file, name: test.name, now });
  }
  const beforeCount = countBy(expected, (test) => test.file);
  const afterCount = countBy(after, (test) => test.file);
  for (const [file, count] of beforeCount) {
    const now = afterCount.get(file) ?? 0;
    if (count - now > (missingIn.get(file) ?? 0)) found.push({ kind: 'tests-dropped', check, file, before: count, after: now });
  }
  const assertionsNow = new Map(after.filter((test) => test.assertions !== undefined).map((test) => [testKey(test), test.assertions!] as const));
  for (const test of expected) {
    const now = assertionsNow.get(testKey(test));
    if (test.assertions !== undefined && now !== undefined && now < test.assertions) {
      found.push({ kind: 'assertions-dropped', check, file: test.file, name: test.name, before: test.assertions, after: now });
    }
  }
  return found;
}

const diagnosticKey = (d: Diagnostic) => `${d.file}\0${d.code}\0${d.message}`;
// A copy's edits change how its types print (`jest.Mock<any, any, any>` became `Mock<[…], void>`
// in auto-test's setup copy, the same TS2740): a carried or reprinted diagnostic is matched with
// quoted types left out.
const carriedKey = (d: Diagnostic) => `${d.file}\0${d.code}\0${d.message.replace(/'[^'\n]*'/g, "'…'")}`;
// Quotes are left out of a test's id: Vitest quotes a string it substitutes into a title
// (`it.each(...)('$action')` → "when 'append' …") where Jest does not, so a Jest baseline and a
// Vitest run name the same test apart.
const testKey = (t: Pick<TestOutcome, 'file' | 'name'>) => `${t.file}\0${t.name.replace(/['"`]/g, '')}`;

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * Worth a second run of the same checks on the same tree: every regression is a test that ran and
 * failed. Such a failure may be the test's, not the change's: tests that time requests in
 * milliseconds fail now and then on a busy machine whatever runs them (octokit/plugin-retry.js failed
 * a different one in each of several Jest runs of an untouched commit).
 */
export function mayBeFlaky(verdict: Verdict): boolean {
  return verdict.status === 'regressed' && verdict.regressions.every((r) => r.kind === 'test-lost' && r.now === 'failed');
}

/**
 * The verdict after the second run (mayBeFlaky): a test that failed in one run and passed in the
 * other, on the same tree, is flaky there and not charged; one that failed in both is. Whatever
 * else the second run found (a check that crashed, a diagnostic, a test gone) is charged as found.
 * `flaky` names the tests let through, for the record a person reads.
 */
export function settleFlaky(first: Verdict, second: Verdict): Verdict & { readonly flaky: readonly string[] } {
  const key = (r: Regression) => (r.kind === 'test-lost' ? `${r.check}\0${r.file}\0${r.name}` : undefined);
  const failedTest = (r: Regression) => r.kind === 'test-lost' && r.now === 'failed';
  const inSecond = new Set(second.regressions.map(key));
  const inFirst = new Set(first.regressions.map(key));
  const kept = [...first.regressions.filter((r) => inSecond.has(key(r))), ...second.regressions.filter((r) => !failedTest(r))];
  const flaky = [...first.regressions.filter((r) => !inSecond.has(key(r))), ...second.regressions.filter((r) => failedTest(r) && !inFirst.has(key(r)))]
    .flatMap((r) => (r.kind === 'test-lost' ? [testLabel(r.file, r.name)] : []));
  return { status: kept.length === 0 ? 'passed' : 'regressed', regressions: kept, flaky };
}

/** The line a record carries for tests let through as flaky: the first few by name, then a count. */
export function describeFlaky(flaky: readonly string[], limit = 5): string {
  const more = flaky.length > limit ? ` and ${flaky.length - limit} more` : '';
  return `flaky on this tree, failed in one of two runs and passed in the other (not charged): ${flaky.slice(0, limit).join('; ')}${more}`;
}

/** A test as people read it; node:test's TAP names no file for most tests (''). */
const testLabel = (file: string, name: string) => (file === '' ? name : `${file} › ${name}`);

/** One line per regression, most telling first; at most `limit`, then a count of the rest. */
export function describeRegressions(regressions: readonly Regression[], limit = 30): string[] {
  const lines = regressions.slice(0, limit).map(describeRegression);
  if (regressions.length > limit) lines.push(`… and ${regressions.length - limit} more`);
  return lines;
}

export function describeRegression(regression: Regression): string {
  switch (regression.kind) {
    case 'check-failed': {
      const how = regression.status === 'failed' ? (regression.exitCode === null ? 'killed' : `exit ${regression.exitCode}`) : regression.status;
      const was = regression.baseline === undefined ? '' : regression.baseline === 'passed' ? '; it passed on the source commit' : `; on the source commit: ${regression.baseline}`;
      const unread = regression.unread === undefined ? '' : `, and its results could not be read (${regression.unread}), so it must pass`;
      return `check failed (${how}${was}${unread}): ${regression.check}`;
    }
    case 'new-diagnostic': {
      const { file, line, code, message } = regression.diagnostic;
      const where = file === '' ? '' : `${file}${line === undefined ? '' : `(${line})`}: `;
      return `new diagnostic: ${where}${code} ${message.split('\n')[0]}`;
    }
    case 'test-lost':
      return `test no longer passing (${regression.now}): ${testLabel(regression.file, regression.name)}`;
    case 'tests-dropped':
      return `fewer tests collected in ${regression.file}: ${regression.before} → ${regression.after}`;
    case 'assertions-dropped':
      return `fewer assertions in ${regression.file} › ${regression.name}: ${regression.before} → ${regression.after}`;
  }
}

/** One line for a failed step or land: counts by kind. */
export function summarizeVerdict(verdict: Verdict): string {
  const count = (kind: Regression['kind']) => verdict.regressions.filter((r) => r.kind === kind).length;
  const parts = [
    [count('new-diagnostic'), 'new diagnostic(s)'],
    [count('test-lost'), 'test(s) no longer passing'],
    [count('tests-dropped'), 'file(s) with fewer tests'],
    [count('assertions-dropped'), 'test(s) with fewer assertions'],
    [count('check-failed'), 'check(s) failed'],
  ] as const;
  const text = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`).join(', ');
  return `regressed against the baseline: ${text}`;
}
