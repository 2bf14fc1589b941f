import { describe, expect, it } from 'vitest';
import { type JsonValue, jestConfigToVitest, printTestBlock, readJestConfigSource, renderVitestConfig, wholeSpecifier } from './jest-config.js';
import { readConfigFile } from './jest-config-source.js';
import { forVitest034, movedJestConfigName, rewriteScript } from './package-json.js';

describe('jestConfigToVitest', () => {
  it('translates environment, setup files, mocks options, aliases and coverage', () => {
    const translation = jestConfigToVitest(
      {
        preset: 'ts-jest',
        testEnvironment: 'jsdom',
        setupFiles: ['<rootDir>/polyfills.ts'],
        setupFilesAfterEnv: ['<rootDir>/src/setupTests.ts'],
        moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1', '\\.(css|scss)$': 'identity-obj-proxy', '^lodash-es$': 'lodash' },
        clearMocks: true,
        resetMocks: true,
        testTimeout: 10000,
        testPathIgnorePatterns: ['/node_modules/', '<rootDir>/e2e/'],
        collectCoverageFrom: ['src/**/*.ts'],
        coverageThreshold: { global: { lines: 80 } },
        transform: { '^.+\\.tsx?$': 'ts-jest' },
      },
      { globals: true },
    );
    expect(translation.test).toEqual({
      globals: true,
      environment: 'jsdom',
      setupFiles: ['./polyfills.ts', './src/setupTests.ts'],
      clearMocks: true,
      mockReset: true,
      testTimeout: 10000,
      exclude: ['**/node_modules/**', '**/dist/**', '**/e2e/**'],
      coverage: { provider: 'v8', include: ['src/**/*.ts'], thresholds: { lines: 80 } },
      css: { modules: { classNameStrategy: 'non-scoped' } },
    });
    expect(translation.aliases).toEqual([
      { find: '^@/(.*)$', replacement: 'src/$1', relative: true },
      { find: '^lodash-es$', replacement: 'lodash', relative: false },
    ]);
    expect(translation.dependencies).toEqual(['@vitest/coverage-v8', 'jsdom']);
    expect(translation.warnings).toEqual([]);
  });

  it('excludes the test files that modulePathIgnorePatterns hid from Jest, next to testPathIgnorePatterns', () => {
    const zodLike = jestConfigToVitest({ testRegex: 'src/.*\\.test\\.ts$', modulePathIgnorePatterns: ['language-server'] });
    // A bare word matches anywhere in the path for Jest: zod's src/__tests__/language-server.test.ts too.
    expect(zodLike.test).toEqual({ include: ['**/src/**/*.test.ts'], exclude: ['**/node_modules/**', '**/dist/**', '**/*language-server*', '**/*language-server*/**'] });
    expect(zodLike.warnings).toEqual(['modulePathIgnorePatterns: test files under **/*language-server*, **/*language-server*/** excluded; Vitest does not hide those modules from imports']);
    const both = jestConfigToVitest({ testPathIgnorePatterns: ['<rootDir>/e2e/'], modulePathIgnorePatterns: ['<rootDir>/e2e/', '<rootDir>/build/'] });
    expect(both.test['exclude']).toEqual(['**/node_modules/**', '**/dist/**', '**/e2e/**', '**/build/**']);
  });

  it('reads a testPathIgnorePatterns path without a trailing slash as Jest matches it: files that continue it too', () => {
    // eemeli/yaml: `tests/_utils` is tests/_utils.ts (a helper); `tests/json-test-suite/` a folder.
    const yamlLike = jestConfigToVitest({ testMatch: ['**/tests/**/*.{js,ts}'], testPathIgnorePatterns: ['tests/_utils', 'tests/json-test-suite/', '/fixtures'] });
    expect(yamlLike.test['exclude']).toEqual([
      '**/node_modules/**',
      '**/dist/**',
      '**/*tests/_utils*',
      '**/*tests/_utils*/**',
      '**/*tests/json-test-suite/**',
      '**/fixtures*',
      '**/fixtures*/**',
    ]);
  });

  it('strips <rootDir>/ from path options and moves ! globs of collectCoverageFrom to coverage.exclude', () => {
    const translation = jestConfigToVitest({
      coveragePathIgnorePatterns: ['/node_modules/', '<rootDir>/src/legacy/'],
      collectCoverageFrom: ['<rootDir>/src/**/*.{ts,tsx}', '!<rootDir>/src/**/*.stories.tsx', '!**/vendor/**'],
      coverageDirectory: '<rootDir>/artifacts/coverage',
      snapshotSerializers: ['<rootDir>/test/serializer.ts', 'enzyme-to-json/serializer'],
      globalSetup: '<rootDir>/test/global-setup.ts',
    });
    expect(translation.test).toEqual({
      snapshotSerializers: ['./test/serializer.ts'],
      globalSetup: './test/global-setup.ts',
      coverage: {
        provider: 'v8',
        exclude: ['**/node_modules/**', '**/src/legacy/**', 'src/**/*.stories.tsx', '**/vendor/**'],
        include: ['src/**/*.{ts,tsx}'],
        reportsDirectory: 'artifacts/coverage',
      },
    });
    expect(jestConfigToVitest({ coverageDirectory: '<rootDir>' }).test['coverage']).toEqual({ provider: 'v8', reportsDirectory: '.' });
    // A serializer package goes to the compat file (vitest-settings.test.ts runs it), not the config.
    expect(translation.serializerPackages).toEqual(['enzyme-to-json/serializer']);
  });

  it('carries globalTeardown as the module a Vitest globalSetup imports: a path from the config folder, or a package path', () => {
    const file = jestConfigToVitest({ globalSetup: '<rootDir>/test/setup.js', globalTeardown: '<rootDir>/test/teardown.js' });
    expect(file.warnings).toEqual([]);
    expect(file.globalTeardown).toBe('./test/teardown.js');
    expect(file.test).toEqual({ globalSetup: './test/setup.js' });
    expect(jestConfigToVitest({ globalTeardown: 'test/teardown.ts' }).globalTeardown).toBe('./test/teardown.ts');
    expect(jestConfigToVitest({ globalTeardown: '@shelf/jest-mongodb/lib/teardown' }).globalTeardown).toBe('@shelf/jest-mongodb/lib/teardown');
    expect(jestConfigToVitest({ rootDir: 'src', globalTeardown: '<rootDir>/teardown.ts' }).globalTeardown).toBe('./src/teardown.ts');
    // A project's own is left to a person, and said.
    const projects = jestConfigToVitest({ projects: [{ displayName: 'db', globalTeardown: './db/teardown.js' }] });
    expect(projects.globalTeardown).toBeUndefined();
    expect(projects.warnings).toEqual(["projects[db]: globalTeardown: export `teardown` from the project's globalSetup module by hand"]);
  });

  it("reads paths against a rootDir below the root (NestJS's generated config: coverage stays in the project, tests under src)", () => {
    const nest = jestConfigToVitest({
      moduleFileExtensions: ['js', 'json', 'ts'],
      rootDir: 'src',
      testRegex: '.*\\.spec\\.ts$',
      transform: { '^.+\\.(t|j)s$': 'ts-jest' },
      collectCoverageFrom: ['**/*.(t|j)s'],
      coverageDirectory: '../coverage',
      testEnvironment: 'node',
    });
    expect(nest.warnings).toEqual([]);
    expect(nest.test).toEqual({ include: ['**/*.spec.ts'], dir: 'src', environment: 'node', coverage: { provider: 'v8', include: ['src/**/*.(t|j)s'], reportsDirectory: 'coverage' } });
    const user = jestConfigToVitest({ rootDir: './src', setupFiles: ['./setup.ts', 'jest-canvas-mock'], moduleNameMapper: { '^@/(.*)$': '<rootDir>/lib/$1' } });
    expect(user.test).toEqual({ dir: 'src', setupFiles: ['./src/setup.ts', 'vitest-canvas-mock'] });
    expect(user.aliases).toEqual([{ find: '^@/(.*)$', replacement: 'src/lib/$1', relative: true }]);
    // netlify-webpack-plugin: `rootDir: join(__dirname, './src')`, `globalSetup: join(__dirname, './config/jest.setup.ts')`,
    // read as <rootDir> paths of the config's folder; its relative globs are still rootDir's.
    const netlify = jestConfigToVitest({ globalSetup: '<rootDir>/config/jest.setup.ts', collectCoverageFrom: ['**/*.{t,j}s?(x)'], rootDir: '<rootDir>/src', testMatch: ['**/__tests__/**/*.test.ts'] });
    expect(netlify.warnings).toEqual([]);
    expect(netlify.test).toEqual({ globalSetup: './config/jest.setup.ts', include: ['**/__tests__/**/*.test.ts'], dir: 'src', coverage: { provider: 'v8', include: ['src/**/*.{t,j}s?(x)'] } });
    // Vitest matches include globs inside test.dir.
    expect(jestConfigToVitest({ rootDir: 'src', testMatch: ['<rootDir>/**/*.test.ts'] }).test).toEqual({ include: ['**/*.test.ts'], dir: 'src' });
  });

  it("makes one root Vitest's dir, and leaves out the root that is Jest's default", () => {
    expect(jestConfigToVitest({ roots: ['<rootDir>/src/'] }).test).toEqual({ dir: 'src' });
    expect(jestConfigToVitest({ roots: ['<rootDir>'] }).test).toEqual({});
    expect(jestConfigToVitest({ roots: ['./'] }).test).toEqual({});
    expect(jestConfigToVitest({ roots: ['<rootDir>/a', '<rootDir>/b'] }).warnings).toEqual(['roots: several roots; use test.include globs']);
  });

  it("prints snapshots as the project's Jest did: before 29 with prototype names and escaped strings, unless its config says", () => {
    expect(jestConfigToVitest({}, { jestMajor: 27 }).test).toEqual({ snapshotFormat: { escapeString: true, printBasicPrototype: true } });
    expect(jestConfigToVitest({}, { jestMajor: 29 }).test).toEqual({});
    expect(jestConfigToVitest({ snapshotFormat: { printBasicPrototype: false } }, { jestMajor: 27 }).test).toEqual({ snapshotFormat: { printBasicPrototype: false } });
  });

  it("carries testEnvironmentOptions to the environment's key of test.environmentOptions, and reports the rest", () => {
    const jsdom = jestConfigToVitest({ testEnvironment: 'jsdom', testEnvironmentOptions: { url: 'http://localhost:3000/', customExportConditions: [''] } });
    expect(jsdom.test).toEqual({ environment: 'jsdom', environmentOptions: { jsdom: { url: 'http://localhost:3000/' } } });
    expect(jsdom.warnings).toEqual([expect.stringContaining('testEnvironmentOptions.customExportConditions: ')]);
    // The order of the two keys in the config does not matter: the environment is known at the end.
    expect(jestConfigToVitest({ testEnvironmentOptions: { width: 800 }, testEnvironment: '@happy-dom/jest-environment' }).test).toEqual({ environment: 'happy-dom', environmentOptions: { happyDOM: { width: 800 } } });
    const node = jestConfigToVitest({ testEnvironmentOptions: { url: 'http://localhost/' } });
    expect(node.test).toEqual({});
    expect(node.warnings).toEqual(['testEnvironmentOptions.url: no Vitest translation known for the node environment']);
  });

  it("puts the tests in jsdom where Jest up to 26 did by default, at Jest's page URL (testURL, else http://localhost/)", () => {
    expect(jestConfigToVitest({}, { jestMajor: 26 })).toMatchObject({ test: { environment: 'jsdom' }, dependencies: ['jsdom'] });
    expect(jestConfigToVitest({}, { jestMajor: 27 }).test['environment']).toBeUndefined();
    expect(jestConfigToVitest({ testEnvironment: 'node' }, { jestMajor: 26 }).test['environment']).toBe('node');
    expect(jestConfigToVitest({ testEnvironment: 'jsdom' }, { jsdomParity: true }).test['environmentOptions']).toEqual({ jsdom: { url: 'http://localhost/' } });
    expect(jestConfigToVitest({ testEnvironment: 'jsdom', testURL: 'http://example.test/app' }).test['environmentOptions']).toEqual({ jsdom: { url: 'http://example.test/app' } });
    expect(jestConfigToVitest({ testEnvironment: 'jsdom', testEnvironmentOptions: { url: 'http://a.test/' } }, { jsdomParity: true }).test['environmentOptions']).toEqual({ jsdom: { url: 'http://a.test/' } });
    expect(jestConfigToVitest({ testURL: 'http://example.test/' }).warnings).toEqual(['testURL: no Vitest translation known for the node environment']);
  });

  it("carries Jest's fake-timer config: on for every file (fakeTimers.enableGlobally, or timers before 28), and its options as test.fakeTimers", () => {
    const globally = jestConfigToVitest({ fakeTimers: { enableGlobally: true } });
    expect(globally).toMatchObject({ test: {}, warnings: [], fakeTimersGlobally: true });
    const options = jestConfigToVitest({ fakeTimers: { doNotFake: ['nextTick', 'Date'], now: 1000, advanceTimers: 20, timerLimit: 500 } });
    expect(options.fakeTimersGlobally).toBeUndefined();
    expect(options.test['fakeTimers']).toEqual({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'hrtime', 'performance'],
      now: 1000,
      shouldAdvanceTime: true,
      advanceTimeDelta: 20,
      loopLimit: 500,
    });
    // In jsdom (the compat file hides setImmediate there) doNotFake is taken from jsdom's list.
    expect(jestConfigToVitest({ testEnvironment: 'jsdom', fakeTimers: { doNotFake: ['Date'] } }, { jsdomParity: true }).test['fakeTimers']).toEqual({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'hrtime', 'performance', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback'],
    });
    // Jest 27's `timers: 'fake'` is the modern timers; in Jest 26 it was the legacy ones, which Vitest does not have.
    expect(jestConfigToVitest({ timers: 'fake' }, { jestMajor: 27 })).toMatchObject({ warnings: [], fakeTimersGlobally: true });
    expect(jestConfigToVitest({ timers: 'fake' }, { jestMajor: 26 }).warnings).toEqual([expect.stringContaining("timers: Jest's legacy fake timers")]);
    expect(jestConfigToVitest({ timers: 'real' })).toEqual(jestConfigToVitest({}));
    // A Jest reads one key and ignores the other: its tests ran with real timers.
    expect(jestConfigToVitest({ timers: 'fake' }, { jestMajor: 29 })).toEqual({ test: {}, aliases: [], dependencies: [], warnings: ["timers: ignored by the project's Jest 29 (it reads fakeTimers), so not carried over"] });
    expect(jestConfigToVitest({ fakeTimers: { enableGlobally: true } }, { jestMajor: 27 }).fakeTimersGlobally).toBeUndefined();
    expect(jestConfigToVitest({ fakeTimers: { enableGlobally: true, legacyFakeTimers: true } }).warnings).toEqual([expect.stringContaining("fakeTimers: Jest's legacy fake timers")]);
    expect(jestConfigToVitest({ projects: [{ displayName: 'a', fakeTimers: { enableGlobally: true } }] }).warnings).toEqual([expect.stringContaining('fake timers for every test file')]);
  });

  it("keeps modulePaths and path-like moduleDirectories as folders a bare import is looked for in, and renders their resolver", () => {
    const translation = jestConfigToVitest({ modulePaths: ['<rootDir>/src'], moduleDirectories: ['node_modules', '<rootDir>/shared/', 'lib'] });
    expect(translation.moduleFolders).toEqual(['src', 'shared']);
    expect(translation.warnings).toEqual(['moduleDirectories "lib": Vitest looks for packages in node_modules only; add an alias by hand']);
    const text = renderVitestConfig(translation);
    expect(text).toContain("for (const folder of ['src', 'shared']) {");
    expect(text).toContain('  plugins: [moduleFolders],');
    expect(jestConfigToVitest({ moduleDirectories: ['node_modules'] }).moduleFolders).toBeUndefined();
  });

  it("maps Vercel's edge-runtime Jest environment to Vitest's own, over @edge-runtime/vm (vercel/ms)", () => {
    const translation = jestConfigToVitest({ testEnvironment: '@edge-runtime/jest-environment' });
    expect(translation.test).toMatchObject({ environment: 'edge-runtime' });
    expect(translation.dependencies).toContain('@edge-runtime/vm');
    expect(translation.warnings).toEqual([]);
  });

  it('warns about what it cannot translate', () => {
    const translation = jestConfigToVitest({ testRegex: '\\.spec\\.ts$', testEnvironment: 'jest-environment-puppeteer', preset: 'jest-preset-angular', watchman: false, extensionsToTreatAsEsm: ['.ts'], coveragePathIgnorePatterns: ['/node_modules/', '__(.+?)__'] });
    expect(translation.test).toEqual({ include: ['**/*.spec.ts'], coverage: { provider: 'v8', exclude: ['**/node_modules/**'] } });
    expect(translation.warnings).toEqual([
      'testEnvironment "jest-environment-puppeteer": no Vitest environment known',
      'preset "jest-preset-angular": Vitest has no presets; copy the options it sets',
      'watchman: no Vitest translation known',
      'coveragePathIgnorePatterns: regexps ["__(.+?)__"] are no globs; add coverage.exclude globs by hand',
    ]);
  });

  it('renders a config whose test.alias names the aliases relative to the config file', () => {
    const text = renderVitestConfig(jestConfigToVitest({ testEnvironment: 'node', moduleNameMapper: { '^~/(.*)$': '<rootDir>/app/$1' } }));
    expect(text).toBe(
      [
        "// @ts-nocheck (written by codemigrate: Vitest loads it whatever the project's tsconfig resolves)",
        "import { defineConfig } from 'vitest/config';",
        "import { fileURLToPath } from 'node:url';",
        '',
        "const root = fileURLToPath(new URL('./', import.meta.url));",
        '',
        'export default defineConfig({',
        '  test: {',
        "    environment: 'node',",
        '    alias: [',
        "      { find: new RegExp('^~/(.*)$'), replacement: root + 'app/$1' },",
        '    ],',
        '  },',
        '});',
        '',
      ].join('\n'),
    );
  });
});

