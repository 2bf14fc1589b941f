import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRealVitestProjects, type ProjectResult } from '../../test/helpers/real-vitest.js';
import type { JsonValue } from './jest-config.js';
import { vitestSettings } from './vitest-settings.js';

// The real Vitest runs of this file (this repository's Vitest over a fixture project whose setup
// file is the compat file) are one Vitest run over all of their projects, each in a folder of its
// own with its own config: a test that needs one declares its project when the file is collected
// and reads that project's results. One start of Vitest instead of seven.
const projects = new Map<string, (dir: string) => void>();
let root: string | undefined;
let results: Map<string, ProjectResult> | undefined;
let output = '';

/** Declares a project, built in its folder by `build` before the tests; returns a reader of its results. */
function realVitestProject(name: string, build: (dir: string) => void): () => ProjectResult {
  projects.set(name, build);
  return () => {
    const result = results?.get(name);
    if (result === undefined) throw new Error(`no results for project ${name}:\n${output}`);
    return result;
  };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'codemigrate-vitest-projects-'));
  for (const [name, build] of projects) {
    mkdirSync(join(root, name));
    build(join(root, name));
  }
  ({ results, output } = runRealVitestProjects(root, [...projects.keys()]));
});
afterAll(() => {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
});

/** Every test of the project passed, and there were `count` of them. */
function expectPassed(result: ProjectResult, count: number): void {
  expect(result.failed, result.messages.join('\n') || output).toEqual([]);
  expect(result.passed, output).toHaveLength(count);
}

describe('vitestSettings while both runners are installed (coexist)', () => {
  it("names Vitest copies of the local setup files, at the top and in each project, and lists each copy once", () => {
    const config = {
      setupFiles: ['<rootDir>/polyfills.js', 'jest-canvas-mock'],
      projects: [
        { displayName: 'web', testEnvironment: 'jsdom', setupFilesAfterEnv: ['<rootDir>/scripts/jest/setup.ts'] },
        { displayName: 'server', testEnvironment: 'node', setupFilesAfterEnv: ['<rootDir>/scripts/jest/setup.ts'] },
      ],
    };
    const { translation, copies } = vitestSettings({ devDependencies: { jest: '^29' } }, { file: 'jest.config.js', config, unread: [] }, false, true);
    expect(copies).toEqual([
      { from: 'polyfills.js', to: 'polyfills.vitest.js' },
      { from: 'scripts/jest/setup.ts', to: 'scripts/jest/setup.vitest.ts' },
    ]);
    expect(translation.test['setupFiles']).toEqual(expect.arrayContaining(['./polyfills.vitest.js', 'vitest-canvas-mock']));
    const projects = translation.test['projects'] as { test: { setupFiles?: string[] } }[];
    for (const project of projects) expect(project.test.setupFiles).toContain('./scripts/jest/setup.vitest.ts');
  });

  it('names no copy in the one-shot migration', () => {
    const found = { file: 'jest.config.js', config: { setupFilesAfterEnv: ['<rootDir>/src/setupTests.ts'] }, unread: [] };
    const { translation, copies } = vitestSettings({}, found, false);
    expect(copies).toEqual([]);
    expect(translation.test['setupFiles']).toEqual(['./vitest.jest-compat.ts', './src/setupTests.ts']);
  });
});

describe('a global jest for the Jest packages a project keeps', () => {
  it('is vi itself when jest-fetch-mock is kept (its enableMocks calls jest.fn), not the timers-only object', () => {
    const kept = vitestSettings({ devDependencies: { jest: '^29', 'jest-fetch-mock': '^3', '@testing-library/react': '^14' } }, undefined, false, true);
    expect(kept.compat?.text).toContain("Object.assign(globalThis, { jest: vi })");
    const plain = vitestSettings({ devDependencies: { jest: '^29', '@testing-library/react': '^14' } }, undefined, false, true);
    expect(plain.compat?.text).toContain('jest: { advanceTimersByTime');
  });
});

