// The recipe's file globs against the names projects give their Jest setup files: a setup file
// that setup's package-json codemod cannot read gets no Vitest copy, while the Vitest config it
// writes names that copy, and every Vitest run then stops at the missing file (lint-staged's
// test/testSetup.js). Finish must reach the same files, to put each copy in its original's place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';

interface Entry { codemod?: string; options?: { phase?: string }; files?: string[] }
const recipe = JSON.parse(readFileSync(join(import.meta.dirname, '../../recipes/jest-to-vitest.json'), 'utf8')) as { setup: Entry[]; finish: Entry[] };
const matcher = (entries: Entry[], codemod: string, phase?: string) => {
  const entry = entries.find((e) => e.codemod?.endsWith(codemod) && e.options?.phase === phase);
  return picomatch(entry?.files ?? [], { dot: true });
};

const SETUP_FILES = [
  'src/setupTests.ts', // create-react-app
  'jest.setup.js',
  'jest-setup.ts',
  'test-setup.ts', // Nx
  'test/testSetup.js', // lint-staged
  'setupJest.js',
  'src/setup-jest.ts', // jest-preset-angular
  'jestSetup.js', // React Native
  'test/setupTest.js',
  'jest/setup.ts',
];

describe('jest-to-vitest recipe globs', () => {
  it.each(SETUP_FILES)('setup (package-json) and finish (finish-configs) both read %s', (file) => {
    expect(matcher(recipe.setup, 'package-json.ts', 'setup')(file)).toBe(true);
    expect(matcher(recipe.finish, 'finish-configs.ts')(file)).toBe(true);
  });
});

describe('jest-to-vitest recipe globs: workspace packages', () => {
  // A monorepo whose packages set up Jest themselves (turbo-boilerplate): each transform that
  // migrates a root's files migrates a package's in its folder (workspace-packages.ts), so it must
  // be given them, with the root manifest and the workspace's Jest presets.
  const reads: [string, string | undefined, string, readonly string[]][] = [
    ['setup', 'setup', 'package-json.ts', ['package.json', 'apps/api/package.json', 'apps/api/Makefile', 'apps/api/jest.config.js', 'apps/api/tsconfig.json', 'apps/api/vite.config.ts', 'apps/api/project.json', 'packages/jest-presets/node/jest-preset.js', 'pnpm-workspace.yaml']],
    ['setup', 'setup', 'vite-config.ts', ['apps/web/package.json', 'apps/web/vite.config.ts', 'apps/web/jest.config.js', 'packages/jest-presets/jest-preset.json']],
    ['setup', undefined, 'tsconfig-exclude.ts', ['apps/api/package.json', 'apps/api/tsconfig.json', 'apps/api/vitest.config.mts', 'apps/api/jest-vitest-split.cjs']],
    ['setup', undefined, 'jest-coexist.ts', ['package.json', 'apps/api/package.json', 'apps/api/jest.config.ts']],
    ['finish', 'finish', 'package-json.ts', ['apps/api/package.json', 'apps/api/Makefile', 'apps/api/jest.config.cjs']],
    ['finish', undefined, 'finish-configs.ts', ['apps/api/package.json', 'apps/api/jest-vitest-split.cjs', 'apps/api/jest-vitest-split.d.cts', 'apps/api/vitest.config.mts', 'apps/api/vitest.jest-compat.ts']],
  ];
  it.each(reads)('%s (%s) %s reads a package\'s files', (section, phase, codemod, files) => {
    const reads = matcher(recipe[section as 'setup' | 'finish'], codemod, phase);
    expect(files.filter((file) => !reads(file))).toEqual([]);
  });
});