describe('moduleNameMapper keys as Vite aliases', () => {
  // Vite's RegExp alias is `specifier.replace(find, replacement)`: a key that matches part of a name must match all of it.
  const alias = (find: string, target: string, specifier: string) => specifier.replace(new RegExp(wholeSpecifier(find)), target);
  it('replaces the whole module name, as Jest does, keeping the target\'s $1', () => {
    expect(alias('\\.(gif|ttf|eot|svg|png)$', '/abs/fileMock.js', './assets/react.svg')).toBe('/abs/fileMock.js');
    expect(alias('\\.(css|less)', 'identity-obj-proxy', './a.css?inline')).toBe('identity-obj-proxy');
    expect(alias('^@/(.*)$', '/src/$1', '@/a/b')).toBe('/src/a/b');
    expect(alias('^lodash', 'lodash-es', 'lodash/fp')).toBe('lodash-es');
    expect(alias('images/(.*)\\.png$', '/img/$1.js', '../images/logo.png')).toBe('/img/logo.js');
    expect(wholeSpecifier('^@/(.*)$')).toBe('^@/(.*)$');
  });
});

describe('moduleNameMapper to a Jest stub package', () => {
  it('gives no alias to a stub that goes with Jest: Vite imports those files itself', () => {
    const translation = jestConfigToVitest({ moduleNameMapper: { '^.+\\.svg$': 'jest-svg-transformer', '\\.(png|jpg)$': 'jest-transform-stub', '\\.(gif)$': 'identity-obj-proxy', '\\.(mp4)$': '<rootDir>/__mocks__/fileMock.js' } });
    expect(translation.aliases.map((alias) => alias.replacement)).toEqual(['__mocks__/fileMock.js']);
  });
});

