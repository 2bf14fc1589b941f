// Pure: reads node:test's TAP (`--test-reporter=tap`; the `{report}` file written through
// `--test-reporter-destination`, else stdout) into test outcomes.

import type { CheckOutput, ParseResult, TestOutcome, TestState } from '../../core/checks.js';
import { FILE_FAILED_TO_LOAD } from './jest.js';
import { relativePath } from './paths.js';

/** `    not ok 2 - fails on purpose # SKIP reason`: indentation, status, escaped name and directive. */
const RESULT = /^((?: {4})*)(ok|not ok) \d+(?: - (.*))?$/;
const DIRECTIVE = /(?<!\\) # (SKIP|TODO)\b.*$/i;

/** One result line of the TAP stream; `names` grows as its enclosing results are read. */
interface Result {
  readonly names: string[];
  readonly state: TestState;
  suite: boolean;
  file: string;
  readonly absolutePath: boolean;
  readonly hasChildren: boolean;
}

/** Node escapes '#' and '\' in names (and writes a newline as '\\n', which stays so). */
function unescapeName(name: string): string {
  return name.replace(/\\([\\#])/g, '$1');
}

function stateOf(status: string, directive: string | undefined): TestState {
  if (directive?.toUpperCase() === 'SKIP') return 'skipped';
  if (directive?.toUpperCase() === 'TODO') return 'todo';
  return status === 'ok' ? 'passed' : 'failed';
}

/**
 * Results in the order they finished, each with its full name. A result's subtests are printed
 * before it, one level deeper, so they wait in `pending[depth + 1]` until it closes them.
 */
function readResults(tap: string, output: CheckOutput): Result[] {
  const pending: Result[][] = [[]];
  let yamlEnd: string | undefined;
  let last: Result | undefined;
  for (const raw of tap.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (yamlEnd !== undefined) {
      if (line === yamlEnd) yamlEnd = undefined;
      else if (last !== undefined && line.trim() === "type: 'suite'") last.suite = true;
      continue;
    }
    const match = RESULT.exec(line);
    if (match === null) {
      if (last !== undefined && line.trim() === '---') yamlEnd = line.replace('---', '...');
      continue;
    }
    const [, indent = '', status = '', rest = ''] = match;
    const depth = indent.length / 4;
    const directive = DIRECTIVE.exec(rest);
    const name = unescapeName(directive === null ? rest : rest.slice(0, directive.index));
    const children = pending[depth + 1] ?? [];
    const absolutePath = depth === 0 && (name.startsWith('/') || name.startsWith('file://'));
    const file = absolutePath ? relativePath(name, output) : '';
    last = { names: [name], state: stateOf(status, directive?.[1]), suite: false, file, absolutePath, hasChildren: children.length > 0 };
    for (const child of children) {
      // A file's own test (Node before 20.?): it gives its subtests their file, not a name.
      if (absolutePath) child.file = file;
      else child.names.unshift(name);
    }
    pending[depth + 1] = [];
    (pending[depth] ??= []).push(...children, last);
  }
  return pending[0] ?? [];
}

/**
 * Test outcomes from node:test TAP, names joined with ' > '. Suites (`describe`) are not tests;
 * a `test()` with subtests is. Node 20.20 prints a test for a file only when the file's process
 * failed outside any test (it did not load, or threw after its tests) or the file had no test:
 * its name is the file's absolute path, and a failed one becomes FILE_FAILED_TO_LOAD. The TAP
 * says nothing else of files: every other test has the file '', never a guess from a failure's
 * `location`, which would change a test's id when it starts failing.
 */
export function parseNodeTest(output: CheckOutput): ParseResult {
  const fromReport = output.report !== undefined && output.report.trim() !== '';
  const tap = fromReport ? (output.report ?? '') : output.stdout;
  const results = readResults(tap, output);
  if (results.length === 0 && (output.exitCode !== 0 || !/^TAP version \d+/m.test(tap))) {
    return { ok: false, reason: `no node:test TAP result in ${fromReport ? 'the report file' : 'stdout'}` };
  }
  const tests: TestOutcome[] = [];
  for (const result of results) {
    if (result.suite) continue;
    if (result.absolutePath) {
      if (!result.hasChildren && result.state === 'failed') tests.push({ file: result.file, name: FILE_FAILED_TO_LOAD, state: 'failed' });
      continue;
    }
    tests.push({ file: result.file, name: result.names.join(' > '), state: result.state });
  }
  return { ok: true, parsed: { tests } };
}