describe("the compat file's error snapshots", () => {
  // A real Vitest (this repository's) runs tests against snapshots in the form Jest wrote them.
  const fixtures = join(import.meta.dirname, 'compat-fixtures/error-snapshots');

  const errorSnapshots = (jestMajor: number, snapshotFile: string) =>
    realVitestProject(`error-snapshots-${jestMajor}`, (dir) => {
      const { compat } = vitestSettings({ type: 'module', devDependencies: { jest: `^${jestMajor}` } }, undefined, false);
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(join(dir, compat.path), compat.text);
      writeFileSync(join(dir, 'vitest.config.js'), `export default { test: { setupFiles: ['./${compat.path}'] } };\n`);
      writeFileSync(join(dir, 'errors.test.js'), readFileSync(join(fixtures, 'errors.test.js')));
      mkdirSync(join(dir, '__snapshots__'));
      writeFileSync(join(dir, '__snapshots__/errors.test.js.snap'), readFileSync(join(fixtures, snapshotFile)));
    });
  const jest29 = errorSnapshots(29, 'jest29.snap');
  const jest30 = errorSnapshots(30, 'jest30.snap');

  it('match what Jest 29 stored: the message of a thrown or rejected error, whatever its class; a changed message fails', () => {
    const { passed, failed, messages } = jest29();
    expect(failed, output).toEqual(['a message the snapshot does not have']);
    expect(passed, messages.join('\n')).toHaveLength(3);
    expect(messages.join('\n')).toContain('Snapshot `a message the snapshot does not have 1` mismatched');
  });

  it("match what Jest 30 stored: the message and each cause's", () => {
    const { passed, failed, messages } = jest30();
    expect(failed, output).toEqual(['a message the snapshot does not have']);
    expect(passed, messages.join('\n')).toHaveLength(3);
  });
});

describe("the compat file's Node flags", () => {
  const flags = compatFixtureProject('node-flags/flags.test.js');
  it("takes Vitest's own worker flags out of process.execArgv, which a child a test starts would get", () => {
    expectPassed(flags(), 1);
  });
});

describe("the compat file's Error equality", () => {
  const equality = compatFixtureProject('error-equality/equality.test.js');
  it("compares Errors by message as Jest's toEqual did, and by class too for toStrictEqual (real Vitest run)", () => {
    expectPassed(equality(), 2);
  });
});

describe('a package among the setup files that extends the global expect (jest-extended/all, jest-chain)', () => {
  const withSetup = (setupFilesAfterEnv: string[]) => vitestSettings({ type: 'module', devDependencies: { jest: '^29' } }, { file: 'jest.config.js', config: { setupFilesAfterEnv }, unread: [] }, false);

  it('gets Vitest\'s expect as a global from the compat file, which runs first: the setup files run in order', () => {
    const { compat, translation } = withSetup(['jest-extended/all', '<rootDir>/setup.js']);
    expect(translation.test['setupFiles']).toEqual(['./vitest.jest-compat.js', 'jest-extended/all', './setup.js']);
    expect(translation.test['sequence']).toEqual({ setupFiles: 'list' });
    expect(compat.text).toContain("if (!('expect' in globalThis)) Object.assign(globalThis, { expect });");
  });

  it('leaves the config and the compat file alone for the project\'s own setup files and Vitest entries', () => {
    for (const files of [['<rootDir>/setup.js'], ['@testing-library/jest-dom'], ['jest-canvas-mock']]) {
      const { compat, translation } = withSetup(files);
      expect(translation.test['sequence']).toBeUndefined();
      expect(compat.text).not.toContain('{ expect }');
    }
  });

  const matchers = realVitestProject('package-matchers', (dir) => {
    const fixtures = join(import.meta.dirname, 'compat-fixtures/package-matchers');
    const { compat, translation } = withSetup(['fake-jest-matchers']);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, compat.path), compat.text);
    const test = { setupFiles: translation.test['setupFiles'], sequence: translation.test['sequence'] };
    writeFileSync(join(dir, 'vitest.config.js'), `export default { test: ${JSON.stringify(test)} };\n`);
    cpSync(join(fixtures, 'fake-jest-matchers'), join(dir, 'node_modules/fake-jest-matchers'), { recursive: true });
    writeFileSync(join(dir, 'matchers.test.js'), readFileSync(join(fixtures, 'matchers.test.js')));
  });
  it('finds its matchers on the expect the tests import (real Vitest run; the default parallel setup files stop it)', () => {
    expectPassed(matchers(), 1);
  });
});