describe('printTestBlock', () => {
  it('puts the aliases in test.alias, also when nothing else was translated', () => {
    const translation = jestConfigToVitest({ moduleNameMapper: { '^lodash-es$': 'lodash' } });
    expect(translation.test).toEqual({});
    expect(printTestBlock(translation, '', () => '')).toBe("{\n  alias: [\n    { find: new RegExp('^lodash-es$'), replacement: 'lodash' },\n  ],\n}");
  });
});

describe('readJestConfigSource', () => {
  it('reads module.exports, export default and a typed const, naming what is not a literal', () => {
    expect(readJestConfigSource("module.exports = { testEnvironment: 'node', roots: ['<rootDir>/src'] };", 'jest.config.js')).toEqual({
      config: { testEnvironment: 'node', roots: ['<rootDir>/src'] },
      unread: [],
    });
    const typed = "import type { Config } from 'jest';\nconst config: Config = { bail: 1, testTimeout: 5 * 1000, ...base };\nexport default config;\n";
    expect(readJestConfigSource(typed, 'jest.config.ts')).toEqual({ config: { bail: 1 }, unread: ['testTimeout: 5 * 1000', '...base'] });
    expect(readJestConfigSource('export default async () => ({});', 'jest.config.mjs')).toEqual({ unread: ['the exported config is not an object literal'] });
  });
});

