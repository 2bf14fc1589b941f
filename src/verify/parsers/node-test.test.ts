import { describe, expect, it } from 'vitest';
import { FIXTURE_CWD, readFixture } from './__testfixtures__/read-fixture.js';
import type { CheckOutput } from '../../core/checks.js';
import { parseNodeTest } from './node-test.js';

const CWD = FIXTURE_CWD;
const fixture = readFixture;
const output = (more: Partial<CheckOutput>): CheckOutput => ({ stdout: '', stderr: '', cwd: CWD, exitCode: 1, ...more });

// Node 20.20 prints no test for a file that yields tests, so those have no file.
const expected = {
  ok: true,
  parsed: {
    tests: [
      { file: 'node-tests/broken.test.mjs', name: '(file failed to load)', state: 'failed' },
      { file: '', name: 'math > add > adds', state: 'passed' },
      { file: '', name: 'math > add > fails on purpose', state: 'failed' },
      { file: '', name: 'math > skipped one', state: 'skipped' },
      { file: '', name: 'math > todo one', state: 'todo' },
      { file: '', name: 'math > skips at runtime', state: 'skipped' },
      { file: '', name: 'top level > sub # with hash', state: 'passed' },
      { file: '', name: 'top level', state: 'passed' },
      // The test is named 'back\slash and<newline>newline'; Node's TAP writes the newline as '\\n'.
      { file: '', name: 'passing suite > back\\slash and\\nnewline', state: 'passed' },
      { file: 'node-tests/throws.test.mjs', name: '(file failed to load)', state: 'failed' },
    ],
  },
};

describe('parseNodeTest', () => {
  it('reads Node 20 TAP from the report file: suites are no tests, a file that did not load is one failed outcome', () => {
    expect(parseNodeTest(output({ report: fixture('node20-tap.txt'), stdout: 'ignored' }))).toEqual(expected);
  });

  it('reads the same TAP from stdout', () => {
    expect(parseNodeTest(output({ stdout: fixture('node20-tap.txt') }))).toEqual(expected);
  });

  it('takes a file from a top-level test named by its path, when Node wraps the file (TAP written by hand in that shape)', () => {
    const tap = [
      'TAP version 13',
      `# Subtest: ${CWD}/test/a.test.mjs`,
      '    # Subtest: group',
      '        # Subtest: works',
      '        ok 1 - works',
      '          ---',
      '          duration_ms: 1',
      '          ...',
      '        1..1',
      '    ok 1 - group',
      '      ---',
      "      type: 'suite'",
      '      ...',
      '    1..1',
      `ok 1 - ${CWD}/test/a.test.mjs`,
      '1..1',
    ].join('\n');
    expect(parseNodeTest(output({ stdout: tap, exitCode: 0 }))).toEqual({
      ok: true,
      parsed: { tests: [{ file: 'test/a.test.mjs', name: 'group > works', state: 'passed' }] },
    });
  });

  it('does not read result-like lines inside a YAML block', () => {
    const tap = ['TAP version 13', 'not ok 1 - real', '  ---', '  error: |-', '    ok 2 - fake', '  ...', '1..1'].join('\n');
    expect(parseNodeTest(output({ stdout: tap }))).toEqual({ ok: true, parsed: { tests: [{ file: '', name: 'real', state: 'failed' }] } });
  });

  it('cannot read output with no TAP after a failure', () => {
    expect(parseNodeTest(output({ stdout: 'node: bad option: --test-reporter=tapp\n', exitCode: 9 }))).toEqual({
      ok: false,
      reason: 'no node:test TAP result in stdout',
    });
    expect(parseNodeTest(output({ stdout: 'TAP version 13\n1..0\n', exitCode: 0 }))).toEqual({ ok: true, parsed: { tests: [] } });
  });
});
