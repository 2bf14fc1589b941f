// commonjs-globals.ts beyond the test files (whose rewrites are fixture pairs in
// __testfixtures__/commonjs-globals): the tsconfig and the Vitest config change only when some TS
// file's vitest import is charged, and an old TypeScript keeps its type imports. The whole finish
// with a real tsc and Vitest: test/e2e/jest-to-vitest-commonjs-types.test.ts.
import { describe, expect, it } from 'vitest';
import { transformRunner } from '../../test/helpers/transform-fixtures.js';

const run = transformRunner(import.meta.dirname, { 'commonjs-globals': 'ts-morph' } as const, 'tsx');
const TEST = "import { describe, expect, it } from 'vitest';\n\ndescribe('a', () => it('b', () => expect(1).toBe(1)));\n";
const TSCONFIG = '{\n  "compilerOptions": {\n    "module": "node16",\n    // Jest\'s globals for the tests\n    "types": [\n      "node",\n      "jest",\n    ],\n  },\n}\n';
const CONFIG = "import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({\n  test: {\n    environment: 'node',\n    setupFiles: ['./vitest.jest-compat.ts'],\n  },\n});\n";

describe('commonjs-globals beside the test files', () => {
  it('puts vitest/globals where "jest" was in the tsconfig, comments and layout kept', async () => {
    const { output } = await run('commonjs-globals', 'tsconfig.json', TSCONFIG, {}, { 'package.json': '{}', 'src/a.test.ts': TEST });
    expect(output).toBe(TSCONFIG.replace('"jest"', '"vitest/globals"'));
  });

  it('sets globals: true in the Vitest config, in its style; a `globals: false` becomes true', async () => {
    const others = { 'package.json': '{}', 'tsconfig.json': TSCONFIG, 'src/a.test.ts': TEST };
    expect((await run('commonjs-globals', 'vitest.config.mts', CONFIG, {}, others)).output).toBe(CONFIG.replace("    environment: 'node',", "    globals: true,\n    environment: 'node',"));
    const inline = "export default { test: { globals: false, environment: 'node' } };\n";
    expect((await run('commonjs-globals', 'vitest.config.mts', inline, {}, others)).output).toBe("export default { test: { globals: true, environment: 'node' } };\n");
    const empty = 'export default { test: {} };\n';
    expect((await run('commonjs-globals', 'vite.config.ts', empty, {}, others)).output).toBe('export default { test: { globals: true } };\n');
    const noTest = await run('commonjs-globals', 'vitest.config.mts', 'export default {};\n', {}, others);
    expect(noTest.reports).toEqual([{ message: "the tests now take describe, it, expect and vi from Vitest's globals: set `test.globals: true` in this config by hand" }]);
  });

  it('changes neither when no TS file imports from vitest where it is charged (ESM package, skipLibCheck, JavaScript tests)', async () => {
    const esm = { 'package.json': '{ "type": "module" }', 'src/a.test.ts': TEST };
    expect((await run('commonjs-globals', 'tsconfig.json', TSCONFIG, {}, esm)).output).toBe(TSCONFIG);
    expect((await run('commonjs-globals', 'vitest.config.mts', CONFIG, {}, { ...esm, 'tsconfig.json': TSCONFIG })).output).toBe(CONFIG);
    const skipping = TSCONFIG.replace('"module": "node16",', '"module": "node16", "skipLibCheck": true,');
    expect((await run('commonjs-globals', 'tsconfig.json', skipping, {}, { 'package.json': '{}', 'src/a.test.ts': TEST })).output).toBe(skipping);
    expect((await run('commonjs-globals', 'vitest.config.mts', CONFIG, {}, { 'package.json': '{}', 'tsconfig.json': TSCONFIG, 'src/a.test.js': TEST })).output).toBe(CONFIG);
  });

  it('leaves a type-only import unmarked and says so where TypeScript is older than 5.3 (no resolution-mode on it)', async () => {
    const text = "import { it, type Mock } from 'vitest';\n\nit('a', () => {});\nexport type M = Mock;\n";
    const old = { 'package.json': '{ "devDependencies": { "typescript": "^5.0.4" } }', 'yarn.lock': 'typescript@^5.0.4:\n  version "5.2.2"\n', 'tsconfig.json': TSCONFIG };
    const { output, reports } = await run('commonjs-globals', 'src/a.test.ts', text, {}, old);
    expect(output).toBe("import type { Mock } from 'vitest';\n\nit('a', () => {});\nexport type M = Mock;\n");
    expect(reports).toEqual([
      { message: "TypeScript reads this file as CommonJS, where an import of 'vitest' costs the type check TS1479 (vitest/index.d.cts): line 1: type-only imports (Mock) stay charged: `resolution-mode` on them needs TypeScript 5.3" },
    ]);
  });
});
