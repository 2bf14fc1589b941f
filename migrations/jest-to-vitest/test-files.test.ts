import { describe, expect, it } from 'vitest';
import readTestFiles from './test-files.js';

function project(texts: Record<string, string>) {
  const read = async (path: string) => texts[path];
  const readMany = async (paths: readonly string[]) => new Map(paths.flatMap((path) => (texts[path] === undefined ? [] : [[path, texts[path]!] as const])));
  return { files: Object.keys(texts), read, readMany };
}
const manifest = (value: object) => JSON.stringify(value);
/** The globs added to modules.include. */
const testFileGlobs = async (files: ReturnType<typeof project>) => (await readTestFiles(files)).include;

describe('test-files (modules.includeFrom)', () => {
  it("reads package.json's testRegex (prom-client: tests named counterTest.js)", async () => {
    const globs = await testFileGlobs(project({ 'package.json': manifest({ jest: { testRegex: '.*Test\\.js$' } }), 'test/counterTest.js': '' }));
    expect(globs).toEqual(['**/*Test.js']);
  });

  it("leaves out the test files the test script's Jest does not run (uuid: `jest test/unit/`, beside a WebdriverIO spec and a Jest example project)", async () => {
    const files = {
      'test/unit/v1.test.js': '',
      'test/unit/__snapshots__/v1.test.js.snap': '',
      'test/browser/browser.spec.js': '',
      'examples/node-jest/node.test.js': '',
      'examples/node-jest/package.json': '{}',
    };
    const uuid = { test: 'BABEL_ENV=commonjsNode node --throw-deprecation node_modules/.bin/jest test/unit/' };
    const excluded = async (scripts: Record<string, string>) => (await readTestFiles(project({ 'package.json': manifest({ scripts }), ...files }))).exclude;
    expect(await excluded(uuid)).toEqual(['test/browser/browser.spec.js', 'examples/node-jest/node.test.js']);
    expect(await excluded({ test: 'jest --ci --testPathPattern=examples' })).toEqual(['test/unit/v1.test.js', 'test/unit/__snapshots__/v1.test.js.snap', 'test/browser/browser.spec.js']);
    // Nothing is left out where the script names no path, runs Jest twice, or has a flag that may take the next word.
    for (const test of ['jest --ci', 'jest && eslint src', 'jest test/unit && jest examples', 'jest --maxWorkers 2 test/unit', 'jest ^test/unit']) {
      expect(await excluded({ test })).toEqual([]);
    }
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
    expect(globs).toEqual(['src/\\[id\\]/helpers.js', 'src/fixtures.ts']);
  });

  it("adds files that call Jest's test globals unbound, or import @jest/globals; not those that bind the names, nor other runners' files", async () => {
    const globs = await testFileGlobs(
      project({
        'package.json': manifest({ scripts: { test: 'jest' }, devDependencies: { jest: '^29.0.0', '@playwright/test': '^1.40.0' } }),
        // zod's playground.ts: typed by @types/jest only.
        'playground.ts': 'import { z } from "./src";\ntest("asdf", () => {\n  expect(z.coerce.date().parse("3.14")).toBeInstanceOf(Date);\n});\n',
        'src/test-utils/expect-valid.ts': 'export function expectValid(value: unknown) {\n  expect(value).toBeTruthy();\n}\n',
        'src/test-utils/table.js': 'module.exports.cases = (rows) => test.each(rows)("%s", (row) => {});\n',
        'src/test-utils/tagged.ts': 'export const cases = () => it.each`\n  a\n  ${1}\n`("$a", () => {});\n',
        'src/test-utils/globals.ts': "import { expect } from '@jest/globals';\nexport const same = (a: unknown, b: unknown) => expect(a).toEqual(b);\n",
        'e2e/login.spec-helper.ts': "export const go = () => test('x', () => {});\n",
        'tests/pw.ts': "import { test, expect } from '@playwright/test';\ntest('page', async () => { expect(1).toBe(1); });\n",
        'src/chai-helper.ts': "const { expect } = require('chai');\nexport const ok = (v) => expect(v).to.be.ok;\n",
        'src/own-test.ts': 'function test(name: string) { return name; }\nexport const t = test("x");\n',
        'src/regex.ts': 'export const isId = (s: string) => /^[a-z]+$/.test(s) && s.it(1);\n',
        'src/comment.ts': '// let it be\nexport const described = 1;\n',
      }),
    );
    expect(globs.sort()).toEqual(['playground.ts', 'src/test-utils/expect-valid.ts', 'src/test-utils/globals.ts', 'src/test-utils/table.js', 'src/test-utils/tagged.ts']);
  });

  it("takes no global's name in a string, a comment, a method declaration or Yarn's vendored files as a call (zod, react-spinners)", async () => {
    const globs = await testFileGlobs(
      project({
        'package.json': manifest({ scripts: { test: 'jest' }, devDependencies: { jest: '^29.0.0' } }),
        // zod's .dependency-cruiser.js: "it (" and "test(" inside strings, "describe(" in a comment.
        '.dependency-cruiser.js':
          'module.exports = {\n  forbidden: [{ comment: "declare it (only!) in the dependencies", to: { path: "^(test(s?)|spec(s?))/[^/]+" } }],\n  // describe(the rule)\n};\n',
        // zod's src/types.ts: a method named describe, called only as a member.
        'src/types.ts': 'export class ZodType {\n  describe(description: string): this {\n    return this;\n  }\n}\nexport const s = new ZodType().describe("x");\n',
        '.yarn/releases/yarn-4.9.1.cjs': 'class R { test(e) { return !!e; } }\ntest(1);\n',
        '.pnp.cjs': 'it(1);\n',
        // A CommonJS helper that declares tests, imported by no file of another folder.
        'test/declare.js': 'exports.withNow = function (name, dt, f) {\n  test(name, () => f());\n};\n',
      }),
    );
    expect(globs).toEqual(['test/declare.js']);
  });

  it("takes no Flow library definition for a helper (graphql/dataloader's flow-typed/npm/jest_v24.x.x.js declares Jest's API)", async () => {
    const globs = await testFileGlobs(
      project({
        'package.json': manifest({ scripts: { testonly: 'jest src' }, devDependencies: { jest: '24.9.0', 'flow-bin': '0.112.0' } }),
        'flow-typed/npm/jest_v24.x.x.js': 'declare var jest: JestObjectType;\ndeclare function describe(name: JestTestName, fn: () => void): void;\ntype T = typeof jest.fn;\ndescribe("x", () => {});\n',
        'src/__tests__/dataloader.test.js': "// @flow\nconst DataLoader = require('..');\nit('loads', () => {});\n",
      }),
    );
    expect(globs).toEqual([]);
  });

  it("keeps a helper that files of other folders import in one step with them, through other modules too (luxon's test/helpers.js)", async () => {
    const helpers = 'import { Settings } from "../src/luxon";\nexports.withNow = function (name, dt, f) {\n  test(name, () => f());\n};\n';
    const { include, together } = await readTestFiles(
      project({
        'package.json': manifest({ scripts: { test: 'jest' }, devDependencies: { jest: '^29.0.0' } }),
        'test/helpers.js': helpers,
        'test/datetime/diff.test.js': 'import { DateTime } from "../../src/luxon";\nconst Helpers = require("../helpers");\nHelpers.withNow("x", DateTime.now(), () => {});\n',
        'test/info/zones.test.js': 'import { withNow } from "../helpers.js";\n',
        'test/datetime/plain.test.js': 'import { DateTime } from "../../src/luxon";\n',
        'lib/index.ts': 'export const ok = (v: unknown) => expect(v).toBeTruthy();\n',
        'tools/check.ts': "import { ok } from '../lib';\nok(1);\n",
        'lib/expect.ts': 'export const same = (a: unknown, b: unknown) => expect(a).toEqual(b);\n',
        'lib/more.ts': "export * from './expect.js';\n",
        'spec/more.test.ts': "import { same } from '../lib/more';\n",
        'src/test-utils/expect-valid.ts': 'export function expectValid(value: unknown) {\n  expect(value).toBeTruthy();\n}\n',
        'src/test-utils/valid.test.ts': "import { expectValid } from './expect-valid';\nexpectValid(1);\n",
        'src/spy.ts': 'export const spy = jest.fn();\n',
        'src/a/spy.test.ts': "import { spy } from '../spy';\n",
      }),
    );
    expect(include.sort()).toEqual(['lib/expect.ts', 'lib/index.ts', 'src/spy.ts', 'src/test-utils/expect-valid.ts', 'test/helpers.js']);
    expect(together).toEqual([
      ['lib/expect.ts', 'lib/more.ts', 'spec/more.test.ts'],
      ['lib/index.ts', 'tools/check.ts'],
      ['src/spy.ts', 'src/a/spy.test.ts'],
      ['src/test-utils/expect-valid.ts', 'src/test-utils/valid.test.ts'],
      ['test/helpers.js', 'test/datetime/diff.test.js', 'test/info/zones.test.js'],
    ]);
  });

  it('keeps a manual mock in jest.fn() form in one step with the tests that mock its module, wherever they are', async () => {
    const { together, exclude } = await readTestFiles(
      project({
        'package.json': manifest({ scripts: { test: 'jest' }, devDependencies: { jest: '^29.0.0' } }),
        'src/api/client.js': 'export const get = () => fetch("/x");\n',
        'src/api/__mocks__/client.js': 'export const get = jest.fn(() => Promise.resolve({}));\n',
        'src/api/client.test.js': "import { get } from './client';\njest.mock('./client');\n",
        'src/pages/home/home.test.js': "jest.mock('../../api/client.js');\nimport { get } from '../../api/client';\n",
        'src/pages/about.test.js': "import { get } from '../api/client';\n",
        // a stub with no Jest in it works on both runners: no group
        'src/store/__mocks__/index.js': 'export default {};\n',
        'src/store/store.test.js': "jest.mock('.');\njest.mock('./index');\n",
        // through the config's alias and module folder; a package's name is no project file
        'jest.config.json': JSON.stringify({ moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' }, moduleDirectories: ['node_modules', 'src'] }),
        'test/alias.test.js': "jest.mock('@/api/client');\n",
        'test/folder.test.js': "jest.mock('api/client');\njest.mock('axios');\n",
      }),
    );
    expect(together).toEqual([['src/api/__mocks__/client.js', 'src/api/client.test.js', 'src/pages/home/home.test.js', 'test/alias.test.js', 'test/folder.test.js']]);
    expect(exclude).toEqual([]);
  });

  it("looks for test globals only where no other runner that calls them (Mocha, Jasmine, Cypress) is a dependency", async () => {
    const files = { 'src/assert-helper.ts': 'export const ok = (v: unknown) => expect(v).toBeTruthy();\n', 'src/spy.ts': 'export const spy = jest.fn();\n' };
    const withMocha = await testFileGlobs(project({ 'package.json': manifest({ scripts: { test: 'jest' }, devDependencies: { jest: '^29.0.0', mocha: '^10.0.0' } }), ...files }));
    expect(withMocha).toEqual(['src/spy.ts']);
  });

  it('adds nothing without a Jest config, for a regexp it cannot write as a glob, or a config that does not parse', async () => {
    expect(await testFileGlobs(project({ 'package.json': manifest({ scripts: { test: 'jest' } }), 'src/a.ts': 'export {};\n' }))).toEqual([]);
    expect(await testFileGlobs(project({ 'package.json': manifest({ jest: { testRegex: '(/__tests__/.*|(\\.|/)(test|spec))\\.[jt]sx?$' } }) }))).toEqual([]);
    expect(await testFileGlobs(project({ 'package.json': '{', 'jest.config.json': '{"testMatch": [' }))).toEqual([]);
  });
});
