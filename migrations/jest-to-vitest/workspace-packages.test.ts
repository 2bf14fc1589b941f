// A workspace whose packages run their own Jest, the root none (turbo-boilerplate): each package
// migrated in its own folder, its files written there; a root Jest, and nested folders of a
// project that is no such workspace, as before. What package-json.ts writes into a package's
// manifest is pinned by the fixtures package-json/workspace-member-{setup,finish}.
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { transformRunner } from '../../test/helpers/transform-fixtures.js';
import type { TsMorphContext } from './ts-morph-context.js';
import finishConfigs from './finish-configs.js';
import jestCoexist from './jest-coexist.js';
import { withPreset } from './jest-preset.js';
import { jestWorkspacePackages } from './workspace-packages.js';

const run = transformRunner(import.meta.dirname, { 'package-json': 'ts-morph' } as const, 'tsx');
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const ROOT = json({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/*'], scripts: { test: 'turbo run test' }, devDependencies: { turbo: '^2.5.6' } });
const API = json({ name: 'api', scripts: { test: 'jest' }, jest: { preset: '@acme/jest-presets/node' }, devDependencies: { '@acme/jest-presets': '*', jest: '^30.1.3', typescript: '^5.9.2' } });
const WORKSPACE: Record<string, string> = {
  'package.json': ROOT,
  'apps/api/package.json': API,
  'apps/api/src/app.test.ts': "it('runs', () => {});\n",
  'packages/jest-presets/package.json': json({ name: '@acme/jest-presets', dependencies: { 'ts-jest': '^29.4.1' } }),
  'packages/jest-presets/node/jest-preset.js': "module.exports = { preset: 'ts-jest', testEnvironment: 'node', setupFiles: ['<rootDir>/test/setup.ts'] };\n",
  'apps/api/test/setup.ts': "process.env.TZ = 'UTC';\n",
  'packages/ui/package.json': json({ name: '@acme/ui', scripts: { build: 'tsc' } }),
};

/** A ts-morph context over `files`, for `path`, recording what the transform adds and removes. */
function contextOf(path: string, files: Record<string, string>, options: Record<string, unknown> = {}) {
  const project = new Project({ useInMemoryFileSystem: true });
  for (const [file, text] of Object.entries(files)) project.createSourceFile(`/${file}`, text);
  const added = new Map<string, string>();
  const removed: string[] = [];
  const reports: string[] = [];
  const ctx: TsMorphContext = {
    path,
    text: files[path]!,
    options,
    report: (leftover) => reports.push(leftover.message),
    project,
    files: Object.keys(files),
    addFile: (file, text) => void added.set(file, text),
    removeFile: (file) => void removed.push(file),
  };
  return { sourceFile: project.getSourceFileOrThrow(`/${path}`), ctx, added, removed, reports };
}

describe('workspace packages that run their own Jest', () => {
  it('are the members that run Jest, when the root has none; none when the root has a Jest of its own', () => {
    const read = (path: string) => WORKSPACE[path];
    expect(jestWorkspacePackages(Object.keys(WORKSPACE), read)).toEqual(['apps/api']);
    const rootJest: Record<string, string> = { ...WORKSPACE, 'jest.config.js': 'module.exports = { projects: ["apps/api"] };\n' };
    expect(jestWorkspacePackages(Object.keys(rootJest), (path) => rootJest[path])).toEqual([]);
  });

  it('are so too when the root only declares the Jest they run (hoisted), not when a root script runs it', () => {
    const declared: Record<string, string> = { ...WORKSPACE, 'package.json': json({ workspaces: ['apps\\*'], scripts: { test: 'npm run test -workspaces' }, devDependencies: { jest: '^29.7.0' } }) };
    expect(jestWorkspacePackages(Object.keys(declared), (path) => declared[path])).toEqual(['apps/api']);
    const runs: Record<string, string> = { ...declared, 'package.json': json({ workspaces: ['apps/*'], scripts: { test: 'jest' }, devDependencies: { jest: '^29.7.0' } }) };
    expect(jestWorkspacePackages(Object.keys(runs), (path) => runs[path])).toEqual([]);
  });

  it("setup writes a package's Vitest config, split helper and moved Jest config in its own folder, with the workspace preset's settings", async () => {
    const added = new Map<string, string>();
    const { reports } = await run('package-json', 'apps/api/package.json', API, { phase: 'setup' }, Object.fromEntries(Object.entries(WORKSPACE).filter(([path]) => path !== 'apps/api/package.json')), added);
    expect([...added.keys()].sort()).toEqual([
      'apps/api/jest-vitest-split.cjs',
      'apps/api/jest-vitest-split.d.cts',
      'apps/api/jest.config.cjs',
      'apps/api/test/setup.vitest.ts',
      'apps/api/vitest.config.mts',
      'apps/api/vitest.jest-compat.ts',
    ]);
    // The preset's environment and setup file, through the package's own <rootDir>.
    expect(added.get('apps/api/vitest.config.mts')).toContain("environment: 'node'");
    expect(added.get('apps/api/vitest.config.mts')).toContain("'./test/setup.vitest.ts'");
    // Jest keeps reading its preset until finish.
    expect(added.get('apps/api/jest.config.cjs')).toContain('"preset": "@acme/jest-presets/node"');
    expect(reports.every((report) => String((report as { message: string }).message).startsWith('apps/api: '))).toBe(true);
  });

  it("setup changes no file of a package that runs no Jest, nor of the preset's package", async () => {
    for (const path of ['packages/ui/package.json', 'packages/jest-presets/package.json']) {
      const added = new Map<string, string>();
      const others = Object.fromEntries(Object.entries(WORKSPACE).filter(([other]) => other !== path));
      const { output } = await run('package-json', path, WORKSPACE[path]!, { phase: 'setup' }, others, added);
      expect(output).toBe(WORKSPACE[path]);
      expect(added.size).toBe(0);
    }
  });

  it("wraps a package's own jest.config with the split helper beside it", () => {
    const files = { ...WORKSPACE, 'apps/api/jest.config.js': "module.exports = { testEnvironment: 'node' };\n" };
    const { sourceFile, ctx } = contextOf('apps/api/jest.config.js', files);
    expect(jestCoexist(sourceFile, ctx)).toContain("require('./jest-vitest-split.cjs').withoutVitestFiles(module.exports)");
  });

  it('wraps a nested jest.config of a project with a root Jest with the root helper, as before', () => {
    const files = { 'package.json': json({ name: 'app', devDependencies: { jest: '^29.7.0' } }), 'config/jest.config.js': 'module.exports = {};\n' };
    const { sourceFile, ctx } = contextOf('config/jest.config.js', files);
    expect(jestCoexist(sourceFile, ctx)).toContain("require('../jest-vitest-split.cjs')");
  });

  it("finish removes a package's split helper and its wrapped Jest config", () => {
    const files = {
      ...WORKSPACE,
      'apps/api/jest-vitest-split.cjs': '// helper\n',
      'apps/api/jest.config.cjs': "const { withoutVitestFiles } = require('./jest-vitest-split.cjs');\nmodule.exports = withoutVitestFiles({});\n",
    };
    for (const path of ['apps/api/jest-vitest-split.cjs', 'apps/api/jest.config.cjs']) {
      const { sourceFile, ctx, removed } = contextOf(path, files);
      finishConfigs(sourceFile, ctx);
      expect(removed).toEqual([path]);
    }
  });
});

describe('withPreset', () => {
  it("merges as Jest does: lists joined the preset's first, mappers with the config's own first and winning, other keys the config's", () => {
    const preset = { preset: 'ts-jest', testEnvironment: 'jsdom', setupFiles: ['a'], moduleNameMapper: { '^x$': 'preset-x', '^y$': 'y' }, roots: ['<rootDir>/src'] };
    const config = { preset: '@acme/presets', testEnvironment: 'node', setupFiles: ['b'], moduleNameMapper: { '^x$': 'own-x' } };
    const merged = withPreset(config, preset);
    expect(merged).toEqual({ preset: 'ts-jest', testEnvironment: 'node', setupFiles: ['a', 'b'], moduleNameMapper: { '^x$': 'own-x', '^y$': 'y' }, roots: ['<rootDir>/src'] });
    expect(Object.keys(merged['moduleNameMapper'] as object)).toEqual(['^x$', '^y$']);
    expect(withPreset({ preset: '@acme/presets' }, { testEnvironment: 'node' })).toEqual({ testEnvironment: 'node' });
  });
});
