import { describe, expect, it } from 'vitest';
import testFileGlobs from './test-files.js';

function project(texts: Record<string, string>) {
  return { files: Object.keys(texts), read: async (path: string) => texts[path] };
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

  it('adds nothing without a Jest config, for a regexp it cannot write as a glob, or a config that does not parse', async () => {
    expect(await testFileGlobs(project({ 'package.json': manifest({ scripts: { test: 'jest' } }) }))).toEqual([]);
    expect(await testFileGlobs(project({ 'package.json': manifest({ jest: { testRegex: '(/__tests__/.*|(\\.|/)(test|spec))\\.[jt]sx?$' } }) }))).toEqual([]);
    expect(await testFileGlobs(project({ 'package.json': '{', 'jest.config.json': '{"testMatch": [' }))).toEqual([]);
  });
});