describe("jestConfigToVitest with Jest's default testMatch", () => {
  it('spells it out where the config names no testMatch or testRegex, in each project too', () => {
    const jestDefault = ['**/__tests__/**/*.?(c|m)[jt]s?(x)', '**/?(*.)+(spec|test).?(c|m)[jt]s?(x)'];
    expect(jestConfigToVitest({ testEnvironment: 'node' }, { jestTestMatch: true }).test['include']).toEqual(jestDefault);
    expect(jestConfigToVitest({ testMatch: ['<rootDir>/src/**/*.test.ts'] }, { jestTestMatch: true }).test['include']).toEqual(['src/**/*.test.ts']);
    expect(jestConfigToVitest({ testRegex: '.*Test\\.js$' }, { jestTestMatch: true }).test['include']).not.toEqual(jestDefault);
    const projects = jestConfigToVitest({ projects: [{ displayName: 'a' }, { displayName: 'b', testMatch: ['**/*.spec.ts'] }] }, { jestTestMatch: true }).test;
    expect(projects['include']).toBeUndefined();
    expect((projects['projects'] as { test: { include?: string[] } }[]).map((project) => project.test.include)).toEqual([jestDefault, ['**/*.spec.ts']]);
  });
});

describe("jestConfigToVitest: roots, rootDir and Vitest's test.dir", () => {
  it('reads include globs inside test.dir, where Vitest matches them', () => {
    const test = jestConfigToVitest({ roots: ['<rootDir>/src'], testMatch: ['<rootDir>/src/**/*.test.ts', '**/*.spec.ts'] }).test;
    expect(test).toMatchObject({ dir: 'src', include: ['**/*.test.ts', '**/*.spec.ts'] });
  });

  it("gives each project its own rootDir: its tests are found there, its <rootDir> paths rebased (pnpm-ts-jest's packages/*)", () => {
    const translation = jestConfigToVitest(
      {
        projects: [
          { displayName: 'pkg-a', rootDir: '<rootDir>/packages/pkg-a' },
          { displayName: 'pkg-b', rootDir: 'packages/pkg-b/', testMatch: ['<rootDir>/test/**/*.ts'], setupFiles: ['<rootDir>/setup.ts'], moduleNameMapper: { '^~/(.*)$': '<rootDir>/src/$1' } },
          { displayName: 'tools', rootDir: '<rootDir>/../tools' },
        ],
      },
      { jestTestMatch: true },
    );
    const [a, b, tools] = translation.test['projects'] as { test: Record<string, JsonValue> }[];
    expect(a?.test).toMatchObject({ name: 'pkg-a', dir: 'packages/pkg-a', include: ['**/__tests__/**/*.?(c|m)[jt]s?(x)', '**/?(*.)+(spec|test).?(c|m)[jt]s?(x)'] });
    expect(b?.test).toMatchObject({ name: 'pkg-b', dir: 'packages/pkg-b', include: ['test/**/*.ts'], setupFiles: ['./packages/pkg-b/setup.ts'] });
    expect(translation.aliases).toContainEqual(expect.objectContaining({ replacement: 'packages/pkg-b/src/$1', relative: true }));
    expect(tools?.test['dir']).toBeUndefined();
    expect(translation.warnings).toEqual(['projects[tools]: rootDir "<rootDir>/../tools": set Vitest\'s root by hand']);
  });
});

