// The runner split helper setup writes into a project, loaded as Jest and Vitest load it (require).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-repo.js';
import { loadConfigFromFile } from 'vite';
import { copyMarker } from './node-module-mocks.js';
import { setupCopyPath, setupOriginalPath, SPLIT_FILE, SPLIT_HELPER, SPLIT_IMPORT_LINES, splitImport } from './runner-split.js';

interface Helper {
  scan(root?: string): { vitest: string[]; jest: string[] };
  withoutVitestFiles<T>(config: T, root?: string): T;
  excludeJestFiles<T extends object>(test?: T, root?: string): T;
}

let dir: string;
let helper: Helper;
beforeAll(() => {
  dir = makeTempDir();
  const files: Record<string, string> = {
    [SPLIT_FILE]: SPLIT_HELPER,
    'src/a/a.test.ts': "import { describe, it } from 'vitest';\n",
    'src/a/(group)/b.spec.tsx': "import { vi } from \"vitest\";\n",
    'src/b/__tests__/c.js': "const { it } = require('vitest');\n",
    'src/b/d.test.js': "it('d', () => {});\n",
    'src/b/e.test.ts': "// mentions vitest in a comment only\nimport x from 'vitest-mock-extended';\n",
    'src/b/helper.ts': "import { vi } from 'vitest';\n",
    'node_modules/pkg/x.test.js': "it('x', () => {});\n",
    // Named by a testMatch of the project's own (type-graphql: **/functional/**/*.ts), not by .test.
    'tests/functional/fields.ts': 'describe("Fields", () => {\n  it.each([1])("%i", () => {});\n});\n',
    'tests/functional/errors/polyfill.ts': 'import { describe, it } from "vitest";\ndescribe("Polyfill", () => {});\n',
    'src/lib/util.ts': 'export const digits = (text: string) => /\\d/.test(text);\nexport function submit() {}\n',
    // Vitest's copy of src/__mocks__/axios.js, which Jest must not see beside the original; the root's own mock it keeps.
    '__mocks__/axios.js': `${copyMarker('src/__mocks__/axios.js')}export default {};\n`,
    '__mocks__/@acme/ui.tsx': `${copyMarker('lib/__mocks__/@acme/ui.tsx')}export {};\n`,
    '__mocks__/fs.js': 'module.exports = {};\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  helper = createRequire(import.meta.url)(join(dir, SPLIT_FILE)) as Helper;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('jest-vitest-split.cjs', () => {
  it("splits test files by whether they import from 'vitest', skipping node_modules and non-test files", () => {
    const { vitest, jest } = helper.scan();
    expect(vitest.sort()).toEqual(['src/a/(group)/b.spec.tsx', 'src/a/a.test.ts', 'src/b/__tests__/c.js', 'tests/functional/errors/polyfill.ts']);
    expect(jest.sort()).toEqual(['src/b/d.test.js', 'src/b/e.test.ts', 'tests/functional/fields.ts']);
  });

  it("adds Vitest's files to Jest's testPathIgnorePatterns, for a config object, a function and its projects", async () => {
    const config = helper.withoutVitestFiles({ testPathIgnorePatterns: ['/e2e/'], projects: [{ displayName: 'web' }, 'other/jest.config.js'] });
    const patterns = config.testPathIgnorePatterns;
    expect(patterns[0]).toBe('/e2e/');
    expect(patterns).toHaveLength(5);
    expect(patterns.some((p) => new RegExp(p).test(join(dir, 'src/a/(group)/b.spec.tsx')))).toBe(true);
    expect(patterns.some((p) => new RegExp(p).test(join(dir, 'tests/functional/errors/polyfill.ts')))).toBe(true);
    expect(patterns.some((p) => new RegExp(p).test(join(dir, 'src/b/d.test.js')))).toBe(false);
    expect(config.projects[0]).toMatchObject({ displayName: 'web', testPathIgnorePatterns: ['/node_modules/', ...patterns.slice(1)] });
    expect(config.projects[1]).toBe('other/jest.config.js');
    const fromFunction = await (helper.withoutVitestFiles(async () => ({ verbose: true })) as unknown as () => Promise<{ testPathIgnorePatterns: string[] }>)();
    expect(fromFunction.testPathIgnorePatterns).toHaveLength(5);
  });

  it("hides Vitest's copies of package mocks in the root's __mocks__ from Jest's module map (modulePathIgnorePatterns), projects too", () => {
    const config = helper.withoutVitestFiles({ modulePathIgnorePatterns: ['<rootDir>/dist/'], projects: [{ displayName: 'web' }] }) as unknown as { modulePathIgnorePatterns: string[]; projects: { modulePathIgnorePatterns: string[] }[] };
    const hidden = (patterns: string[], file: string) => patterns.some((p) => new RegExp(p).test(join(dir, file)));
    expect(config.modulePathIgnorePatterns[0]).toBe('<rootDir>/dist/');
    expect(hidden(config.modulePathIgnorePatterns, '__mocks__/axios.js')).toBe(true);
    expect(hidden(config.modulePathIgnorePatterns, '__mocks__/@acme/ui.tsx')).toBe(true);
    expect(hidden(config.modulePathIgnorePatterns, '__mocks__/fs.js')).toBe(false);
    expect(config.projects[0]!.modulePathIgnorePatterns).toEqual(config.modulePathIgnorePatterns.slice(1));
  });

  it("excludes Jest's files from Vitest (glob characters escaped) and passes with none of its own yet", () => {
    expect(helper.excludeJestFiles({ environment: 'jsdom' })).toEqual({
      passWithNoTests: true,
      environment: 'jsdom',
      exclude: ['**/node_modules/**', '**/.git/**', 'src/b/d.test.js', 'src/b/e.test.ts', 'tests/functional/fields.ts'],
    });
    expect(helper.excludeJestFiles({ exclude: ['e2e/**'] }).exclude).toEqual(['e2e/**', 'src/b/d.test.js', 'src/b/e.test.ts', 'tests/functional/fields.ts']);
  });

  it("excludes them in each project, relative to the project's dir (react-hook-form's projects have dir: 'src')", () => {
    const wrapped = helper.excludeJestFiles({ projects: [{ extends: true, test: { dir: 'src/b', name: 'b' } }, { test: { name: 'all', exclude: ['x/**'] } }] });
    const [b, all] = wrapped.projects as { test: { exclude: string[] } }[];
    expect(b!.test.exclude).toEqual(['**/node_modules/**', '**/.git/**', 'd.test.js', 'e.test.ts']);
    expect(all!.test.exclude).toEqual(['x/**', 'src/b/d.test.js', 'src/b/e.test.ts', 'tests/functional/fields.ts']);
  });
});

describe('a Vite config loading the helper', () => {
  // Vite bundles its config; an imported .cjs is inlined, and in Vite 5's (esbuild's) ESM bundle of
  // a "type": "module" project its require('node:fs') throws "Dynamic require of "node:fs" is not
  // supported" (react-testing-recipes in the corpus). Vite 8, here, inlines it without that error,
  // so this pins only that the new form loads in both module kinds; the corpus shows the failure.
  const config = (load: string) => `${load}\nexport default { test: excludeJestFiles({ globals: true }) };\n`;
  const loadIn = async (type: 'module' | 'commonjs', load: string) => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type }));
    writeFileSync(join(dir, 'vite.config.ts'), config(load));
    return loadConfigFromFile({ command: 'serve', mode: 'test' }, join(dir, 'vite.config.ts'), dir, 'silent');
  };

  it('loads it through Node in ESM and CommonJS projects alike, from the config folder', async () => {
    for (const type of ['module', 'commonjs'] as const) {
      const loaded = await loadIn(type, splitImport());
      const test = (loaded?.config as { test: { exclude: string[] } }).test;
      expect(test.exclude, type).toContain('src/b/d.test.js');
      expect(test.exclude, type).not.toContain('src/a/a.test.ts');
    }
  });

  it("loads under Vite's native config loader too (Node's own ESM, where __filename is not defined)", async () => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(join(dir, 'vite.config.mjs'), config(splitImport()));
    const loaded = await loadConfigFromFile({ command: 'serve', mode: 'test' }, join(dir, 'vite.config.mjs'), dir, 'silent', undefined, 'native');
    expect((loaded?.config as { test: { exclude: string[] } }).test.exclude).toContain('src/b/d.test.js');
  });

  it('is removed by finish, in every form it was written in', () => {
    const earlier = "const { excludeJestFiles } = createSplitRequire(__filename)('./jest-vitest-split.cjs');";
    const text = `import { defineConfig } from 'vite';\n${splitImport()}\n${earlier}\nimport { excludeJestFiles } from './${SPLIT_FILE}';\nexport default 1;\n`;
    expect(text.replace(SPLIT_IMPORT_LINES, '')).toBe("import { defineConfig } from 'vite';\nexport default 1;\n");
  });
});

describe('setup copies', () => {
  it('names the Vitest copy of a setup file and back', () => {
    expect(setupCopyPath('src/setupTests.ts')).toBe('src/setupTests.vitest.ts');
    expect(setupOriginalPath('src/setupTests.vitest.ts')).toBe('src/setupTests.ts');
    expect(setupCopyPath('jest.setup.mjs')).toBe('jest.setup.vitest.mjs');
  });
});
