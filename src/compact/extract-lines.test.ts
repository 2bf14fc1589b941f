import { describe, expect, it } from 'vitest';
import { jestOutput, nodeTestOutput, padded, STEP, tscOutput, vitestOutput } from './__testfixtures__/histories.js';
import { extractErrorLines } from './extract-lines.js';

const files = STEP.files;
const errorsOf = (output: string, options: { maxLinesPerError?: number; maxErrors?: number } = {}) =>
  extractErrorLines(output, { files, ...options }).errors;

describe('extractErrorLines', () => {
  it('keeps TypeScript errors, repo-relative, one per error, with their continuation lines', () => {
    const output = [
      tscOutput(1),
      "src/math/add.ts(4,3): error TS2322: Type '{ a: string; }' is not assignable to type 'Sum'.",
      "  Types of property 'a' are incompatible.",
      "    Type 'string' is not assignable to type 'number'.",
      'error TS5083: Cannot read file tsconfig.base.json.',
    ].join('\n');
    expect(errorsOf(output)).toEqual([
      ["src/math/add.ts(11,5): error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'."],
      ["src/math/add.test.ts(3,1): error TS2304: Cannot find name 'jest'."],
      [
        "src/math/add.ts(4,3): error TS2322: Type '{ a: string; }' is not assignable to type 'Sum'.",
        "Types of property 'a' are incompatible.",
        "Type 'string' is not assignable to type 'number'.",
      ],
      ['error TS5083: Cannot read file tsconfig.base.json.'],
    ]);
  });

  it('keeps a vitest failure with its diff and the first frame in the step’s files; drops npm noise and passing tests', () => {
    expect(errorsOf(padded(vitestOutput(7), 20_000))).toEqual([
      [
        'FAIL  src/math/add.test.ts > add > sums two numbers',
        'AssertionError: expected 3 to be 4 // Object.is equality',
        '- Expected',
        '+ Received',
        '- 4',
        '+ 3',
        '❯ src/math/add.test.ts:5:15',
      ],
    ]);
  });

  it('keeps a jest failure, without the summary line that repeats it', () => {
    expect(errorsOf(jestOutput(3))).toEqual([
      [
        '● add › rounds',
        'expect(received).toBe(expected) // Object.is equality',
        'Expected: 0.3',
        'Received: 0.30000000000000004',
        'at Object.<anonymous> (src/math/add.test.ts:12:20)',
      ],
    ]);
  });

  it('keeps a node:test TAP failure with its details', () => {
    expect(errorsOf(nodeTestOutput(3))).toEqual([
      ['not ok 2 - throws on strings', "error: 'Missing expected exception (TypeError).'", "code: 'ERR_ASSERTION'"],
    ]);
  });

  it('keeps an error thrown outside any test, and a file that failed to load with its error', () => {
    const output = [
      ' FAIL  src/math/add.test.ts [ src/math/add.test.ts ]',
      "Error: Cannot find module './sum.js' imported from src/math/add.test.ts",
      '',
      'node:internal/process/esm_loader:40',
      'TypeError: Cannot read properties of undefined (reading \'x\')',
      '    at load (node_modules/loader/index.js:3:1)',
      '    at run (src/math/add.ts:8:2)',
      '    at again (src/math/add.ts:9:2)',
    ].join('\n');
    expect(errorsOf(output)).toEqual([
      ['FAIL  src/math/add.test.ts [ src/math/add.test.ts ]', "Error: Cannot find module './sum.js' imported from src/math/add.test.ts"],
      ["TypeError: Cannot read properties of undefined (reading 'x')", 'at run (src/math/add.ts:8:2)'],
    ]);
  });

  it('falls back to the last lines when nothing looks like an error', () => {
    const output = ['npm warn old lockfile', 'building…', 'sh: 1: vitest: not found', '', 'npm error code 127', ''].join('\n');
    expect(errorsOf(output)).toEqual([['building…', 'sh: 1: vitest: not found']]);
    expect(errorsOf('')).toEqual([]);
  });

  it('caps the lines per error and the errors per output, counting what it left out', () => {
    const many = Array.from({ length: 30 }, (_, index) => `src/math/add.ts(${index},1): error TS2304: Cannot find name 'n${index}'.`);
    const result = extractErrorLines(many.join('\n'), { files, maxErrors: 20 });
    expect(result.errors).toHaveLength(20);
    expect(result.more).toBe(10);
    expect(errorsOf(padded(vitestOutput(7), 20_000), { maxLinesPerError: 2 })).toEqual([
      ['FAIL  src/math/add.test.ts > add > sums two numbers', 'AssertionError: expected 3 to be 4 // Object.is equality'],
    ]);
  });
});