describe("the Jest config's globals values (`globals: { __DEV__: true }`)", () => {
  const settings = () =>
    vitestSettings({ type: 'module', devDependencies: { jest: '^28' } }, { file: 'jest.config.js', config: { globals: { __DEV__: true, __LABEL__: { name: 'store' }, 'ts-jest': { isolatedModules: true } } }, unread: [] }, false);

  it('go on the global object in the compat file; a transformer\'s options among them do not', () => {
    const { compat } = settings();
    expect(compat.text).toContain('Object.assign(globalThis, {"__DEV__":true,"__LABEL__":{"name":"store"}});');
    expect(compat.text).not.toContain('isolatedModules');
  });

  const globalValues = realVitestProject('global-values', (dir) => {
    const { compat, translation } = settings();
    cpSync(join(import.meta.dirname, 'compat-fixtures/global-values'), dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, compat.path), compat.text);
    writeFileSync(join(dir, 'vitest.config.js'), `export default { test: ${JSON.stringify({ setupFiles: translation.test['setupFiles'] })} };\n`);
  });
  it("are there before a test file's modules load (real Vitest run)", () => {
    expectPassed(globalValues(), 1);
  });
});

describe('a test helper that reaches Jest\'s globals when a test calls it (jest-mock-warn)', () => {
  const settings = () => vitestSettings({ type: 'module', devDependencies: { jest: '^28', 'jest-mock-warn': '^1.1.0' } }, { file: 'jest.config.js', config: {}, unread: [] }, false);

  it('gets Vitest\'s globals and `jest` as vi', () => {
    const { compat, translation } = settings();
    expect(translation.test['globals']).toBe(true);
    expect(compat.text).toContain("Object.assign(globalThis, { jest: vi })");
  });

  const globalTestApi = realVitestProject('global-test-api', (dir) => {
    const fixtures = join(import.meta.dirname, 'compat-fixtures/global-test-api');
    const { compat, translation } = settings();
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, compat.path), compat.text);
    const test = { globals: translation.test['globals'], setupFiles: translation.test['setupFiles'] };
    writeFileSync(join(dir, 'vitest.config.js'), `export default { test: ${JSON.stringify(test)} };\n`);
    cpSync(join(fixtures, 'jest-mock-warn'), join(dir, 'node_modules/jest-mock-warn'), { recursive: true });
    writeFileSync(join(dir, 'warn.test.js'), readFileSync(join(fixtures, 'warn.test.js')));
  });
  it('registers its hooks and matchers from a test file (real Vitest run)', () => {
    expectPassed(globalTestApi(), 1);
  });
});

describe("the compat file in jsdom", () => {
  it("hides setImmediate while the test file's modules load and gives it back before the tests (jsdom's FileReader and XMLHttpRequest call it)", () => {
    const { compat } = vitestSettings({ devDependencies: { jest: '^27' } }, { file: 'jest.config.js', config: { testEnvironment: 'jsdom' }, unread: [] }, false, true);
    expect(compat.text).toContain("import { beforeAll, chai, expect, vi } from 'vitest';");
    expect(compat.text).toContain("  Reflect.deleteProperty(globalThis, 'setImmediate');\n  Reflect.deleteProperty(globalThis, 'clearImmediate');\n  beforeAll(() => {\n    Object.assign(globalThis, { setImmediate, clearImmediate });");
    expect(compat.text).not.toContain("'fetch'");
  });

  it("removes Node's fetch when a fetch polyfill is a setup file (bookshelf's whatwg-fetch, which msw 0.x sees through XMLHttpRequest)", () => {
    const config = { testEnvironment: 'jest-environment-jsdom', setupFiles: ['whatwg-fetch'] };
    const { compat, translation } = vitestSettings({ devDependencies: { jest: '^27' } }, { file: 'jest.config.js', config, unread: [] }, false, true);
    expect(compat.text).toContain("for (const name of ['fetch', 'Request', 'Response', 'Headers']) Reflect.deleteProperty(globalThis, name);");
    // The compat file runs first: the polyfill then finds no fetch, as in Jest's jsdom.
    expect(translation.test['setupFiles']).toEqual(['./vitest.jest-compat.js', 'whatwg-fetch']);
    const node = vitestSettings({ devDependencies: { jest: '^27' } }, { file: 'jest.config.js', config: { setupFiles: ['whatwg-fetch'] }, unread: [] }, false, true);
    expect(node.compat.text).not.toContain("'fetch'");
  });
});

