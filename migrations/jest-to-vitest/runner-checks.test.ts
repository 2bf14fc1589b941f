// What runner-checks.ts is for, checked by TypeScript: pinia's kept runner check once finish has
// taken @types/jest away. A package that still declares a global `namespace jest` for its matchers
// (jest-mock-warn 1.1.0's declarations, as published, which pinia's tests import) makes each read
// of `jest` TS2708; with no such package it is TS2304. The fixture's output has neither.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const FIXTURES = join(import.meta.dirname, '__testfixtures__/runner-checks');
const JEST_MOCK_WARN = `declare global {
  namespace jest {
    interface Matchers<R, T> {
      toHaveBeenWarned(): R
      toHaveBeenWarnedLast(): R
      toHaveBeenWarnedTimes(n: number): R
    }
  }
}

export declare function mockWarn(): void
`;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** `line: TS<code>` of type-checking `text` as src/testing.ts, beside a test importing jest-mock-warn when `matchers`. */
function typeCheck(text: string, matchers: boolean): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'codemigrate-runner-checks-'));
  dirs.push(dir);
  // The one pinia type the helper names.
  write(join(dir, 'node_modules/pinia/index.d.ts'), 'export interface Pinia { install(): void }\nexport declare function createPinia(): Pinia;\n');
  write(join(dir, 'node_modules/jest-mock-warn/index.d.ts'), JEST_MOCK_WARN);
  write(join(dir, 'src/testing.ts'), text);
  write(join(dir, 'src/a.test.ts'), matchers ? "import { mockWarn } from 'jest-mock-warn';\nmockWarn();\n" : 'export {};\n');
  const program = ts.createProgram([join(dir, 'src/testing.ts'), join(dir, 'src/a.test.ts')], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    strict: true,
    noUnusedLocals: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0}: TS${d.code}`);
}

const input = readFileSync(join(FIXTURES, 'testing-helper.input.ts'), 'utf8');
const output = readFileSync(join(FIXTURES, 'testing-helper.output.ts'), 'utf8');
const checkLine = input.split('\n').findIndex((line) => line.includes('typeof jest')) + 1;

describe("a kept runner check once @types/jest is gone", () => {
  it('is TS2708 twice where a package declares namespace jest (pinia: jest-mock-warn), and type-checks with the declaration finish adds', () => {
    expect(typeCheck(input, true)).toEqual([`${checkLine}: TS2708`, `${checkLine}: TS2708`]);
    expect(typeCheck(output, true)).toEqual([]);
  });

  it('is TS2304 twice where nothing declares jest, and type-checks with the declaration', () => {
    expect(typeCheck(input, false)).toEqual([`${checkLine}: TS2304`, `${checkLine}: TS2304`]);
    expect(typeCheck(output, false)).toEqual([]);
  });
});
