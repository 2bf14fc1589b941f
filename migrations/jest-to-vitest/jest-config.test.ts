import { describe, expect, it } from 'vitest';
import { jestConfigToVitest, readJestConfigSource, renderVitestConfig } from './jest-config.js';
import { rewriteScript } from './package-json.js';

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
    });
    expect(translation.aliases).toEqual([
      { find: '^@/(.*)$', replacement: 'src/$1', relative: true },
      { find: '^lodash-es$', replacement: 'lodash', relative: false },
    ]);
    expect(translation.dependencies).toEqual(['@vitest/coverage-v8', 'jsdom']);
    expect(translation.warnings).toEqual([]);
  });

  it('warns about what it cannot translate', () => {
    const translation = jestConfigToVitest({ testRegex: '\\.spec\\.ts$', testEnvironment: 'jest-environment-puppeteer', preset: 'jest-preset-angular', watchman: false });
    expect(translation.warnings).toEqual([
      'testRegex: Vitest selects tests with globs; write test.include by hand',
      'testEnvironment "jest-environment-puppeteer": no Vitest environment known',
      'preset "jest-preset-angular": Vitest has no presets; copy the options it sets',
      'watchman: no Vitest translation known',
    ]);
  });

  it('renders a config that names the aliases relative to the config file', () => {
    const text = renderVitestConfig(jestConfigToVitest({ testEnvironment: 'node', moduleNameMapper: { '^~/(.*)$': '<rootDir>/app/$1' } }));
    expect(text).toBe(
      [
        "import { defineConfig } from 'vitest/config';",
        "import { fileURLToPath } from 'node:url';",
        '',
        "const root = fileURLToPath(new URL('./', import.meta.url));",
        '',
        'export default defineConfig({',
        '  resolve: {',
        '    alias: [',
        "      { find: new RegExp(\"^~/(.*)$\"), replacement: root + \"app/$1\" },",
        '    ],',
        '  },',
        '  test: {',
        "    environment: 'node',",
        '  },',
        '});',
        '',
      ].join('\n'),
    );
  });
});

describe('readJestConfigSource', () => {
  it('reads module.exports, export default and a typed const, naming what is not a literal', () => {
    expect(readJestConfigSource("module.exports = { testEnvironment: 'node', roots: ['<rootDir>/src'] };", 'jest.config.js')).toEqual({
      config: { testEnvironment: 'node', roots: ['<rootDir>/src'] },
      unread: [],
    });
    const typed = "import type { Config } from 'jest';\nconst config: Config = { bail: 1, testTimeout: 5 * 1000, ...base };\nexport default config;\n";
    expect(readJestConfigSource(typed, 'jest.config.ts')).toEqual({ config: { bail: 1 }, unread: ['testTimeout: 5 * 1000', '?'] });
    expect(readJestConfigSource('export default async () => ({});', 'jest.config.mjs')).toEqual({ unread: ['the exported config is not an object literal'] });
  });
});

describe('rewriteScript', () => {
  it('rewrites each jest command of a script and collects flags it cannot translate', () => {
    const problems: string[] = [];
    expect(rewriteScript('tsc -p . && npx jest --ci -w 2 src && echo done', problems)).toBe('tsc -p . && vitest run --maxWorkers=2 src && echo done');
    expect(rewriteScript('jest --watchAll --verbose', problems)).toBe('vitest --reporter=verbose');
    expect(rewriteScript('NODE_ENV=test jest --findRelatedTests a.ts', problems)).toBe('NODE_ENV=test vitest run --findRelatedTests a.ts');
    expect(rewriteScript('eslint . --ext .js,.jest', problems)).toBe('eslint . --ext .js,.jest');
    expect(problems).toEqual(['jest flag --findRelatedTests has no Vitest translation']);
  });
});
