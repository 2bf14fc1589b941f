import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckOutput } from '../../core/checks.js';
import { parseTsc } from './tsc.js';

const CWD = '/work/checkout';
const fixture = (name: string): string => readFileSync(new URL(`./__testfixtures__/${name}`, import.meta.url), 'utf8');
const output = (stdout: string, exitCode: number | null, more: Partial<CheckOutput> = {}): CheckOutput => ({ stdout, stderr: '', cwd: CWD, exitCode, ...more });

const notAssignable = "Type 'string' is not assignable to type 'number'.";

describe('parseTsc', () => {
  it('reads diagnostics and their message chains from tsc 6 --pretty false (tsc 5.9 prints the same)', () => {
    expect(parseTsc(output(fixture('tsc-6-errors.txt'), 2))).toEqual({
      ok: true,
      parsed: {
        diagnostics: [
          { file: 'src/a.ts', code: 'TS2322', message: notAssignable, line: 1 },
          { file: 'src/a.ts', code: 'TS2322', message: notAssignable, line: 6 },
          {
            file: 'src/a.ts',
            code: 'TS2322',
            message: [
              "Type '(x: { a: number; }) => void' is not assignable to type 'Fn'.",
              "  Types of parameters 'x' and 'x' are incompatible.",
              "    Type '{ a: string; }' is not assignable to type '{ a: number; }'.",
              "      Types of property 'a' are incompatible.",
              `        ${notAssignable}`,
            ].join('\n'),
            line: 9,
          },
          { file: 'src/b.ts', code: 'TS2307', message: "Cannot find module './nowhere.js' or its corresponding type declarations.", line: 1 },
        ],
      },
    });
  });

  it('gives a global diagnostic the file ""', () => {
    expect(parseTsc(output(fixture('tsc-6-global.txt'), 2))).toEqual({
      ok: true,
      parsed: {
        diagnostics: [
          {
            file: '',
            code: 'TS2688',
            message: [
              "Cannot find type definition file for 'node-missing'.",
              '  The file is in the program because:',
              "    Entry point of type library 'node-missing' specified in compilerOptions",
            ].join('\n'),
          },
        ],
      },
    });
    const missingProject = parseTsc(output("error TS5058: The specified path does not exist: 'nope'.\n", 1));
    expect(missingProject).toEqual({ ok: true, parsed: { diagnostics: [{ file: '', code: 'TS5058', message: "The specified path does not exist: 'nope'." }] } });
  });

  it('reads the same messages after a pure line shift', () => {
    const shifted = fixture('tsc-6-errors.txt').replace(/\((\d+),(\d+)\)/g, (_, line: string, col: string) => `(${Number(line) + 7},${col})`);
    const strip = (text: string) => {
      const result = parseTsc(output(text, 2));
      return result.ok ? result.parsed.diagnostics?.map(({ line: _line, ...rest }) => rest) : result.reason;
    };
    expect(strip(shifted)).toEqual(strip(fixture('tsc-6-errors.txt')));
    expect(shifted).not.toBe(fixture('tsc-6-errors.txt'));
  });

  it('makes absolute paths under the directory or its real path relative, in files and messages', () => {
    const stdout = [
      '/private/work/checkout/src/c.ts(3,1): error TS2306: File \'/work/checkout/src/d.ts\' is not a module.',
      '/elsewhere/e.ts(1,1): error TS1005: \';\' expected.',
      'src\\win.ts(2,2): error TS1005: \';\' expected.',
    ].join('\n');
    expect(parseTsc(output(stdout, 2, { cwdReal: '/private/work/checkout' }))).toEqual({
      ok: true,
      parsed: {
        diagnostics: [
          { file: 'src/c.ts', code: 'TS2306', message: "File 'src/d.ts' is not a module.", line: 3 },
          { file: '/elsewhere/e.ts', code: 'TS1005', message: "';' expected.", line: 1 },
          { file: 'src/win.ts', code: 'TS1005', message: "';' expected.", line: 2 },
        ],
      },
    });
  });

  it('reads a clean exit as no diagnostics, and a failure with no diagnostic as unreadable', () => {
    expect(parseTsc(output('', 0))).toEqual({ ok: true, parsed: { diagnostics: [] } });
    expect(parseTsc(output('', 127, { stderr: 'sh: 1: tsc: not found\n' }))).toEqual({
      ok: false,
      reason: 'tsc exited with 127 and printed no diagnostic: sh: 1: tsc: not found',
    });
  });
});
