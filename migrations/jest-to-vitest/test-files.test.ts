import { describe, expect, it } from 'vitest';
import testFileGlobs from './test-files.js';

function project(texts: Record<string, string>) {
  const read = async (path: string) => texts[path];
  const readMany = async (paths: readonly string[]) => new Map(paths.flatMap((path) => (texts[path] === undefined ? [] : [[path, texts[path]!] as const])));
  return { files: Object.keys(texts), read, readMany };
}
const manifest = (value: object) => JSON.stringify(value);

describe('test-files (modules.includeFrom)', () => {
  it("reads package.json's testRegex (prom-client: tests named counterTest.js)", async () => {
    const globs = await testFileGlobs(project({ 'package.json': manifest({ jest: { testRegex: '.*Test\\.js$' } }), 'test/counterTest.js': '' }));
    expect(globs).toEqual(['**/*Test.js']);
  });

  it('reads every config: a jest.config file with rootDir and projects, and a script-named one in a folder', async () => {
    const globs = await testFileGlobs(
      project({
        'package.json': manifest({ scripts: { test: 'jest', 'test:e2e': 'jest --config ./test/jest-e2e.json' } }),
        'jest.config.js': "module.exports = { rootDir: 'src', testMatch: ['<rootDir>/**/*.check.ts'], projects: [{ rootDir: '<rootDir>/../tools', testMatch: ['<rootDir>/t/*.ts'] }] };\n",
        'test/jest-e2e.json': manifest({ rootDir: '.', testRegex: '.e2e-spec.ts$' }),
      }),
    );
    expect(globs).toEqual(['**/*.e2e-spec.ts', 'src/**/*.check.ts', 'tools/t/*.ts']);
  });

  it("adds the helper modules that call Jest's API, but not setup files, configs or built output", async () => {
    const globs = await testFileGlobs(
      project({
        'package.json': manifest({ scripts: { test: 'jest' } }),
        'src/fixtures.ts': "export const mockNow = () => jest.spyOn(Date, 'now').mockReturnValue(0);\n",
        'src/[id]/helpers.js': 'export const f = jest.fn();\n',
        'src/setupTests.ts': 'jest.mock("x");\n',
        'jest.config.js': 'module.exports = { setupFiles: [] }; // jest.fn(\n',
        'dist/fixtures.js': 'jest.fn();\n',
        'src/app.ts': 'export const jestLike = { fn: 1 };\n',
      }),
    );
    expect(globs).toEqual(['src/fixtures.ts', 'src/\\[id\\]/helpers.js']);
  });

  it('adds nothing without a Jest config, for a regexp it cannot write as a glob, or a config that does not parse', async () => {
    expect(await testFileGlobs(project({ 'package.json': manifest({ scripts: { test: 'jest' } }), 'src/a.ts': 'export {};\n' }))).toEqual([]);
    expect(await testFileGlobs(project({ 'package.json': manifest({ jest: { testRegex: '(/__tests__/.*|(\\.|/)(test|spec))\\.[jt]sx?$' } }) }))).toEqual([]);
    expect(await testFileGlobs(project({ 'package.json': '{', 'jest.config.json': '{"testMatch": [' }))).toEqual([]);
  });
});
