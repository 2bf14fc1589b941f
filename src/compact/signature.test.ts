import { describe, expect, it } from 'vitest';
import { cleanLine, crossStepKey, errorCodes, errorSignature, splitLines } from './signature.js';

describe('errorSignature', () => {
  it('is the same for one error printed with other colours, timings, paths, hex ids and counters', () => {
    const a = [
      '\u001b[31m FAIL \u001b[39m src/a.test.ts > adds (12 ms)',
      'Error: failed in /tmp/vitest-3f2a/src/a.ts after 1.2s (pid 4711, object 0x7ffee4b2)',
      '    at /home/me/app/.git/codemigrate/run-1/worktrees/0/src/a.ts:12:5',
      'commit 3fa9c0d1e2',
    ].join('\n');
    const b = [
      ' FAIL  src/a.test.ts > adds (340 ms)',
      '',
      'Error: failed in /tmp/vitest-99ab/src/a.ts after 35s (pid 81, object 0x1)',
      '    at /srv/ci/work/.git/codemigrate/other-run/worktrees/3/src/a.ts:14:5',
      'commit 77aa0b2c91',
    ].join('\r\n');
    expect(errorSignature(a)).toBe(errorSignature(b));
    expect(errorSignature(a)).toBe(
      [
        'FAIL src/a.test.ts > adds (<t>)',
        'Error: failed in <tmp>/src/a.ts after <t> (pid <n>, object <hex>)',
        'at src/a.ts:<n>:<n>',
        'commit <hex>',
      ].join('\n'),
    );
  });

  it('tells different errors apart, down to the TypeScript code', () => {
    const ts2345 = "src/a.ts(1,2): error TS2345: Argument of type 'string' is not assignable.";
    const ts2322 = "src/a.ts(1,2): error TS2322: Argument of type 'string' is not assignable.";
    expect(errorSignature(ts2345)).not.toBe(errorSignature(ts2322));
    expect(errorSignature('TypeError: x is not a function')).not.toBe(errorSignature('TypeError: y is not a function'));
  });

  it('is empty for blank text', () => {
    expect(errorSignature(' \n\n\t')).toBe('');
  });
});

describe('cleanLine', () => {
  it('turns a scratch worktree path into the repo-relative path and drops colours', () => {
    expect(cleanLine('\u001b[2m/x/y/.git/codemigrate/r1/worktrees/0/src/b.ts(3,1)\u001b[22m: error')).toBe('src/b.ts(3,1): error');
  });

  it('reads file URLs as paths, so a temp directory in one is recognised', () => {
    expect(cleanLine('    at t (file:///tmp/run-8/src/a.test.js:5:10)')).toBe('    at t (<tmp>/src/a.test.js:5:10)');
  });

  it('cuts long lines', () => {
    const line = cleanLine('x'.repeat(100_000));
    expect(line.length).toBe(240);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('splitLines', () => {
  it('keeps the last redraw of a progress line', () => {
    expect(splitLines('a\r\nprogress 1%\rprogress 99%\rdone\nb')).toEqual(['a', 'done', 'b']);
  });
});

describe('crossStepKey and errorCodes', () => {
  it('match one error in another step\'s files', () => {
    expect(crossStepKey("lib/x.ts(9,9): error TS2304: Cannot find name 'jest'.")).toBe(
      crossStepKey("src/math/add.test.ts(3,1): error TS2304: Cannot find name 'jest'."),
    );
  });

  it('lists codes and error classes once, sorted', () => {
    expect(errorCodes('error TS2345 … TypeError: … error TS2345 … AssertionError [ERR_ASSERTION]:')).toEqual([
      'AssertionError',
      'ERR_ASSERTION',
      'TS2345',
      'TypeError',
    ]);
  });
});
