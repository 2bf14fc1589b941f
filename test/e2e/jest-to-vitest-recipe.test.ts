// The built-in jest-to-vitest recipe through the CLI on a small React + jsdom Jest project, with
// verification replaced by `true` (no runner is installed here; test/e2e/jest-vitest-coexist.test.ts
// runs the real ones): setup writes vitest.config.mts (a CommonJS package), the compat setup file and the runner split
// through the ts-morph engine's addFile, in the base commit, and keeps Jest for the modules not
// migrated yet; the test step gets Vitest's API and imports, the Jest snapshot's keys take
// Vitest's form; land, with every step in, applies finish: Jest, its config and the split go.

import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliHere } from '../helpers/cli.js';
import { HERMETIC_GIT_ENV, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

const show = (dir: string, spec: string) => execFileSync('git', ['show', spec], { cwd: dir, env: { ...process.env, ...HERMETIC_GIT_ENV }, encoding: 'utf8' });

function project(extra: Record<string, string> = {}): TempRepo {
  return makeTempRepo({
    'package.json': `${JSON.stringify({
      name: 'web',
      scripts: { test: 'jest' },
      devDependencies: { '@testing-library/react': '^16.0.0', jest: '^29.7.0', 'jest-environment-jsdom': '^29.7.0', typescript: '^5.4.0' },
    }, null, 2)}\n`,
    'jest.config.js': "module.exports = {\n  testEnvironment: 'jsdom',\n  setupFilesAfterEnv: ['<rootDir>/src/setupTests.ts'],\n};\n",
    'src/setupTests.ts': "import '@testing-library/jest-dom';\n",
    'src/widget/widget.test.ts': "describe('widget', () => {\n  it('renders', () => {\n    const onClick = jest.fn();\n    expect(onClick).not.toHaveBeenCalled();\n    expect({ a: 1 }).toMatchSnapshot();\n  });\n});\n",
    'src/widget/__snapshots__/widget.test.ts.snap': '// Jest Snapshot v1, https://goo.gl/fbAQLP\n\nexports[`widget renders 1`] = `\n{\n  "a": 1,\n}\n`;\n',
    'migration.config.json': JSON.stringify({ verify: [{ run: 'true' }], install: null }),
    ...extra,
  });
}

describe('jest-to-vitest recipe (built in)', () => {
  it('writes vitest.config.mts and the compat setup file in setup, and migrates a test step with its snapshot', async () => {
    const repo = project();
    repos.push(repo);
    const result = await runCliHere(['run', 'jest-to-vitest', '--repo', repo.dir, '--run-id', 'j2v']);
    expect(result.code, result.stdout + result.stderr).toBe(0);

    const config = show(repo.dir, 'codemigrate/j2v/base:vitest.config.mts');
    expect(config).toContain("const { excludeJestFiles } = createSplitRequire(import.meta.url)('./jest-vitest-split.cjs');");
    expect(config).toContain('test: excludeJestFiles({');
    expect(config).toContain("environment: 'jsdom'");
    expect(config).toContain('globals: true');
    expect(config).toContain("setupFiles: ['./vitest.jest-compat.ts', './src/setupTests.vitest.ts']");
    expect(config).toMatch(/fakeTimers: \{\s+toFake: \[/);
    expect(config).not.toContain("'setImmediate'");
    const compat = show(repo.dir, 'codemigrate/j2v/base:vitest.jest-compat.ts');
    expect(compat).toContain('advanceTimersByTime: vi.advanceTimersByTime.bind(vi)');
    expect(compat).toContain("Reflect.deleteProperty(globalThis, 'setImmediate')");
    // Jest keeps its setup file, its config (wrapped) and its packages until finish; Vitest gets a migrated copy.
    expect(show(repo.dir, 'codemigrate/j2v/base:src/setupTests.ts')).toBe("import '@testing-library/jest-dom';\n");
    expect(show(repo.dir, 'codemigrate/j2v/base:src/setupTests.vitest.ts')).toContain("'@testing-library/jest-dom/vitest'");
    expect(show(repo.dir, 'codemigrate/j2v/base:jest.config.js')).toContain("module.exports = require('./jest-vitest-split.cjs').withoutVitestFiles(module.exports);");
    expect(show(repo.dir, 'codemigrate/j2v/base:jest-vitest-split.cjs')).toContain('function withoutVitestFiles');
    const basePackage = JSON.parse(show(repo.dir, 'codemigrate/j2v/base:package.json')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(basePackage.scripts['test']).toBe('jest && vitest run');
    expect(Object.keys(basePackage.devDependencies)).toEqual(expect.arrayContaining(['jest', 'vitest', 'jest-environment-jsdom']));

    const test = show(repo.dir, 'codemigrate/j2v/src-widget:src/widget/widget.test.ts');
    expect(test).toContain('vi.fn()');
    expect(test).toContain("from 'vitest'");
    const snapshot = show(repo.dir, 'codemigrate/j2v/src-widget:src/widget/__snapshots__/widget.test.ts.snap');
    expect(snapshot).toContain('// Vitest Snapshot v1');
    expect(snapshot).toContain('exports[`widget > renders 1`]');

    const land = await runCliHere(['land', 'j2v', '--repo', repo.dir]);
    expect(land.code, land.stdout + land.stderr).toBe(0);
    expect(land.stdout).toContain("finish: every step has landed; the recipe's finish changed 7 file(s)");
    const landedRef = 'codemigrate/j2v/result';
    const landed = JSON.parse(show(repo.dir, `${landedRef}:package.json`)) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(landed.scripts['test']).toBe('vitest run');
    expect(Object.keys(landed.devDependencies).sort()).toEqual(['@testing-library/react', 'jsdom', 'typescript', 'vitest']);
    for (const gone of ['jest.config.js', 'jest-vitest-split.cjs', 'jest-vitest-split.d.cts', 'src/setupTests.vitest.ts']) {
      expect(() => show(repo.dir, `${landedRef}:${gone}`), gone).toThrow();
    }
    expect(show(repo.dir, `${landedRef}:src/setupTests.ts`)).toContain("'@testing-library/jest-dom/vitest'");
    const finalConfig = show(repo.dir, `${landedRef}:vitest.config.mts`);
    expect(finalConfig).not.toContain('jest-vitest-split');
    expect(finalConfig).toContain('  test: {');
    expect(finalConfig).toContain("setupFiles: ['./vitest.jest-compat.ts', './src/setupTests.ts']");
  });

  it('puts the test block into an existing Vite config and creates no vitest.config.mts beside it', async () => {
    const repo = project({ 'vite.config.ts': "import { defineConfig } from 'vite';\n\nexport default defineConfig({\n  plugins: [],\n});\n" });
    repos.push(repo);
    const result = await runCliHere(['run', 'jest-to-vitest', '--repo', repo.dir, '--run-id', 'j2v']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const vite = show(repo.dir, 'codemigrate/j2v/base:vite.config.ts');
    expect(vite).toContain('/// <reference types="vitest/config" />');
    expect(vite).toContain("setupFiles: ['./vitest.jest-compat.ts', './src/setupTests.vitest.ts']");
    expect(vite).toContain("import { defineConfig } from 'vite';\nimport { createRequire as createSplitRequire } from 'node:module';\nconst { excludeJestFiles } = createSplitRequire(import.meta.url)('./jest-vitest-split.cjs');\n");
    expect(vite).toContain('globals: true');
    expect(show(repo.dir, 'codemigrate/j2v/base:vitest.jest-compat.ts')).toContain('advanceTimersByTime');
    expect(() => show(repo.dir, 'codemigrate/j2v/base:vitest.config.mts')).toThrow();
  });

  it('shows what setup reported: the line under setup, and the reports in the NDJSON event', async () => {
    const pkg = { name: 'lib', scripts: { test: 'jest' }, devDependencies: { jest: '^26.6.3', 'ts-jest': '^26.4.4', typescript: '~4.5.0' } };
    const files = { 'package.json': `${JSON.stringify(pkg, null, 2)}\n`, 'jest.config.js': "module.exports = { testEnvironment: 'node', watchman: false };\n" };
    const repo = project(files);
    repos.push(repo);
    const result = await runCliHere(['run', 'jest-to-vitest', '--repo', repo.dir, '--run-id', 'plain']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^setup: \d+ file\(s\) changed; base branch codemigrate\/plain\/base$/m);
    // TypeScript 4.5 rules out Vitest 4 (its declarations need 4.7): setup says which line it took and why.
    expect(result.stdout).toMatch(/\n {2}setup reported package\.json: vitest ~3\.2\.4: .*typescript 4\.5\.0 .*rules out newer lines: vitest \^4\.1\.0 needs typescript 4\.7\.0/);
    expect(result.stdout).toContain('\n  setup reported package.json: jest config (jest.config.js): watchman: no Vitest translation known');
    const status = await runCliHere(['status', 'plain', '--repo', repo.dir]);
    expect(status.stdout).toMatch(/^setup reported package\.json: vitest ~3\.2\.4: /m);

    const other = project(files);
    repos.push(other);
    const json = await runCliHere(['run', 'jest-to-vitest', '--repo', other.dir, '--run-id', 'nd', '--json']);
    const setup = json.stdout.trim().split('\n').map((line) => JSON.parse(line)).find((event) => event.type === 'setup-finished');
    expect(setup.reports).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'package.json', message: expect.stringMatching(/^vitest ~3\.2\.4: .*typescript 4\.5\.0/) })]));
  });

  it('stops after setup when no Vitest fits the project (TypeScript 4.3): no base, no step, the cause on stderr', async () => {
    const pkg = { name: 'lib', scripts: { test: 'jest' }, devDependencies: { jest: '^26.6.3', 'ts-jest': '^26.4.4', typescript: '~4.3.5' } };
    const repo = project({ 'package.json': `${JSON.stringify(pkg, null, 2)}\n` });
    repos.push(repo);
    const result = await runCliHere(['run', 'jest-to-vitest', '--repo', repo.dir, '--run-id', 'old-ts']);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const problems = result.stderr.split('\n').filter((line) => line.startsWith('codemigrate: '));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^codemigrate: setup stopped the run: \.\.\/migrations\/jest-to-vitest\/package-json\.ts reported package\.json: typescript 4\.3\.5 .*Raise typescript to 4\.5\.0 or later.*Nothing was changed: upgrade Vite, Node or TypeScript, or set the recipe option vitestVersion; no base was written and no step ran/);
    expect(result.stdout).not.toMatch(/^step /m);
    expect(result.stdout).toMatch(/^run old-ts finished: 1 pending \(exit 1\)$/m);
    expect(execFileSync('git', ['for-each-ref', 'refs/heads/codemigrate/'], { cwd: repo.dir, env: { ...process.env, ...HERMETIC_GIT_ENV }, encoding: 'utf8' })).toBe('');
  });

  it('--dry-run shows what setup reported, under the setup diff and in its NDJSON event', async () => {
    const pkg = { name: 'lib', scripts: { test: 'jest' }, devDependencies: { jest: '^26.6.3', 'ts-jest': '^26.4.4', typescript: '~4.5.0' } };
    const repo = project({ 'package.json': `${JSON.stringify(pkg, null, 2)}\n`, 'jest.config.js': "module.exports = { testEnvironment: 'node', watchman: false };\n" });
    repos.push(repo);
    const dry = await runCliHere(['run', 'jest-to-vitest', '--repo', repo.dir, '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const base = dry.stdout.trim().split('\n').map((line) => JSON.parse(line)).find((event) => event.type === 'step-diff' && event.step === 'base');
    expect(base.reports).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'package.json', message: expect.stringMatching(/^vitest ~3\.2\.4: .*typescript 4\.5\.0/) }),
        expect.objectContaining({ file: 'package.json', message: 'jest config (jest.config.js): watchman: no Vitest translation known' }),
      ]),
    );
  });
});
