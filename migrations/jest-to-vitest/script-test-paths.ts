// Pure: the test path patterns the project's `test` script hands its Jest (`jest test/unit/`,
// `node --throw-deprecation node_modules/.bin/jest test/unit/`, `--testPathPattern=…`). Jest runs
// only the files whose path matches one of them, so a test file matching none is not one of the
// project's Jest tests: uuid's `test` script runs `jest test/unit/`, and the plan migrated its
// WebdriverIO spec test/browser/browser.spec.js (an `import { describe, it } from 'vitest'` that
// breaks `npm run test:browser`) and the Jest example project examples/node-jest, a package of its
// own that shows uuid working under Jest.
// Read only where every word of the Jest command is understood: a flag that may take the next word
// as its value could hide a pattern, so an unknown one leaves the plan as it is.

import { commandWords } from './script-calls.js';
import { unquote } from './shell-words.js';

/** Jest flags that take no value: any other flag in the command, unless written `--flag=value`, stops the reading. */
const BOOLEAN_FLAGS = new Set([
  '--ci', '--no-ci', '--coverage', '--collectCoverage', '--runInBand', '-i', '--silent', '--verbose', '--passWithNoTests',
  '--detectOpenHandles', '--forceExit', '--colors', '--no-colors', '--no-cache', '--cache', '--json', '--logHeapUsage',
  '--noStackTrace', '--onlyChanged', '-o', '--watch', '--watchAll', '--errorOnDeprecated', '--expand', '-e', '--debug',
  '--clearMocks', '--resetMocks', '--restoreMocks', '--useStderr', '--no-watchman', '--injectGlobals', '--updateSnapshot', '-u',
]);
const PATTERN_FLAG = /^--testPathPatterns?=(.*)$/;
/** `jest`, or Node running Jest's bin (`node [flags] node_modules/.bin/jest`, `node_modules/jest/bin/jest.js`). */
const JEST_BIN = /^(?:\.\/)?node_modules\/(?:\.bin\/jest|jest\/bin\/jest(?:\.js)?)$/;

/** The patterns, or undefined when the script names none or cannot be read to the end. */
export function scriptTestPaths(scripts: Readonly<Record<string, unknown>> | undefined): string[] | undefined {
  const script = scripts?.['test'];
  if (typeof script !== 'string') return undefined;
  const runs = script.split(/&&|\|\||;|\|/).map((command) => jestArgs(commandWords(command).words)).filter((args) => args !== undefined);
  // Two Jest commands run the union of their files; one that names no path runs them all.
  if (runs.length !== 1) return undefined;
  const patterns: string[] = [];
  for (const word of runs[0]!.map(unquote)) {
    const flagged = PATTERN_FLAG.exec(word);
    if (flagged) patterns.push(flagged[1]!);
    else if (!word.startsWith('-')) patterns.push(word);
    else if (!BOOLEAN_FLAGS.has(word) && !/^--[\w-]+=/.test(word)) return undefined;
  }
  // Jest matches a pattern against the absolute path: an anchored one cannot be read against a relative path.
  if (patterns.length === 0 || patterns.some((pattern) => pattern.startsWith('^') || !validPattern(pattern))) return undefined;
  return patterns;
}

/** Whether Jest would run the file at this repository-relative path under these patterns. */
export function matchesTestPaths(path: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => new RegExp(pattern, 'i').test(`/${path}`));
}

function jestArgs(words: readonly string[]): string[] | undefined {
  if (words[0] === 'jest') return words.slice(1);
  if (words[0] !== 'node') return undefined;
  const bin = words.findIndex((word, index) => index > 0 && !word.startsWith('-'));
  return bin > 0 && JEST_BIN.test(words[bin]!) ? words.slice(bin + 1) : undefined;
}

function validPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}
