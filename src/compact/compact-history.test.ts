import { describe, expect, it } from 'vitest';
import { CodemigrateError } from '../core/errors.js';
import type { AttemptRecord, RunLesson } from '../core/history.js';
import type { StepId } from '../core/plan.js';
import { hugeHistory, lessons, padded, STEP, tscOutput, vitestOutput } from './__testfixtures__/histories.js';
import { CLOSING_LINE, compactHistory, findLessons } from './index.js';
import { collectErrors } from './collect-errors.js';

const failed = (attempt: number, verifyOutput: string, extra: Partial<AttemptRecord> = {}): AttemptRecord => ({
  attempt,
  by: 'model',
  result: 'verify-failed',
  reason: 'verify: npx vitest run exited with code 1',
  changed: [{ path: 'src/math/add.ts', added: attempt, removed: 1 }],
  verifyOutput,
  ...extra,
});
const lesson = (step: string, kind: RunLesson['kind'], text: string): RunLesson => ({ step: step as StepId, kind, text });

describe('compactHistory under a huge history', () => {
  // Built once: 1,000 attempts of 20 KB output and a 50 KB diff each, and 1,000 lessons.
  const attempts = hugeHistory(1000, 20_000);
  const runLessons = lessons(1000);

  it('stays within maxChars, still naming the first error and the latest attempt', () => {
    for (const maxChars of [300, 1500, undefined, 20_000]) {
      const text = compactHistory({ step: STEP, attempts, lessons: runLessons, ...(maxChars === undefined ? {} : { maxChars }) });
      expect(text.length).toBeLessThanOrEqual(maxChars ?? 6000);
      expect(text.endsWith(CLOSING_LINE)).toBe(true);
      if (maxChars === undefined || maxChars >= 6000) {
        expect(text).toContain("E1 — seen in attempt 1 (1×):\n    SyntaxError: Unexpected token 'export'");
        expect(text).toContain('### Attempt 1000 — model, verify-failed');
        expect(text).toMatch(/^- attempts 1–\d+ \(\d+\): 6 distinct errors \(E1, E2, E3, … E6\), see above$/m);
        for (const heading of ['## Step', '## Errors (deduplicated)', '## Attempts (newest first)', '## Lessons from other steps']) {
          expect(text).toContain(`\n${heading}\n`.slice(heading === '## Step' ? 1 : 0));
        }
      }
    }
  });

  it('does not grow with the number of attempts: 100 or 1,000, both fill the same budget', () => {
    for (const count of [100, 1000]) {
      const text = compactHistory({ step: STEP, attempts: attempts.slice(0, count), lessons: runLessons });
      expect(text.length).toBeLessThanOrEqual(6000);
      expect(text.length).toBeGreaterThan(5000);
    }
  });
});

describe('compactHistory', () => {
  const small = [failed(1, tscOutput(1)), failed(2, padded(vitestOutput(2), 5000)), failed(3, tscOutput(3))];

  it('stays within tiny budgets too, keeping the closing line when it fits', () => {
    for (const maxChars of [0, 10, 51, 60, 120, 400]) {
      const text = compactHistory({ step: STEP, attempts: small, lessons: lessons(20), maxChars });
      expect(text.length).toBeLessThanOrEqual(maxChars);
      if (maxChars >= CLOSING_LINE.length) expect(text.endsWith(CLOSING_LINE)).toBe(true);
    }
  });

  it('is deterministic: same input, copied input and reordered attempts give the same text', () => {
    const input = { step: STEP, attempts: small, lessons: lessons(30) };
    const text = compactHistory(input);
    expect(compactHistory(input)).toBe(text);
    expect(compactHistory(structuredClone(input))).toBe(text);
    expect(compactHistory({ ...input, attempts: [...small].reverse() })).toBe(text);
    expect(small.map((record) => record.attempt)).toEqual([1, 2, 3]);
  });

  it('lists one error seen in several attempts once, whatever its timings and paths', () => {
    const attempts = Array.from({ length: 9 }, (_, index) => {
      const n = index + 1;
      return [3, 5, 9].includes(n) ? failed(n, padded(vitestOutput(n * 11), 3000)) : failed(n, `TypeError: broken number ${n}`);
    });
    const text = compactHistory({ step: STEP, attempts, lessons: [] });
    expect(text.match(/AssertionError: expected 3 to be 4/g)).toHaveLength(1);
    expect(text).toContain('— seen in attempts 3, 5, 9 (3×):\n    FAIL  src/math/add.test.ts > add > sums two numbers\n');
    expect(text).toContain('seen in attempts 1, 2, 4, … 8 (6×):\n    TypeError: broken number 8');
  });

  it('caps the list of attempts an error was seen in', () => {
    const repeated = new Set([3, 5, 9, ...Array.from({ length: 409 }, (_, index) => 589 + index)]);
    const attempts = Array.from({ length: 1000 }, (_, index) =>
      repeated.has(index + 1) ? failed(index + 1, tscOutput(index)) : failed(index + 1, 'Error: other'),
    );
    const text = compactHistory({ step: STEP, attempts, lessons: [] });
    expect(text).toContain("seen in attempts 3, 5, 9, … 997 (412×):\n    src/math/add.ts(1006,5): error TS2345");
  });

  it('cuts verify output to the lines that matter', () => {
    const text = compactHistory({ step: STEP, attempts: [failed(1, padded(vitestOutput(1), 20_000))], lessons: [] });
    expect(text).toContain('    AssertionError: expected 3 to be 4 // Object.is equality\n    - Expected\n');
    expect(text).toContain('    ❯ src/math/add.test.ts:5:15\n');
    for (const noise of ['npm warn', 'npm error', '✓', 'node_modules/@vitest', 'Test Files', '\u001b', '.git/codemigrate']) {
      expect(text).not.toContain(noise);
    }
  });

  it('details the latest two attempts and summarises earlier ones in a line each', () => {
    const attempts = [1, 2, 3, 4].map((n) =>
      failed(n, tscOutput(n), {
        diff: `diff --git a/src/math/add.ts b/src/math/add.ts\nindex 1234567..89abcde 100644\n--- a/src/math/add.ts\n+++ b/src/math/add.ts\n@@ -1 +1 @@\n-const a = ${n};\n+const a: number = ${n};`,
        notes: `typed the sum, try ${n}`,
      }),
    );
    const text = compactHistory({ step: STEP, attempts, lessons: [] });
    expect(text).toContain(
      [
        '### Attempt 4 — model, verify-failed',
        'Reason: verify: npx vitest run exited with code 1',
        'Errors: E1, E2 (see above)',
        'Changed: src/math/add.ts (+4 -1)',
        'Diff (start):',
        '    --- a/src/math/add.ts',
        '    +++ b/src/math/add.ts',
        '    @@ -1 +1 @@',
        '    -const a = 4;',
        '    +const a: number = 4;',
        'Notes: typed the sum, try 4',
        '### Attempt 3 — model, verify-failed',
      ].join('\n'),
    );
    expect(text).toContain('\n- attempt 2 — model, verify-failed; E1, E2; changed src/math/add.ts (+2 -1); notes: typed the sum, try 2\n');
  });

  it('prints an empty history plainly', () => {
    expect(compactHistory({ step: { id: 'root', module: '.', files: [] }, attempts: [], lessons: [] })).toBe(
      [
        '## Step',
        'id: root',
        'module: .',
        'files: none',
        'attempts: none yet',
        '',
        '## Errors (deduplicated)',
        'None recorded.',
        '',
        '## Attempts (newest first)',
        'No attempts yet.',
        '',
        '## Lessons from other steps',
        'None yet.',
        '',
        CLOSING_LINE,
      ].join('\n'),
    );
  });

  it('refuses a maxChars that is not a whole number', () => {
    for (const maxChars of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => compactHistory({ step: STEP, attempts: [], lessons: [], maxChars })).toThrow(CodemigrateError);
    }
  });
});

