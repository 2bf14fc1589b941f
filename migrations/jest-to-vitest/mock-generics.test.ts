// The mock generics each Vitest line takes, checked by TypeScript: the fixture outputs written for
// the 0.x line (`*-vitest-0.output.ts`, whose options hand over a package.json with vitest
// ^0.34.6) against Vitest 0.34's own mock types (vendor/, @vitest/spy 0.34.6 as published), and
// the outputs for Vitest 2+ against this repository's installed Vitest. The 2+ outputs against
// 0.34's types are zustand's defect: TS2344 on every function-typed generic.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { mockGenerics } from './mock-generics.js';

const HERE = import.meta.dirname;
const FIXTURES = join(HERE, '__testfixtures__');
const REPO_VITEST = join(HERE, '../../node_modules/vitest');
const SPY_034 = readFileSync(join(HERE, 'vendor/vitest-spy-0.34.6.d.ts.txt'), 'utf8');
// The fixtures leave the imports to vitest-imports.ts, which runs after them in a step.
const IMPORTS = "import { vi, type Mock, type MockInstance, type MockedObject, type MockedFunction } from 'vitest';\nexport {};\n";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/**
 * A project whose `vitest` is the 0.34 line's mock API: @vitest/spy 0.34.6's declarations, and a
 * `vitest` entry with what this check reads of 0.34's (its mock types, and `vi.fn`, which 0.34
 * declares as `fn: typeof fn` of @vitest/spy). tinyspy's one type there, used only by
 * `EnhancedSpy`, is left open.
 */
function vitest034(dir: string): void {
  write(join(dir, 'node_modules/@vitest/spy/index.d.ts'), SPY_034);
  write(join(dir, 'node_modules/tinyspy/index.d.ts'), 'export type SpyInternalImpl<A extends any[], R> = unknown;\n');
  write(join(dir, 'node_modules/vitest/index.d.ts'), "import { fn, spyOn } from '@vitest/spy';\nexport * from '@vitest/spy';\nexport declare const vi: { fn: typeof fn; spyOn: typeof spyOn };\n");
}