describe("readJestConfigSource: ts-jest's pathsToModuleNameMapper", () => {
  const tsconfig = '{\n  // comments are fine\n  "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["./src/app/*"], "@env": ["src/env.ts"] } }\n}\n';
  const files: Record<string, string> = { 'tsconfig.base.json': tsconfig, 'tsconfig.json': '{}' };

  it('reads the mappers from the tsconfig the config imports, with the prefix, alone or spread among others', () => {
    const alone = "import { pathsToModuleNameMapper } from 'ts-jest'\nimport { compilerOptions } from './tsconfig.base.json'\nexport default { moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }) }\n";
    expect(readJestConfigSource(alone, 'jest.config.ts', undefined, (path) => files[path])).toEqual({
      config: { moduleNameMapper: { '^@app/(.*)$': '<rootDir>/src/app/$1', '^@env$': '<rootDir>/src/env.ts' } },
      unread: [],
    });
    const spread = "const { pathsToModuleNameMapper } = require('ts-jest');\nconst { compilerOptions } = require('./tsconfig.base');\nmodule.exports = { moduleNameMapper: { '\\\\.css$': 'identity-obj-proxy', ...pathsToModuleNameMapper(compilerOptions.paths) } };\n";
    expect(readJestConfigSource(spread, 'jest.config.js', undefined, (path) => files[path])?.config).toEqual({
      moduleNameMapper: { '\\.css$': 'identity-obj-proxy', '^@app/(.*)$': 'src/app/$1', '^@env$': 'src/env.ts' },
    });
  });

  it('leaves it unread when the tsconfig cannot be read', () => {
    const text = "import { pathsToModuleNameMapper } from 'ts-jest'\nexport default { moduleNameMapper: pathsToModuleNameMapper(paths) }\n";
    expect(readJestConfigSource(text, 'jest.config.ts', undefined, () => undefined).unread).toEqual(['moduleNameMapper: pathsToModuleNameMapper(paths)']);
  });
});

describe('readJestConfigSource: next/jest', () => {
  it('reads the config next/jest wraps, imported or required, and says it is wrapped', () => {
    const esm = "import nextJest from 'next/jest.js'\nconst createJestConfig = nextJest({ dir: './' })\nconst config = { testEnvironment: 'jsdom' }\nexport default createJestConfig(config)\n";
    expect(readJestConfigSource(esm, 'jest.config.ts')).toEqual({ config: { testEnvironment: 'jsdom' }, unread: [], wrapper: 'next/jest' });
    const cjs = "const nextJest = require('next/jest')\nconst createJestConfig = nextJest({ dir: './' })\nmodule.exports = createJestConfig({ setupFilesAfterEnv: ['<rootDir>/jest.setup.js'] })\n";
    expect(readJestConfigSource(cjs, 'jest.config.js')).toEqual({ config: { setupFilesAfterEnv: ['<rootDir>/jest.setup.js'] }, unread: [], wrapper: 'next/jest' });
    // Another wrapper is not read as next/jest's.
    const other = "import wrap from './wrap'\nconst make = wrap({})\nexport default make({ testEnvironment: 'jsdom' })\n";
    expect(readJestConfigSource(other, 'jest.config.ts')).toEqual({ unread: ['the exported config is not an object literal'] });
  });
});