describe("the compat file's fake timers", () => {
  const clock = compatFixtureProject('fake-timers/clock.test.js');
  it("start their clock at the real time, as Jest's did, leaving a Date.now the test mocked uncalled and in place (real Vitest run)", () => {
    expectPassed(clock(), 1);
  });
});

describe("a Jest config that turns fake timers on for every test file (fakeTimers.enableGlobally)", () => {
  const settings = () =>
    vitestSettings({ type: 'module', devDependencies: { jest: '^29' } }, { file: 'jest.config.js', config: { fakeTimers: { enableGlobally: true, doNotFake: ['setImmediate'] } }, unread: [] }, false);

  it('gets vi.useFakeTimers() at the end of the compat file, and the timers it leaves real in test.fakeTimers', () => {
    const { compat, translation } = settings();
    expect(compat.text.trimEnd().split('\n').pop()).toBe('vi.useFakeTimers();');
    expect(translation.test['fakeTimers']).toEqual({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'clearImmediate', 'Date', 'hrtime', 'performance'] });
    expect(translation.warnings).toEqual([]);
    expect(vitestSettings({ type: 'module', devDependencies: { jest: '^29' } }, undefined, false).compat.text).not.toContain('vi.useFakeTimers();');
  });

  const globalTimers = realVitestProject('global-fake-timers', (dir) => {
    const { compat, translation } = settings();
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, compat.path), compat.text);
    writeFileSync(join(dir, 'vitest.config.js'), `export default { test: ${JSON.stringify({ setupFiles: translation.test['setupFiles'], fakeTimers: translation.test['fakeTimers'] })} };\n`);
    cpSync(join(import.meta.dirname, 'compat-fixtures/global-fake-timers'), dir, { recursive: true });
  });
  it("start every test file with fake timers, before its modules load, leaving real what doNotFake names (real Vitest run)", () => {
    expectPassed(globalTimers(), 2);
  });
});

describe('a project whose tests fake timers through sinon (kelektiv/node-cron)', () => {
  it('gets a process object of its own per test file in the compat file; other projects do not', () => {
    for (const name of ['sinon', '@sinonjs/fake-timers', 'lolex']) {
      expect(vitestSettings({ devDependencies: { jest: '^30', [name]: '*' } }, undefined, false).compat.text).toContain("vi.stubGlobal('process', Object.create(process));");
    }
    expect(vitestSettings({ devDependencies: { jest: '^30' } }, undefined, false).compat.text).not.toContain('stubGlobal');
  });

  const processCopy = realVitestProject('process-copy', (dir) => {
    const { compat } = vitestSettings({ type: 'module', devDependencies: { jest: '^30', sinon: '21.1.2' } }, undefined, false);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, compat.path), compat.text);
    writeFileSync(join(dir, 'vitest.config.js'), `export default { test: { setupFiles: ['./${compat.path}'] } };\n`);
    cpSync(join(import.meta.dirname, 'compat-fixtures/process-copy'), dir, { recursive: true });
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(resolve(import.meta.dirname, '../../node_modules/@sinonjs'), join(dir, 'node_modules/@sinonjs'));
  });
  it("keeps a fake process.nextTick from the worker's IPC: a module loads under the fake clock and the run ends (real Vitest run; without the copy it never ends)", () => {
    expectPassed(processCopy(), 2);
  });
});

/** A project of one compat-fixtures test file, an ES-module project whose setup file is the compat file (Jest 29's). */
function compatFixtureProject(fixture: string): () => ProjectResult {
  return realVitestProject(fixture.split('/')[0]!, (dir) => {
    const { compat } = vitestSettings({ type: 'module', devDependencies: { jest: '^29' } }, undefined, false);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, compat.path), compat.text);
    writeFileSync(join(dir, 'vitest.config.js'), `export default { test: { setupFiles: ['./${compat.path}'] } };\n`);
    writeFileSync(join(dir, fixture.split('/').pop()!), readFileSync(join(import.meta.dirname, 'compat-fixtures', fixture)));
  });
}