describe('lessons', () => {
  const attempts = [failed(1, tscOutput(1)), failed(2, 'ReferenceError: vi is not defined')];
  const runLessons = [
    // Newest first, as the runner keeps them.
    lesson('lib-c', 'fix-that-worked', 'Error: something unrelated\n+ fixed c'),
    lesson('lib-b', 'fix-that-worked', "lib/b.ts(7,7): error TS2304: Cannot find name 'jest'.\n+import { vi } from 'vitest';"),
    lesson('lib-r', 'recurring-error', 'ReferenceError: vi is not defined'),
    lesson(STEP.id, 'fix-that-worked', "src/math/x.ts(1,1): error TS2304: Cannot find name 'jest'.\n+ own step"),
    lesson('lib-t', 'fix-that-worked', 'lib/t.ts(1,1): error TS2345: Argument of type number.\n+ cast t'),
    lesson('lib-a', 'fix-that-worked', "lib/a.ts(2,2): error TS2304: Cannot find name 'jest'.\n+import { vi } from 'vitest';"),
    lesson('lib-d', 'fix-that-worked', "lib/b.ts(7,7): error TS2304: Cannot find name 'jest'.\n+import { vi } from 'vitest';"),
  ];

  it('puts lessons that share an error first, then those that share a code, each newest first; merges repeats', () => {
    const { errors } = collectErrors(attempts, STEP.files);
    const found = findLessons(runLessons, { stepId: STEP.id, errors });
    expect(found.map((entry) => [entry.steps, entry.relevance, entry.matches, entry.count])).toEqual([
      [['lib-b', 'lib-d'], 'same-error', ['E2'], 2],
      [['lib-r'], 'same-error', ['E3'], 1],
      [['lib-a'], 'same-error', ['E2'], 1],
      [['lib-t'], 'same-code', [], 1],
      [['lib-c'], 'other', [], 1],
    ]);
  });

  it('shows them under their headings, fixes first', () => {
    const text = compactHistory({ step: STEP, attempts, lessons: runLessons });
    const section = text.slice(text.indexOf('## Lessons from other steps'));
    expect(section).toBe(
      [
        '## Lessons from other steps',
        'Fixes that worked:',
        '- from steps lib-b, lib-d (2×) — same error as E2:',
        "    lib/b.ts(7,7): error TS2304: Cannot find name 'jest'.",
        "    +import { vi } from 'vitest';",
        '- from step lib-a — same error as E2:',
        "    lib/a.ts(2,2): error TS2304: Cannot find name 'jest'.",
        "    +import { vi } from 'vitest';",
        '- from step lib-t:',
        '    lib/t.ts(1,1): error TS2345: Argument of type number.',
        '    + cast t',
        '- from step lib-c:',
        '    Error: something unrelated',
        '    + fixed c',
        'Recurring errors in this run:',
        '- from step lib-r — same error as E3:',
        '    ReferenceError: vi is not defined',
        '',
        CLOSING_LINE,
      ].join('\n'),
    );
  });
});