/** `file:line: TS<code>` for each diagnostic of type-checking `text` in a new project under `line`'s Vitest. */
function typeCheck(text: string, line: '0.34' | 'installed'): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'codemigrate-mock-generics-'));
  dirs.push(dir);
  if (line === '0.34') vitest034(dir);
  else {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(REPO_VITEST, join(dir, 'node_modules/vitest'), 'dir');
  }
  write(join(dir, 'a.test.ts'), IMPORTS + text);
  const program = ts.createProgram([join(dir, 'a.test.ts')], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? d.file.fileName.slice(dir.length + 1) : ''}:${d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 - 2 : 0}: TS${d.code}`);
}

const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

describe('mock generics under each Vitest line', () => {
  it.each(['mock-types/generics-vitest-0.output.ts', 'jest-api/fn-generics-vitest-0.output.ts'])('%s type-checks against Vitest 0.34', (name) => {
    expect(typeCheck(fixture(name), '0.34')).toEqual([]);
  });

  it.each(['mock-types/generics.output.ts', 'jest-api/fn-generics.output.ts'])('%s (Vitest 2+) type-checks against the installed Vitest', (name) => {
    expect(typeCheck(fixture(name), 'installed')).toEqual([]);
  });

  it("a function type's void return is any on the 0.34 line: Vitest < 2 compares it as a type, where neither void nor unknown fits both ways (zustand)", () => {
    const returning = (returned: string) => `let g: Mock<[f: (m: unknown) => void], ${returned}> = vi.fn((f: (m: unknown) => void) => () => {});\n`;
    const ignored = (returned: string) => `const storage: { setItem: (name: string, value: string) => void | Promise<void> } = { setItem: vi.fn<[], ${returned}>() };\n`;
    expect([...typeCheck(returning('any'), '0.34'), ...typeCheck(ignored('any'), '0.34')]).toEqual([]);
    expect(typeCheck(returning('void'), '0.34')).toEqual(['a.test.ts:1: TS2322']);
    expect(typeCheck(ignored('unknown'), '0.34')).toEqual(['a.test.ts:1: TS2322']);
  });

  it("Vitest 2+'s form is TS2344 on the 0.34 line: what the line's own form is for", () => {
    const lines = fixture('jest-api/fn-generics.output.ts').split('\n').length - 1;
    const diagnostics = typeCheck(fixture('jest-api/fn-generics.output.ts'), '0.34');
    expect(diagnostics.length).toBe(lines);
    expect(new Set(diagnostics.map((d) => d.replace(/^.*: /, '')))).toEqual(new Set(['TS2344']));
  });
});

describe('mockGenerics', () => {
  const withPackage = (pkg: unknown) => ({ context: { 'package.json': JSON.stringify(pkg) } });

  it.each([
    ['^0.34.6', 'tuple'],
    ['^1.6.0', 'tuple'],
    ['~3.2.4', 'function'],
    ['^4.1.0', 'function'],
    ['>=1.0.0', 'tuple'],
    ['latest', 'function'],
  ] as const)('vitest %s in devDependencies → %s', (range, form) => {
    expect(mockGenerics(withPackage({ devDependencies: { vitest: range } }))).toBe(form);
  });

  it("reads dependencies too, and writes Vitest 2+'s form when it cannot tell", () => {
    expect(mockGenerics(withPackage({ dependencies: { vitest: '^0.34.6' } }))).toBe('tuple');
    expect(mockGenerics(withPackage({ devDependencies: { jest: '^29.0.0' } }))).toBe('function');
    expect(mockGenerics({ context: { 'package.json': '{ not json' } })).toBe('function');
    expect(mockGenerics({})).toBe('function');
  });
});

describe("setup's Vitest copies of Jest setup files", () => {
  it('take the generics of the Vitest line setup chose: jest-api there reads the package.json setup raised (its context)', async () => {
    const [{ createCodemodEngine }, { loadRecipeFile }, { toRepoPath }, { computeSetup }] = await Promise.all([
      import('../../src/codemods/index.js'),
      import('../../src/config/index.js'),
      import('../../src/core/paths.js'),
      import('../../src/runner/run-setup.js'),
    ]);
    const project: Record<string, string> = {
      // Vite 4: setup chooses Vitest 0.34.
      'package.json': `${JSON.stringify({ name: 'app', scripts: { test: 'jest' }, jest: { preset: 'ts-jest', setupFilesAfterEnv: ['<rootDir>/src/setupTests.ts'] }, devDependencies: { vite: '^4.5.0', jest: '^29.7.0', 'ts-jest': '^29.1.0', typescript: '^5.2.2' } }, null, 2)}\n`,
      'src/setupTests.ts': 'export const log = jest.fn<void, [string]>();\n',
      'src/a.test.ts': "it('adds', () => expect(1 + 2).toBe(3));\n",
    };
    const texts = new Map(Object.entries(project).map(([path, text]) => [toRepoPath(path), text] as const));
    const engine = createCodemodEngine();
    try {
      const recipe = await loadRecipeFile(join(HERE, '../../recipes/jest-to-vitest.json'), { builtin: true });
      const setup = await computeSetup(
        engine,
        recipe.setup,
        {
          commit: 'c0',
          entries: new Map([...texts.keys()].map((path) => [path, { path, mode: '100644', oid: path }] as const)),
          read: async (paths) => paths.flatMap((path) => (texts.has(path) ? [{ path, text: texts.get(path)! }] : [])),
          readOne: async (path) => texts.get(path),
        },
        'recipes/jest-to-vitest.json',
      );
      expect(JSON.parse(setup.overlay.get(toRepoPath('package.json'))!).devDependencies.vitest).toMatch(/^\^0\.34\./);
      // Without the context, jest-api cannot tell the line and writes Vitest 2+'s `vi.fn<(...args: [string]) => void>()`.
      expect(setup.overlay.get(toRepoPath('src/setupTests.vitest.ts'))).toContain('vi.fn<[string], void>()');
    } finally {
      await engine.close();
    }
  });
});
