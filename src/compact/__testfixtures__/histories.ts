// Verify outputs as real tools print them, and long histories built from them, for the tests.

import type { AttemptRecord, RunLesson } from '../../core/history.js';
import type { StepId } from '../../core/plan.js';

export const STEP = { id: 'src-math', module: 'src/math', files: ['src/math/add.ts', 'src/math/add.test.ts'] } as const;

const worktree = (n: number) => `/home/dev/app/.git/codemigrate/run-${n}/worktrees/${n % 2}`;

export function tscOutput(n: number): string {
  return [
    `${worktree(n)}/src/math/add.ts(${10 + n},5): error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'.`,
    `src/math/add.test.ts(3,1): error TS2304: Cannot find name 'jest'.`,
    '',
    'Found 2 errors in 2 files.',
  ].join('\n');
}

export function vitestOutput(n: number): string {
  const ms = 3 + (n % 40);
  return [
    '',
    '> app@1.0.0 test',
    '> vitest run src/math',
    '',
    `\u001b[36m RUN \u001b[39m v4.0.0 /tmp/vitest-${n.toString(16)}abc/app`,
    '',
    ` \u001b[32m✓\u001b[39m src/math/sub.test.ts (2 tests) ${ms}ms`,
    ` ❯ src/math/add.test.ts (3 tests | 1 failed) ${ms}ms`,
    `   \u001b[31m×\u001b[39m add > sums two numbers ${ms}ms`,
    '     → expected 3 to be 4 // Object.is equality',
    '',
    ' FAIL  src/math/add.test.ts > add > sums two numbers',
    'AssertionError: expected 3 to be 4 // Object.is equality',
    '',
    '- Expected',
    '+ Received',
    '',
    '- 4',
    '+ 3',
    '',
    ` ❯ node_modules/@vitest/runner/dist/index.js:${100 + n}:12`,
    ` ❯ ${worktree(n)}/src/math/add.test.ts:5:15`,
    ' ❯ src/math/add.test.ts:9:3',
    '',
    ` Test Files  1 failed | 1 passed (2)`,
    `      Tests  1 failed | 4 passed (5)`,
    `   Duration  ${(n % 9) / 10 + 1}s`,
    'npm error Lifecycle script `test` failed with error:',
    'npm error code 1',
  ].join('\n');
}

export function jestOutput(n: number): string {
  return [
    ' FAIL  src/math/add.test.ts',
    '  add',
    `    ✕ rounds (${n % 50} ms)`,
    '',
    '  ● add › rounds',
    '',
    '    expect(received).toBe(expected) // Object.is equality',
    '',
    '    Expected: 0.3',
    '    Received: 0.30000000000000004',
    '',
    `      at Object.<anonymous> (${worktree(n)}/src/math/add.test.ts:12:20)`,
    `      at Promise.then.completed (/tmp/jest_${n}x/node_modules/jest-circus/build/utils.js:298:28)`,
  ].join('\n');
}

export function nodeTestOutput(n: number): string {
  return [
    'TAP version 13',
    '# Subtest: add',
    'ok 1 - adds integers',
    'not ok 2 - throws on strings',
    '  ---',
    `  duration_ms: ${n}.25`,
    "  error: 'Missing expected exception (TypeError).'",
    "  code: 'ERR_ASSERTION'",
    '  stack: |-',
    `    TestContext.<anonymous> (file://${worktree(n)}/src/math/add.test.ts:20:10)`,
    '  ...',
    '# tests 2',
    '# pass 1',
    '# fail 1',
  ].join('\n');
}

const FILLER = [
  'npm warn deprecated inflight@1.0.6: This module is not supported',
  ' ✓ src/math/mul.test.ts > mul > multiplies 2ms',
  '',
  '',
].join('\n');

/** About `size` characters: noise first, the real output last (verify output is a tail). */
export function padded(output: string, size: number): string {
  const noise = FILLER.repeat(Math.max(0, Math.ceil((size - output.length) / FILLER.length)));
  return `${noise}\n${output}`.slice(-size);
}

const BIG_DIFF = `--- a/src/math/add.ts\n+++ b/src/math/add.ts\n@@ -1,3 +1,3 @@\n${'-const a = 1;\n+const a: number = 1;\n'.repeat(2500)}`;

/** 1,000-attempt history: attempt 1 fails with its own error, then four kinds of failure take turns. */
export function hugeHistory(count = 1000, outputSize = 20_000): AttemptRecord[] {
  const outputs = [tscOutput, vitestOutput, jestOutput, nodeTestOutput];
  return Array.from({ length: count }, (_, index): AttemptRecord => {
    const attempt = index + 1;
    const first = attempt === 1;
    const make = outputs[attempt % outputs.length] ?? tscOutput;
    return {
      attempt,
      by: first ? 'codemods' : 'model',
      result: 'verify-failed',
      reason: `verify: npx vitest run exited with code 1 after ${attempt * 7} ms`,
      changed: [
        { path: 'src/math/add.ts', added: attempt % 13, removed: attempt % 5 },
        { path: 'src/math/add.test.ts', added: 2, removed: 2 },
      ],
      diff: `# attempt ${attempt}\n${BIG_DIFF}`,
      verifyOutput: padded(first ? "SyntaxError: Unexpected token 'export'\n    at src/math/add.test.ts:1:1" : make(attempt), outputSize),
      notes: `attempt ${attempt}: tried another way to type the sum`,
    };
  });
}

export function lessons(count: number): RunLesson[] {
  return Array.from({ length: count }, (_, index): RunLesson => ({
    step: `step-${index % 37}` as StepId,
    kind: index % 3 === 0 ? 'recurring-error' : 'fix-that-worked',
    text: `src/lib${index}/x.ts(1,1): error TS${2300 + (index % 50)}: Something ${index % 11} went wrong.\n+ fixed ${index}\n${'+ line\n'.repeat(200)}`,
  }));
}