describe('readJestConfigSource: spreads, consts and evaluated CommonJS', () => {
  it('evaluates an ES module or TypeScript config that imports only types, with an empty process.env', () => {
    // eemeli/yaml's config/jest.config.js ("type": "module"): the mappers Jest takes by default
    // sit in the else branch of an env switch.
    const yaml = [
      'let moduleNameMapper',
      "const babel = ['babel-jest', { presets: [['@babel/env', { targets: { node: 'current' } }]] }]",
      "const transform = { '[/\\\\]tests[/\\\\].*\\.(m?js|ts)$': babel }",
      "if (process.env.TEST === 'dist' || process.env.npm_lifecycle_event === 'test:dist') {",
      "  moduleNameMapper = { '^yaml$': '<rootDir>/dist/index.js' }",
      '} else {',
      "  process.env.TRACE_LEVEL = 'log'",
      "  moduleNameMapper = { '^yaml$': '<rootDir>/src/index.ts', '^yaml/util$': '<rootDir>/src/util.ts' }",
      '}',
      "export default { moduleNameMapper, rootDir: '..', testEnvironment: 'node', transform }",
    ].join('\n');
    const read = readJestConfigSource(yaml, 'config/jest.config.js');
    expect(read.unread).toEqual([]);
    expect(read.config).toMatchObject({ moduleNameMapper: { '^yaml$': '<rootDir>/src/index.ts', '^yaml/util$': '<rootDir>/src/util.ts' }, rootDir: '..', testEnvironment: 'node' });
    const typed = "import type { Config } from 'jest';\nconst roots = ['src', 'test'].map((dir) => `<rootDir>/${dir}`);\nconst config: Config = { roots };\nexport default config;\n";
    expect(readJestConfigSource(typed, 'jest.config.ts')).toEqual({ config: { roots: ['<rootDir>/src', '<rootDir>/test'] }, unread: [] });
    // A value import is not run: the syntax is read as before.
    const imported = "import base from './base.js';\nexport default { ...base, testEnvironment: 'node' };\n";
    expect(readJestConfigSource(imported, 'jest.config.mjs').config).toEqual({ testEnvironment: 'node' });
  });

  it('follows spreads of and references to top-level consts', () => {
    const text = "const base = { clearMocks: true, roots: ['<rootDir>/src'] };\nconst env = 'jsdom';\nexport default { ...base, testEnvironment: env };\n";
    expect(readJestConfigSource(text, 'jest.config.ts')).toEqual({ config: { clearMocks: true, roots: ['<rootDir>/src'], testEnvironment: 'jsdom' }, unread: [] });
  });

  it('evaluates a CommonJS config that computes its projects, with an empty process.env', () => {
    const text = [
      "const base = { clearMocks: true, roots: ['<rootDir>/src'] };",
      "const web = { ...base, displayName: { name: 'Web', color: 'cyan' }, testEnvironment: 'jest-fixed-jsdom', setupFilesAfterEnv: ['<rootDir>/scripts/jest/setup.ts'] };",
      "const server = { ...base, displayName: { name: 'Server' }, testMatch: ['**/*.server.test.ts?(x)'], testEnvironment: 'node' };",
      'const getProjects = () => (process.env.TEST_ENV === "web" ? [web] : [web, server]);',
      'module.exports = { projects: getProjects(), transform: { x: () => 1 } };',
    ].join('\n');
    const read = readJestConfigSource(text, 'scripts/jest/jest.config.js');
    expect(read.unread).toEqual(['x: function']);
    const translation = jestConfigToVitest(read.config!);
    expect(translation.test).toEqual({
      projects: [
        { extends: true, test: { clearMocks: true, dir: 'src', name: 'Web', environment: 'jsdom', setupFiles: ['./scripts/jest/setup.ts'] } },
        { extends: true, test: { clearMocks: true, dir: 'src', name: 'Server', include: ['**/*.server.test.ts?(x)'], environment: 'node' } },
      ],
    });
    expect(translation.dependencies).toEqual(['jsdom']);
    expect(readJestConfigSource("const p = require('path');\nmodule.exports = { rootDir: p.join('a') };", 'jest.config.js').unread).toEqual(['rootDir: p.join(\'a\')']);
  });
});

