import { describe, expect, it } from 'vitest';
import { finishScript, forVitest034, rewriteScript } from './package-json.js';
import { jestTargetOf, parseScriptCall } from './script-calls.js';
import { shellWords, unquote } from './shell-words.js';

describe('parseScriptCall', () => {
  it('reads npm, yarn and pnpm calls of a script and what they hand on', () => {
    expect(parseScriptCall(['npm', 'run', '-s', 'test', '--', '--ci'])).toEqual({ head: ['npm', 'run', '-s', 'test'], name: 'test', separator: '--', forwarded: ['--ci'] });
    expect(parseScriptCall(['npm', 't', '--ci'])).toEqual({ head: ['npm', 't', '--ci'], name: 'test', separator: '', forwarded: [] });
    expect(parseScriptCall(['yarn', 'test', '--ci'])).toEqual({ head: ['yarn', 'test'], name: 'test', separator: '', forwarded: ['--ci'] });
    expect(parseScriptCall(['pnpm', 'run', 'test', '--', 'a'])).toEqual({ head: ['pnpm', 'run', 'test'], name: 'test', separator: '--', forwarded: ['a'] });
    expect(parseScriptCall(['pnpm', '--filter', 'web', 'test'])).toBeUndefined();
    expect(parseScriptCall(['npx', 'jest'])).toBeUndefined();
  });
});

describe('jestTargetOf', () => {
  it('follows script calls to the Jest command a script ends with', () => {
    const scripts = { test: 'cross-env TZ=UTC jest --ci', 'test:ci': 'npm run test -- --silent', both: 'tsc && jest', piped: 'jest | tee log', loop: 'npm run loop -- a', bare: 'npm run test' };
    expect(jestTargetOf(scripts, 'test')).toEqual({ args: ['--ci'], alone: true });
    expect(jestTargetOf(scripts, 'test:ci')).toEqual({ args: ['--ci', '--silent'], alone: false });
    expect(jestTargetOf(scripts, 'both')).toEqual({ args: [], alone: false });
    expect(jestTargetOf(scripts, 'piped')).toBeUndefined();
    expect(jestTargetOf(scripts, 'loop')).toBeUndefined();
    // npm would read flags appended to `npm run test` as its own options.
    expect(jestTargetOf(scripts, 'bare')).toBeUndefined();
  });
});

describe('rewriteScript: flags handed on to a script that runs Jest', () => {
  const scripts = {
    test: 'jest --ci',
    'test:watch': 'jest --watch',
    pretest2: 'echo hi',
    test2: 'jest',
    'test:ci': 'npm run test -- --silent',
    build: 'tsc',
  };

  it('translates them where the call is', () => {
    const problems: string[] = [];
    expect(rewriteScript('npm run test -- --coverageReporters=lcov --coverageReporters=text', problems, false, scripts)).toBe('npm run test -- --coverage.reporter=lcov --coverage.reporter=text');
    expect(rewriteScript('tsc && yarn test --json --outputFile=r.json', problems, false, scripts)).toBe('tsc && yarn test --reporter=json --outputFile=r.json');
    expect(rewriteScript('npm run test:ci -- --coverageDirectory=<rootDir>/cov', problems, false, scripts)).toBe('npm run test:ci -- --coverage.reportsDirectory=cov');
    expect(rewriteScript('npm run build -- --coverageReporters=lcov', problems, false, scripts)).toBe('npm run build -- --coverageReporters=lcov');
    expect(rewriteScript('npm test -- --watchAll=false', problems, false, scripts)).toBe('npm test');
    expect(problems).toEqual([]);
    expect(rewriteScript('pnpm test --testPathIgnorePatterns e2e', problems, false, scripts)).toBe('pnpm test');
    expect(problems).toEqual(["jest --testPathIgnorePatterns e2e dropped: it takes regexps, Vitest's --exclude globs; add those by hand"]);
  });

  it('runs the script command itself when the flags ask for another Vitest command', () => {
    const problems: string[] = [];
    expect(rewriteScript('npm test -- --findRelatedTests src/a.ts', problems, false, scripts)).toBe('vitest related --run src/a.ts');
    expect(rewriteScript('npm test -- --findRelatedTests src/a.ts', problems, true, scripts)).toBe('jest --ci --findRelatedTests src/a.ts && vitest related --run src/a.ts');
    expect(problems).toEqual([]);
    // A pre-script would no longer run; a script of several commands cannot be inlined.
    expect(rewriteScript('npm run test2 -- --listTests', problems, false, scripts)).toBe('npm run test2 -- --listTests');
    expect(rewriteScript('npm run test:ci -- --watch', problems, false, scripts)).toBe('npm run test:ci -- --watch');
    expect(problems).toEqual([
      "npm run test2 -- --listTests: with these flags Vitest is another command than scripts.test2 runs; write `vitest list --filesOnly` here instead",
      "npm run test:ci -- --watch: with these flags Vitest is another command than scripts.test:ci runs; write `vitest --silent` here instead",
    ]);
  });

  it('leaves the flags of a watch script to Jest while the migration is under way', () => {
    const problems: string[] = [];
    expect(rewriteScript('npm run test:watch -- --coverageReporters=lcov', problems, true, scripts)).toBe('npm run test:watch -- --coverageReporters=lcov');
    expect(rewriteScript('npm run test:watch -- --coverageReporters=lcov', problems, false, scripts)).toBe('npm run test:watch -- --coverage.reporter=lcov');
    expect(problems).toEqual([]);
  });
});