describe("Jest's globalTeardown (mongodb-memory-server's pattern: the setup starts a server, the teardown stops it)", () => {
  const build = (teardownFile: string, teardownText: string) => (dir: string) => {
    const found = { file: 'jest.config.js', config: { globalSetup: '<rootDir>/test/global-setup.js', globalTeardown: `<rootDir>/test/${teardownFile}` }, unread: [] };
    const { translation, compat, teardown } = vitestSettings({ type: 'module', devDependencies: { jest: '^29' } }, found, false);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, compat.path), compat.text);
    writeFileSync(join(dir, teardown!.path), teardown!.text);
    mkdirSync(join(dir, 'test'));
    // Jest's globalSetup and globalTeardown share the process's global object: the handle set by one is stopped by the other.
    writeFileSync(join(dir, 'test/global-setup.js'), 'export default async function () {\n  globalThis.__SERVER__ = { stopped: false };\n}\n');
    writeFileSync(join(dir, `test/${teardownFile}`), teardownText);
    writeFileSync(join(dir, 'vitest.config.js'), `export default { test: ${JSON.stringify({ setupFiles: translation.test['setupFiles'], globalSetup: translation.test['globalSetup'] })} };\n`);
    writeFileSync(join(dir, 'a.test.js'), "import { it, expect } from 'vitest';\nit('runs', () => expect(1).toBe(1));\n");
  };
  // CommonJS, as most Jest configs' own files are (module.exports = async function …); the global written where the test reads it.
  const report = (name: string) => `require('node:fs').writeFileSync(require('node:path').join(__dirname, 'torn-down.json'), JSON.stringify({ server: globalThis.__SERVER__, args: arguments.length, name: ${JSON.stringify(name)} }));`;
  const commonjs = realVitestProject('global-teardown-cjs', build('global-teardown.cjs', `module.exports = async function () {\n  ${report('cjs')}\n};\n`));
  // TypeScript compiled to CommonJS: `exports.default` beside __esModule (Jest unwraps it; so does Vitest's loader).
  const compiled = realVitestProject('global-teardown-compiled', build('global-teardown.cjs', `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.default = async function () {\n  ${report('compiled')}\n};\n`));
  const typescript = realVitestProject('global-teardown-ts', build('global-teardown.ts', `import { writeFileSync } from 'node:fs';\nexport default async function (globalConfig: object, projectConfig: object): Promise<void> {\n  writeFileSync(new URL('./torn-down.json', import.meta.url), JSON.stringify({ server: (globalThis as any).__SERVER__, args: [globalConfig, projectConfig].length, name: 'ts' }));\n}\n`));

  it('runs after the tests, in the process and global object of the globalSetup, with two config arguments', () => {
    expectPassed(commonjs(), 1);
    expectPassed(typescript(), 1);
    expectPassed(compiled(), 1);
    for (const [name, folder] of [['cjs', 'global-teardown-cjs'], ['ts', 'global-teardown-ts'], ['compiled', 'global-teardown-compiled']] as const) {
      const torn = JSON.parse(readFileSync(join(root!, folder, 'test/torn-down.json'), 'utf8')) as unknown;
      expect(torn).toEqual({ server: { stopped: false }, args: 2, name });
    }
  });

  it('is listed after the globalSetup, so that it runs on what the setup started', () => {
    const found = { file: 'jest.config.js', config: { globalSetup: './setup.ts', globalTeardown: './teardown.ts' }, unread: [] };
    const { translation, teardown } = vitestSettings({ devDependencies: { jest: '^29', typescript: '^5' } }, found, false);
    expect(teardown?.path).toBe('vitest.jest-global-teardown.ts');
    expect(translation.test['globalSetup']).toEqual(['./setup.ts', './vitest.jest-global-teardown.ts']);
    expect(vitestSettings({}, { file: 'jest.config.js', config: {}, unread: [] }, false).teardown).toBeUndefined();
  });
});