describe('readJestConfigSource: what a config computes that is known without running it', () => {
  // kentcdodds/bookshelf's jest.config.js (react-scripts' Babel transform, a custom config).
  const bookshelf = [
    "const fs = require('fs')",
    "const path = require('path')",
    "const resolve = require('resolve')",
    "require('react-scripts/config/env')",
    'module.exports = {',
    "  testEnvironment: resolve.sync('jest-environment-jsdom', { basedir: require.resolve('jest') }),",
    "  setupFiles: [require.resolve('whatwg-fetch')],",
    "  setupFilesAfterEnv: fs.existsSync('src/setupTests.js') ? ['<rootDir>/src/setupTests.js'] : [],",
    "  moduleDirectories: ['node_modules', path.join(__dirname, './src')],",
    "  transform: { '^.+\\\\.css$': require.resolve('react-scripts/config/jest/cssTransform.js') },",
    '}',
  ].join('\n');

  it('reads require.resolve / resolve.sync as the module, paths under __dirname as <rootDir>, existsSync by the files', () => {
    const read = readJestConfigSource(bookshelf, 'jest.config.js', (path) => (path === 'src/setupTests.js' ? true : undefined));
    expect(read).toEqual({
      config: {
        testEnvironment: 'jest-environment-jsdom',
        setupFiles: ['whatwg-fetch'],
        setupFilesAfterEnv: ['<rootDir>/src/setupTests.js'],
        moduleDirectories: ['node_modules', '<rootDir>/src'],
        transform: { '^.+\\.css$': 'react-scripts/config/jest/cssTransform.js' },
      },
      unread: [],
      craEnv: true,
    });
    const translation = jestConfigToVitest(read.config!);
    expect(translation.test).toMatchObject({ environment: 'jsdom', setupFiles: ['whatwg-fetch', './src/setupTests.js'] });
    expect(translation.moduleFolders).toEqual(['src']);
    expect(readJestConfigSource(bookshelf, 'jest.config.js', (path) => (path === 'src/setupTests.js' ? false : undefined)).config?.['setupFilesAfterEnv']).toEqual([]);
  });

  it('leaves unread what it cannot tell: an unknown file, a path above the folder, another function', () => {
    const text = [
      "const path = require('path')",
      'module.exports = {',
      "  setupFilesAfterEnv: require('fs').existsSync('jest.setup.js') ? ['<rootDir>/jest.setup.js'] : [],",
      "  roots: [path.resolve(__dirname, '../lib'), `${__dirname}/src`, __dirname + '/test', __dirname],",
      "  testEnvironment: path.join('a', 'b'),",
      '}',
    ].join('\n');
    const read = readJestConfigSource(text, 'jest.config.js', () => undefined);
    expect(read.config).toEqual({ roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>'] });
    expect(read.unread).toEqual([
      "setupFilesAfterEnv: require('fs').existsSync('jest.setup.js') ? ['<rootDir>/jest",
      "roots[0]: path.resolve(__dirname, '../lib')",
      "testEnvironment: path.join('a', 'b')",
    ]);
  });
});

describe("Jest's <rootDir> under a rootDir computed from __dirname", () => {
  it('names that rootDir, not the config folder (fastify-template: rootDir path.resolve(__dirname, "src"))', () => {
    const text = [
      "import path from 'node:path';",
      'export default {',
      "  rootDir: path.resolve(__dirname, 'src'),",
      "  globalSetup: '<rootDir>/../jest.global-setup.ts',",
      "  globalTeardown: '<rootDir>/../jest.global-teardown.ts',",
      "  modulePathIgnorePatterns: ['<rootDir>/build/'],",
      "  coverageDirectory: '<rootDir>/../coverage',",
      "  moduleNameMapper: { '^@/(.*)$': '<rootDir>/$1' },",
      '};',
    ].join('\n');
    const { config } = readJestConfigSource(text, 'jest.config.ts');
    expect(config).toMatchObject({ rootDir: '<rootDir>/src', globalSetup: '<rootDir>/jest.global-setup.ts', coverageDirectory: '<rootDir>/coverage', moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' } });
    const translation = jestConfigToVitest(config!);
    // Vitest resolves globalSetup against its root: './../jest.global-setup.ts' was above the project.
    expect(translation.test).toMatchObject({ globalSetup: './jest.global-setup.ts', dir: 'src', coverage: { reportsDirectory: 'coverage' } });
    expect(translation.globalTeardown).toBe('./jest.global-teardown.ts');
    // A literal rootDir keeps the rebasing it had; a config with no rootDir keeps its tokens.
    expect(readJestConfigSource("module.exports = { rootDir: 'src', setupFiles: ['<rootDir>/setup.ts'] };\n", 'jest.config.js').config).toEqual({ rootDir: 'src', setupFiles: ['<rootDir>/setup.ts'] });
    expect(readJestConfigSource("module.exports = { setupFiles: ['<rootDir>/setup.ts'], testPathIgnorePatterns: ['!<rootDir>/e2e'] };\n", 'jest.config.js').config).toEqual({ setupFiles: ['<rootDir>/setup.ts'], testPathIgnorePatterns: ['!<rootDir>/e2e'] });
  });
});

describe('testRegex', () => {
  it('becomes a glob when it is a path with .* and escaped dots, else a warning', () => {
    expect(jestConfigToVitest({ testRegex: 'src/.*\\.test\\.ts$' }).test).toEqual({ include: ['**/src/**/*.test.ts'] });
    const complex = jestConfigToVitest({ testRegex: '(/__tests__/.*|(\\.|/)(test|spec))\\.[jt]sx?$' });
    expect(complex.test).toEqual({});
    expect(complex.warnings).toEqual(['testRegex: Vitest selects tests with globs; write test.include by hand']);
  });

  it('drops a group around the whole pattern and reads a trailing group of names as a brace list (reselect)', () => {
    // reselect: Jest ran test/test_selector.ts; Vitest's default include (*.test.*, *.spec.*) found nothing.
    const reselect = jestConfigToVitest({ testRegex: '(/test/.*(js|ts))$' });
    expect(reselect.test).toEqual({ include: ['**/test/**/*{js,ts}'] });
    expect(reselect.warnings).toEqual([]);
    expect(jestConfigToVitest({ testRegex: 'src/.*\\.(test|spec)$' }).test).toEqual({ include: ['**/src/**/*.{test,spec}'] });
    expect(jestConfigToVitest({ testRegex: '(a|b)$' }).test).toEqual({});
  });

  it("reads an optional run of folders as **/, inside the one root's dir", () => {
    // dayjs: Jest ran test/**/*test.js only; Vitest's default include also took test/browser.spec.js (Karma).
    const dayjs = jestConfigToVitest({ roots: ['test'], testRegex: 'test/(.*?/)?.*test.js$' });
    expect(dayjs.test).toEqual({ dir: 'test', include: ['**/*test.js'] });
    expect(dayjs.warnings).toEqual([]);
    expect(jestConfigToVitest({ testRegex: 'test/(.*/)?.*\\.spec\\.ts$' }).test).toEqual({ include: ['**/test/**/*.spec.ts'] });
    // A dot before a star, or a group of another shape, is still no glob.
    expect(jestConfigToVitest({ testRegex: 'test/(a|b)/.*test.js$' }).test).toEqual({});
  });
});

describe('rewriteScript', () => {
  it('rewrites each jest command of a script and collects flags it cannot translate', () => {
    const problems: string[] = [];
    expect(rewriteScript('tsc -p . && npx jest --ci -w 2 src && echo done', problems)).toBe('tsc -p . && vitest run --maxWorkers=2 src && echo done');
    expect(rewriteScript('jest --watchAll --verbose', problems)).toBe('vitest --reporter=verbose');
    expect(rewriteScript('NODE_ENV=test jest --findRelatedTests a.ts', problems)).toBe('NODE_ENV=test vitest related --run a.ts');
    expect(rewriteScript('jest --listTests --watchAll=false --json --outputFile=out.json', problems)).toBe('vitest list --filesOnly --reporter=json --outputFile=out.json');
    expect(rewriteScript('jest --coverageReporters lcov text --collectCoverageFrom=<rootDir>/src/**/*.ts --collectCoverageFrom=!src/**/*.d.ts', problems)).toBe(
      'vitest run --coverage.reporter=lcov --coverage.reporter=text --coverage.include=src/**/*.ts --coverage.exclude=src/**/*.d.ts',
    );
    expect(rewriteScript("jest --selectProjects web node --coverageDirectory '<rootDir>/out' --notify", problems)).toBe("vitest run --project=web --project=node --coverage.reportsDirectory='out'");
    expect(rewriteScript('eslint . --ext .js,.jest', problems)).toBe('eslint . --ext .js,.jest');
    expect(rewriteScript('jest-preview && jest', problems)).toBe('jest-preview && vitest run');
    expect(problems).toEqual(['jest flag --notify has no Vitest translation: left out of the Vitest command']);
  });

  it('rewrites Jest however a script starts it, and says when it cannot', () => {
    const problems: string[] = [];
    const cases: [string, string][] = [
      ['node --inspect-brk node_modules/.bin/jest --runInBand', 'node --inspect-brk node_modules/vitest/vitest.mjs run --no-file-parallelism'],
      ['node --expose-gc ./node_modules/jest/bin/jest.js --logHeapUsage', 'node --expose-gc node_modules/vitest/vitest.mjs run --logHeapUsage'],
      ['cross-env NODE_OPTIONS="$NODE_OPTIONS --experimental-vm-modules" jest', 'cross-env NODE_OPTIONS="$NODE_OPTIONS --experimental-vm-modules" vitest run'],
      ['yarn jest --ci', 'yarn vitest run'],
      ['pnpm exec jest -o', 'pnpm exec vitest run --changed'],
      ['npx --no-install jest', 'npx --no-install vitest run'],
      ['dotenv -e .env.test -- jest --changedSince=main', 'dotenv -e .env.test -- vitest run --changed=main'],
      ['env-cmd -f .env.test jest --reporters=default --reporters=jest-junit', 'env-cmd -f .env.test vitest run --reporter=default --reporter=junit'],
      ['jest --watch=false --coverage', 'vitest run --coverage'],
      ['jest --no-watchman --clearCache', 'vitest --clearCache'],
      ['jest --collect-coverage --run-in-band --max-workers=2', 'vitest run --coverage --no-file-parallelism --maxWorkers=2'],
      ['jest --collectCoverage --coverage-reporters lcov --watch-all', 'vitest --coverage --coverage.reporter=lcov'],
    ];
    for (const [jest, vitest] of cases) expect(rewriteScript(jest, problems)).toBe(vitest);
    expect(problems).toEqual([]);
    const missed: string[] = [];
    expect(rewriteScript('is-ci "test:ci" && tsdx test && my-runner --use jest', missed)).toBe('is-ci "test:ci" && tsdx test && my-runner --use jest');
    expect(missed).toEqual(['still runs Jest in a form this recipe does not rewrite (is-ci "test:ci" && tsdx test && my-runner --use jest): make it run `vitest run`']);
  });
});

describe('forVitest034', () => {
  it("spells --no-file-parallelism as 0.34's --single-thread and leaves out the flags 0.34 does not know", () => {
    const problems: string[] = [];
    expect(forVitest034('jest -i && vitest run --no-file-parallelism --maxWorkers=2 --coverage', problems)).toBe('jest -i && vitest run --single-thread --coverage');
    expect(forVitest034('vitest run --expand', problems)).toBe('vitest run');
    expect(problems).toEqual(['--maxWorkers has no Vitest 0.34 counterpart: left out', '--expand has no Vitest 0.34 counterpart: left out']);
  });
});

describe('readConfigFile', () => {
  it('drops a rootDir that names the project root from a config in a subfolder, and keeps any other', () => {
    const texts: Record<string, string> = {
      'config/jest.config.js': "export default { rootDir: '..', testEnvironment: 'node' }\n",
      'config/jest.e2e.json': '{ "rootDir": "../e2e" }',
      'jest.config.js': "module.exports = { rootDir: 'src' };\n",
    };
    const read = (file: string) => readConfigFile((path) => texts[path], file)?.config;
    expect(read('config/jest.config.js')).toEqual({ testEnvironment: 'node' });
    expect(read('config/jest.e2e.json')).toEqual({ rootDir: '../e2e' });
    expect(read('jest.config.js')).toEqual({ rootDir: 'src' });
    expect(jestConfigToVitest(read('config/jest.config.js')!).warnings).toEqual([]);
  });
});

describe('movedJestConfigName', () => {
  it('moves the "jest" key into jest.config.js for a Jest older than 26, which finds no .cjs config', () => {
    // dayjs: Jest 22 looks for jest.config.js only.
    expect(movedJestConfigName({ devDependencies: { jest: '^22.4.3' } })).toBe('jest.config.js');
    expect(movedJestConfigName({ devDependencies: { jest: '^26.6.3' } })).toBe('jest.config.cjs');
    expect(movedJestConfigName({ devDependencies: { jest: '^29.7.0' }, type: 'module' })).toBe('jest.config.cjs');
    expect(movedJestConfigName({ type: 'module', devDependencies: { jest: '^24.9.0' } })).toBe('jest.config.cjs');
    expect(movedJestConfigName({ devDependencies: { 'react-scripts': '5.0.1' } })).toBe('jest.config.cjs');
  });
});
