// Pure: reads Jest's `--json` report (the `{report}` file, else the JSON on stdout) into test
// outcomes. Vitest's `--reporter=json` is the same shape and is read here too (see vitest.ts).

import type { CheckOutput, ParseResult, TestOutcome, TestState } from '../../core/checks.js';
import { findJsonObject } from './json-in-text.js';
import { relativePath } from './paths.js';

/** The name given to a test file that failed before any of its tests ran. */
export const FILE_FAILED_TO_LOAD = '(file failed to load)';

/** Jest: pending, disabled; Vitest: skipped, pending. Anything else unknown is read as not run. */
function stateOf(status: unknown): TestState {
  if (status === 'passed' || status === 'failed' || status === 'todo') return status;
  return 'skipped';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function titlesOf(assertion: Record<string, unknown>): string[] {
  const ancestors = Array.isArray(assertion['ancestorTitles']) ? assertion['ancestorTitles'] : [];
  // Vitest 0.34 starts ancestorTitles with its file suite's empty name (["", "todoSlice"]): left
  // in, no test of a Jest baseline matched its Vitest run (vite-react-jest in the corpus).
  const titles = ancestors[0] === '' ? ancestors.slice(1) : ancestors;
  return [...titles, assertion['title']].map(String);
}

/** The outcomes of one test file of the report. */
function outcomesOfFile(fileResult: Record<string, unknown>, output: CheckOutput): TestOutcome[] {
  const file = relativePath(String(fileResult['name'] ?? ''), output);
  const assertions = Array.isArray(fileResult['assertionResults']) ? fileResult['assertionResults'].filter(isRecord) : [];
  // A file that failed with no test in it did not load (syntax error, a throw at the top level,
  // `describe is not defined`): one failed outcome keeps that visible to a verdict. Vitest 0.34
  // marks such a file "passed" (its status counts tests only) and gives the error as `message`
  // alone: read as no tests, a file that failed to load under Jest too read as "fewer tests
  // collected" (auto-test in the corpus, a dependency throwing at import under either runner).
  if (assertions.length === 0) {
    const message = fileResult['message'];
    const failed = fileResult['status'] === 'failed' || (typeof message === 'string' && message.trim() !== '');
    return failed ? [{ file, name: FILE_FAILED_TO_LOAD, state: 'failed' }] : [];
  }
  return assertions.map((assertion) => ({ file, name: titlesOf(assertion).join(' > '), state: stateOf(assertion['status']) }));
}

/**
 * Test outcomes from a Jest-shaped JSON report: the `report` text when the command wrote one,
 * else the largest JSON object with `testResults` on stdout. `runner` names it in reasons.
 */
export function parseJestShapedReport(output: CheckOutput, runner: 'Jest' | 'Vitest'): ParseResult {
  const fromReport = output.report !== undefined && output.report.trim() !== '';
  const report = findJsonObject(fromReport ? (output.report ?? '') : output.stdout, 'testResults');
  const where = fromReport ? 'the report file' : 'stdout';
  if (report === undefined) return { ok: false, reason: `no ${runner} JSON report with "testResults" in ${where}` };
  const files = report['testResults'];
  if (!Array.isArray(files)) return { ok: false, reason: `the ${runner} JSON report in ${where} has no "testResults" list` };
  // A report that lists no test file is read as no tests, not as unreadable: Vitest's
  // `--passWithNoTests` exits 0 when a step's files went missing or stopped matching, and an
  // unreadable report would leave the verdict to that exit code (react-spinners in the corpus
  // landed "passed" with no test run). Against a baseline, its tests now read as missing.
  return { ok: true, parsed: { tests: files.filter(isRecord).flatMap((fileResult) => outcomesOfFile(fileResult, output)) } };
}

/** Jest's `--json` report. */
export function parseJest(output: CheckOutput): ParseResult {
  return parseJestShapedReport(output, 'Jest');
}