describe('graphql up to 16 in the tests: one copy, as Jest loaded it (type-graphql)', () => {
  const aliasesOf = (pkg: Record<string, JsonValue>) => vitestSettings(pkg, undefined, false).translation.aliases;
  const GRAPHQL_MAIN = { find: '^graphql$', replacement: 'graphql/index.js', relative: false };

  it('aliases graphql to its CommonJS main for graphql ≤ 16 (any dependency field), not for 17 or without graphql', () => {
    expect(aliasesOf({ dependencies: { graphql: '^16.8.1' } })).toEqual([GRAPHQL_MAIN]);
    expect(aliasesOf({ peerDependencies: { graphql: '^15.3.0 || ^16.0.0' } })).toEqual([GRAPHQL_MAIN]);
    expect(aliasesOf({ devDependencies: { graphql: '17.0.0-alpha.3' } })).toEqual([]);
    expect(aliasesOf({ dependencies: { graphql: 'workspace:*' } })).toEqual([]);
    expect(aliasesOf({ dependencies: { express: '^4' } })).toEqual([]);
  });

  // A package shaped as graphql 16 (an ES module beside its CommonJS main, each with its own class
  // and an instanceof check), a CommonJS dependency that requires it, as graphql-scalars does, and
  // a dual dependency whose ES module build imports 'graphql/index.mjs' by name, as
  // graphql-query-complexity's dist/esm does (Node loads it, not Vite: the alias cannot reach it).
  const dual = realVitestProject('graphql-main', (dir) => {
    const { translation, compat } = vitestSettings({ type: 'module', dependencies: { graphql: '^16.8.1' } }, undefined, false);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, compat.path), compat.text);
    const complexity = join(dir, 'node_modules/complexity');
    mkdirSync(join(complexity, 'dist/esm'), { recursive: true });
    mkdirSync(join(complexity, 'dist/cjs'), { recursive: true });
    writeFileSync(join(complexity, 'package.json'), '{ "name": "complexity", "version": "1.0.0", "main": "dist/cjs/index.js", "exports": { ".": { "import": "./dist/esm/index.js", "require": "./dist/cjs/index.js" } } }\n');
    writeFileSync(join(complexity, 'dist/esm/package.json'), '{ "type": "module" }\n');
    writeFileSync(join(complexity, 'dist/esm/index.js'), "import { isScalarType } from 'graphql/index.mjs';\nexport const check = (value) => isScalarType(value);\n");
    writeFileSync(join(complexity, 'dist/cjs/index.js'), "const { isScalarType } = require('graphql');\nexports.check = (value) => isScalarType(value);\n");
    const graphql = join(dir, 'node_modules/graphql');
    mkdirSync(graphql, { recursive: true });
    writeFileSync(join(graphql, 'package.json'), '{ "name": "graphql", "version": "16.8.1", "main": "index", "module": "index.mjs" }\n');
    const check = "(value) => { if (!(value instanceof GraphQLScalarType)) throw new Error('Cannot use GraphQLScalarType from another module or realm'); return true; }";
    writeFileSync(join(graphql, 'index.js'), `class GraphQLScalarType {}\nexports.GraphQLScalarType = GraphQLScalarType;\nexports.isScalarType = ${check};\n`);
    writeFileSync(join(graphql, 'index.mjs'), `export class GraphQLScalarType {}\nexport const isScalarType = ${check};\n`);
    const scalars = join(dir, 'node_modules/scalars');
    mkdirSync(scalars, { recursive: true });
    writeFileSync(join(scalars, 'package.json'), '{ "name": "scalars", "version": "1.0.0", "main": "index.js" }\n');
    writeFileSync(join(scalars, 'index.js'), "const { GraphQLScalarType } = require('graphql');\nexports.DateScalar = new GraphQLScalarType();\n");
    const alias = translation.aliases.map((entry) => `{ find: new RegExp(${JSON.stringify(entry.find)}), replacement: ${JSON.stringify(entry.replacement)} }`).join(', ');
    writeFileSync(join(dir, 'vitest.config.js'), `export default { test: { alias: [${alias}], setupFiles: ${JSON.stringify(translation.test['setupFiles'])} } };\n`);
    writeFileSync(join(dir, 'schema.test.js'), "import { it, expect } from 'vitest';\nimport { isScalarType } from 'graphql';\nimport { DateScalar } from 'scalars';\nit('takes the scalar a CommonJS dependency made', () => expect(isScalarType(DateScalar)).toBe(true));\n");
    writeFileSync(join(dir, 'complexity.test.js'), "import { it, expect } from 'vitest';\nimport { check } from 'complexity';\nimport { DateScalar } from 'scalars';\nit('takes it in a dependency whose ES module build imports graphql/index.mjs', () => expect(check(DateScalar)).toBe(true));\n");
  });

  it("gives the tests, a CommonJS dependency and an ES module one the same graphql, as Jest's resolution by main did", () => {
    expectPassed(dual(), 2);
  });
});

