import { describe, expect, it } from 'vitest';
import type { CheckOutput } from '../../core/checks.js';
import { parseCheckOutput } from './index.js';

const output = (more: Partial<CheckOutput>): CheckOutput => ({ stdout: '', stderr: '', cwd: '/w', exitCode: 0, ...more });

describe('parseCheckOutput', () => {
  it('reads nothing for exit-code, and dispatches the others by name', () => {
    expect(parseCheckOutput('exit-code', output({ stdout: "a.ts(1,1): error TS1005: ';' expected." }))).toEqual({ ok: true, parsed: {} });
    expect(parseCheckOutput('tsc', output({ stdout: "a.ts(1,1): error TS1005: ';' expected.", exitCode: 2 }))).toEqual({
      ok: true,
      parsed: { diagnostics: [{ file: 'a.ts', code: 'TS1005', message: "';' expected.", line: 1 }] },
    });
    const report = JSON.stringify({ testResults: [{ name: '/w/a.test.ts', status: 'passed', assertionResults: [{ ancestorTitles: ['a'], title: 'b', status: 'passed' }] }] });
    const tests = { ok: true, parsed: { tests: [{ file: 'a.test.ts', name: 'a > b', state: 'passed' }] } };
    expect(parseCheckOutput('jest', output({ report }))).toEqual(tests);
    expect(parseCheckOutput('vitest', output({ stdout: report }))).toEqual(tests);
    expect(parseCheckOutput('node-test', output({ stdout: 'TAP version 13\nok 1 - a\n1..1\n' }))).toEqual({
      ok: true,
      parsed: { tests: [{ file: '', name: 'a', state: 'passed' }] },
    });
    expect(parseCheckOutput('mocha', output({ stdout: '{"stats":{},"tests":[{"fullTitle":"a b","file":"/w/t.js"}],"pending":[],"failures":[]}' }))).toEqual({
      ok: true,
      parsed: { tests: [{ file: 't.js', name: 'a b', state: 'passed' }] },
    });
  });

  it('does not read the partial output of a check that was stopped', () => {
    expect(parseCheckOutput('tsc', output({ stdout: "a.ts(1,1): error TS1005: ';' expected.", exitCode: null }))).toEqual({
      ok: false,
      reason: 'the check was stopped before it exited: its output is partial',
    });
  });
});
