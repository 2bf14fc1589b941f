import { describe, expect, it } from 'vitest';
import { FIXTURE_CWD, readFixture } from './__testfixtures__/read-fixture.js';
import type { CheckOutput, TestOutcome } from '../../core/checks.js';
import { parseJest } from './jest.js';
import { parseVitest } from './vitest.js';

const CWD = FIXTURE_CWD;
const fixture = readFixture;
const output = (more: Partial<CheckOutput>): CheckOutput => ({ stdout: '', stderr: '', cwd: CWD, exitCode: 1, ...more });

/** suite/math.test.js as both runners name it, but for the `$b` of `it.each` over objects. */
function mathTests(interpolatedB: string): TestOutcome[] {
  const file = 'suite/math.test.js';
  return [
    { file, name: 'math > add > adds', state: 'passed' },
    { file, name: 'math > add > fails on purpose', state: 'failed' },
    { file, name: 'math > skipped one', state: 'skipped' },
    { file, name: 'math > todo one', state: 'todo' },
    { file, name: 'math > doubles 1', state: 'passed' },
    { file, name: 'math > doubles 2', state: 'passed' },
    { file, name: 'top level', state: 'passed' },
    { file, name: `each x > obj 1 is ${interpolatedB}`, state: 'passed' },
    { file, name: 'each x > %s plain', state: 'passed' },
    { file, name: `each y > obj 1 is ${interpolatedB}`, state: 'passed' },
    { file, name: 'each y > %s plain', state: 'passed' },
  ];
}
const logs: TestOutcome = { file: 'suite/logs.test.js', name: 'logs > prints', state: 'passed' };
const broken: TestOutcome = { file: 'suite/broken.test.js', name: '(file failed to load)', state: 'failed' };
const throws: TestOutcome = { file: 'suite/throws.test.js', name: '(file failed to load)', state: 'failed' };

const testsOf = (result: ReturnType<typeof parseJest>) => (result.ok ? result.parsed.tests : result.reason);
const sorted = (tests: readonly TestOutcome[]) => [...tests].sort((a, b) => `${a.file} ${a.name}`.localeCompare(`${b.file} ${b.name}`));

describe('parseJest and parseVitest', () => {
  it.each(['jest-29-mixed.json', 'jest-30-mixed.json'])('reads %s, a file that did not load as one failed outcome', (name) => {
    expect(testsOf(parseJest(output({ report: fixture(name) })))).toEqual([...mathTests('one'), logs, broken, throws]);
  });

  it('reads Vitest 4 --outputFile, and the same report amid the default reporter on stdout', () => {
    expect(testsOf(parseVitest(output({ report: fixture('vitest-4-mixed.json') })))).toEqual([broken, logs, ...mathTests("'one'"), throws]);
    const mixed = fixture('vitest-4-default-and-json.stdout.txt');
    expect(mixed).toContain('loading {"testResults": [] } noise');
    expect(sorted(testsOf(parseVitest(output({ stdout: mixed }))) as TestOutcome[])).toEqual(sorted([broken, logs, ...mathTests("'one'"), throws]));
  });

  it('gives the same tests from Jest and Vitest over the same files, but for Vitest quoting strings in $b', () => {
    const jest = testsOf(parseJest(output({ report: fixture('jest-29-mixed.json') }))) as TestOutcome[];
    const vitest = testsOf(parseVitest(output({ report: fixture('vitest-4-mixed.json') }))) as TestOutcome[];
    const isObjEach = (test: TestOutcome) => test.name.includes('obj 1 is');
    expect(sorted(vitest.filter((test) => !isObjEach(test)))).toEqual(sorted(jest.filter((test) => !isObjEach(test))));
    expect(jest.filter(isObjEach).map((test) => test.name)).toEqual(['each x > obj 1 is one', 'each y > obj 1 is one']);
    expect(vitest.filter(isObjEach).map((test) => test.name)).toEqual(["each x > obj 1 is 'one'", "each y > obj 1 is 'one'"]);
  });

  it('reads a file that did not load under Vitest 0.34, which marks it "passed" with no tests and the error as message', () => {
    const tests = testsOf(parseVitest(output({ report: fixture('vitest-0.34-mixed.json') }))) as TestOutcome[];
    expect(tests.filter((test) => test.name === '(file failed to load)')).toEqual([broken, throws]);
    expect(tests.filter((test) => test.file === logs.file)).toEqual([logs]);
    expect(tests).toHaveLength(14);
  });

  it("names a Vitest 0.34 test as Jest does, without its file suite's empty title", () => {
    const report = JSON.stringify({ testResults: [{ name: '/w/a.test.ts', status: 'passed', assertionResults: [{ ancestorTitles: ['', 'todoSlice'], title: 'should handle initial state', status: 'passed' }] }] });
    expect(testsOf(parseJest(output({ report, cwd: '/w' })))).toEqual([{ file: 'a.test.ts', name: 'todoSlice > should handle initial state', state: 'passed' }]);
  });

  it('relativizes the real path the runners print when the directory was reached through a symlink', () => {
    const report = fixture('jest-29-mixed.json', '/private/tmp/x');
    const tests = testsOf(parseJest(output({ report, cwd: '/tmp/x', cwdReal: '/private/tmp/x' }))) as TestOutcome[];
    expect(new Set(tests.map((test) => test.file))).toEqual(new Set(['suite/math.test.js', 'suite/logs.test.js', 'suite/broken.test.js', 'suite/throws.test.js']));
    const outside = testsOf(parseJest(output({ report, cwd: '/tmp/x' }))) as TestOutcome[];
    expect(outside[0]?.file).toBe('/private/tmp/x/suite/math.test.js');
  });

  it('takes the largest object with testResults when log lines look like one', () => {
    const report = fixture('jest-29-mixed.json').replaceAll('\n', '');
    const stdout = `{"testResults": []}\nnoise {"x":\n${report}\n{"testResults": [{"name": "/elsewhere"}]}\n`;
    expect(testsOf(parseJest(output({ stdout })))).toEqual([...mathTests('one'), logs, broken, throws]);
  });

  it('reads a report that lists no test file as no tests, so a baseline sees its tests missing', () => {
    expect(parseVitest(output({ report: '{"numTotalTests":0,"testResults":[]}' }))).toEqual({ ok: true, parsed: { tests: [] } });
  });

  it('cannot read output with no report, or a report whose testResults is not a list', () => {
    expect(parseJest(output({ stdout: 'No tests found, exiting with code 1\n' }))).toEqual({
      ok: false,
      reason: 'no Jest JSON report with "testResults" in stdout',
    });
    expect(parseVitest(output({ report: '{"testResults":{}}' }))).toEqual({
      ok: false,
      reason: 'the Vitest JSON report in the report file has no "testResults" list',
    });
    expect(parseVitest(output({ report: '{"numTotal', stdout: fixture('vitest-4-mixed.json') }))).toEqual({
      ok: false,
      reason: 'no Vitest JSON report with "testResults" in the report file',
    });
  });
});