describe("the Jest config's snapshotSerializers that are packages (@emotion/jest/serializer, enzyme-to-json/serializer)", () => {
  const settings = () =>
    vitestSettings({ type: 'module', devDependencies: { jest: '^29' } }, { file: 'jest.config.js', config: { snapshotSerializers: ['named-serializer', 'cjs-serializer', '<rootDir>/test/own-serializer.js'] }, unread: [] }, false);

  it('go into the compat file in their order; a file of the project stays in the config', () => {
    const { compat, translation } = settings();
    expect(translation.test['snapshotSerializers']).toEqual(['./test/own-serializer.js']);
    expect(compat.text.indexOf("from \"named-serializer\"")).toBeGreaterThan(0);
    expect(compat.text.indexOf("from \"named-serializer\"")).toBeLessThan(compat.text.indexOf("from \"cjs-serializer\""));
  });

  // named-serializer is shaped as @emotion/jest 11's: its `import` entry re-exports `test` and
  // `serialize` by name from the CommonJS file, with no default export.
  const serializers = realVitestProject('snapshot-serializer-packages', (dir) => {
    const { compat, translation } = settings();
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, compat.path), compat.text);
    writeFileSync(join(dir, 'vitest.config.js'), `export default { test: ${JSON.stringify({ setupFiles: translation.test['setupFiles'], snapshotSerializers: translation.test['snapshotSerializers'] })} };\n`);
    mkdirSync(join(dir, 'test'));
    writeFileSync(join(dir, 'test/own-serializer.js'), "export default { test: (v) => v?.kind === 'own', serialize: () => 'OWN' };\n");
    const named = join(dir, 'node_modules/named-serializer');
    mkdirSync(named, { recursive: true });
    writeFileSync(join(named, 'package.json'), JSON.stringify({ name: 'named-serializer', exports: { '.': { import: './index.mjs', default: './index.cjs' } } }));
    writeFileSync(join(named, 'index.cjs'), "'use strict';\nexports.test = (v) => v?.kind === 'named';\nexports.serialize = () => 'NAMED';\n");
    writeFileSync(join(named, 'index.mjs'), "export { test, serialize } from './index.cjs';\n");
    const cjs = join(dir, 'node_modules/cjs-serializer');
    mkdirSync(cjs, { recursive: true });
    writeFileSync(join(cjs, 'package.json'), JSON.stringify({ name: 'cjs-serializer', main: 'index.js' }));
    writeFileSync(join(cjs, 'index.js'), "module.exports = { test: (v) => v?.kind === 'cjs', print: () => 'CJS' };\n");
    writeFileSync(
      join(dir, 'serializers.test.js'),
      [
        "import { it, expect } from 'vitest';",
        "it('serializes with each of them', () => {",
        "  expect({ kind: 'named' }).toMatchInlineSnapshot(`NAMED`);",
        "  expect({ kind: 'cjs' }).toMatchInlineSnapshot(`CJS`);",
        "  expect({ kind: 'own' }).toMatchInlineSnapshot(`OWN`);",
        '});',
        '',
      ].join('\n'),
    );
  });
  it('serialize the snapshots as under Jest, a package with named exports only too (real Vitest run)', () => {
    expectPassed(serializers(), 1);
  });
});
