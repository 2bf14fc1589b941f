// Pure: reads mocha's `--reporter json` report (the `{report}` file written through
// `--reporter-option output=…`, else the JSON on stdout) into test outcomes.

import type { CheckOutput, ParseResult, TestOutcome } from '../../core/checks.js';
import { findJsonObject } from './json-in-text.js';
import { relativePath } from './paths.js';

interface MochaTest {
  readonly fullTitle: string;
  readonly file: string;
}

function testsOf(report: Record<string, unknown>, key: string): MochaTest[] {
  const list = report[key];
  if (!Array.isArray(list)) return [];
  return list
    .filter((test): test is Record<string, unknown> => typeof test === 'object' && test !== null)
    .map((test) => ({ fullTitle: String(test['fullTitle'] ?? test['title'] ?? ''), file: String(test['file'] ?? '') }));
}

const keyOf = (test: MochaTest): string => `${test.file}\0${test.fullTitle}`;

/**
 * Test outcomes from mocha's JSON report, named by full title (mocha joins titles with a space).
 * `tests` lists every test that ran or was skipped; `pending` ones are skipped, `failures` ones
 * failed. A failed hook is a failure that is no test (`"before all" hook for "x"`): it is kept as
 * a failed outcome, since the tests it stopped are not listed anywhere. A file that fails to load
 * stops mocha before it prints any report.
 */
export function parseMocha(output: CheckOutput): ParseResult {
  const fromReport = output.report !== undefined && output.report.trim() !== '';
  const report = findJsonObject(fromReport ? (output.report ?? '') : output.stdout, 'stats');
  const where = fromReport ? 'the report file' : 'stdout';
  if (report === undefined || !Array.isArray(report['tests'])) {
    const stderr = output.stderr.trim().split('\n')[0] ?? '';
    return { ok: false, reason: `no mocha JSON report in ${where}${stderr === '' ? '' : `; stderr: ${stderr.slice(0, 200)}`}` };
  }
  const failed = new Set(testsOf(report, 'failures').map(keyOf));
  const pending = new Set(testsOf(report, 'pending').map(keyOf));
  const listed = new Set<string>();
  const tests: TestOutcome[] = [];
  const add = (test: MochaTest, key: string): void => {
    const state = failed.has(key) ? 'failed' : pending.has(key) ? 'skipped' : 'passed';
    tests.push({ file: relativePath(test.file, output), name: test.fullTitle, state });
  };
  for (const test of testsOf(report, 'tests')) {
    listed.add(keyOf(test));
    add(test, keyOf(test));
  }
  for (const failure of testsOf(report, 'failures')) if (!listed.has(keyOf(failure))) add(failure, keyOf(failure));
  return { ok: true, parsed: { tests } };
}
