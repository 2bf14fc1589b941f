import { describe, expect, it } from 'vitest';
import { FIXTURE_CWD, readFixture } from './__testfixtures__/read-fixture.js';
import type { CheckOutput } from '../../core/checks.js';
import { parseMocha } from './mocha.js';

const CWD = FIXTURE_CWD;
const fixture = readFixture;
const output = (more: Partial<CheckOutput>): CheckOutput => ({ stdout: '', stderr: '', cwd: CWD, exitCode: 2, ...more });

const file = 'mocha-tests/math.spec.js';
const expected = {
  ok: true,
  parsed: {
    tests: [
      { file, name: 'top level', state: 'passed' },
      { file, name: 'math skipped one', state: 'skipped' },
      { file, name: 'math pending without a body', state: 'skipped' },
      { file, name: 'math skips at runtime', state: 'skipped' },
      { file, name: 'math add adds', state: 'passed' },
      { file, name: 'math add fails on purpose', state: 'failed' },
      { file: 'mocha-tests/other.spec.js', name: 'other "before all" hook for "never runs because of the hook"', state: 'failed' },
    ],
  },
};

describe('parseMocha', () => {
  it('reads mocha 11 --reporter json: pending tests are skipped, a failed hook is a failed outcome', () => {
    expect(parseMocha(output({ report: fixture('mocha-11.json') }))).toEqual(expected);
  });

  it('finds the report on stdout after what the tests printed', () => {
    const stdout = `a test logged {\nand {"stats": 1}\n${fixture('mocha-11.json')}`;
    expect(parseMocha(output({ stdout }))).toEqual(expected);
  });

  it('cannot read a run that a file stopped before the report', () => {
    const stderr = '\n Exception during run: /work/checkout/mocha-tests/zbroken.spec.js:2\n\nSyntaxError: Unexpected end of input\n';
    expect(parseMocha(output({ stderr, exitCode: 1 }))).toEqual({
      ok: false,
      reason: 'no mocha JSON report in stdout; stderr: Exception during run: /work/checkout/mocha-tests/zbroken.spec.js:2',
    });
  });
});