describe('shell words in scripts', () => {
  it('reads quoted words whole and gives the value the command receives', () => {
    const words = shellWords(String.raw`jest --coverageThreshold="{ \"global\": { \"lines\": 100} }" 'a b' c\ d "e"f`);
    expect(words).toEqual(['jest', String.raw`--coverageThreshold="{ \"global\": { \"lines\": 100} }"`, "'a b'", String.raw`c\ d`, '"e"f']);
    expect(words.map(unquote)).toEqual(['jest', '--coverageThreshold={ "global": { "lines": 100} }', 'a b', 'c d', 'ef']);
    // An unbalanced quote stands for itself: the words split at spaces as before.
    expect(shellWords('jest -t "a b')).toEqual(['jest', '-t', '"a', 'b']);
  });

  it("translates dayjs's --coverageThreshold with its quoted JSON into Vitest's thresholds", () => {
    const problems: string[] = [];
    // package.json's "test" of iamkun/dayjs @ 0f6c19e3b6, its tail.
    const script = String.raw`cross-env TZ=Pacific/Auckland npm run test-tz && jest --coverage --coverageThreshold="{ \"global\": { \"lines\": 100} }"`;
    expect(rewriteScript(script, problems)).toBe('cross-env TZ=Pacific/Auckland npm run test-tz && vitest run --coverage --coverage.thresholds.lines=100');
    expect(rewriteScript(script, problems, true)).toBe(`${script} && vitest run --coverage --coverage.thresholds.lines=100`);
    expect(finishScript(`${script} && vitest run --coverage --coverage.thresholds.lines=100`, problems)).toBe('cross-env TZ=Pacific/Auckland npm run test-tz && vitest run --coverage --coverage.thresholds.lines=100');
    expect(rewriteScript(`jest --coverageThreshold '{"global":{"branches":80,"functions":-10},"./src/a.js":{"lines":90}}' -t 'a b'`, problems)).toBe(
      "vitest run --coverage.thresholds.branches=80 --coverage.thresholds.functions=-10 --testNamePattern='a b'",
    );
    expect(forVitest034('vitest run --coverage.thresholds.lines=100 --coverage.thresholds.branches=80', problems)).toBe('vitest run --coverage.lines=100 --coverage.branches=80');
    expect(problems).toEqual([`jest --coverageThreshold: the thresholds of "./src/a.js" dropped: Vitest takes thresholds per file glob only in its config (test.coverage.thresholds["./src/a.js"]); add them there`]);
    const refused: string[] = [];
    expect(rewriteScript('jest --coverageThreshold={lines:1}', refused)).toBe('vitest run');
    expect(refused).toEqual(['jest --coverageThreshold {lines:1} dropped: not a JSON object of thresholds; set test.coverage.thresholds in the Vitest config by hand']);
  });

  it('hands quoted flags on through a script call as one word', () => {
    const problems: string[] = [];
    expect(rewriteScript(`npm test -- --coverageThreshold='{"global": {"lines": 90}}'`, problems, false, { test: 'jest' })).toBe('npm test -- --coverage.thresholds.lines=90');
    expect(problems).toEqual([]);
  });
});
