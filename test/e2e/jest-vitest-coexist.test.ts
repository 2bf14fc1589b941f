// The built-in jest-to-vitest recipe on a JavaScript Jest project, judged by the real runners
// (this project's Jest and Vitest, linked in as the temp repository's node_modules): the baseline
// is Jest's, each step's verdict Vitest's on its files. Landing one of two modules gives a result
// whose own `npm test` (`jest && vitest run`) runs each test once, on its runner; landing the
// other applies finish, after which Vitest alone runs everything (land's verdict: all six pass).

import { execFileSync, spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { HERMETIC_GIT_ENV, makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

const testFile = (name: string) =>
  [
    "import semver from 'semver';",
    "import { parse } from 'yaml';",
    '',
    "jest.mock('yaml');",
    '',
    `describe('${name}', () => {`,
    "  it('calls a mock', () => {",
    '    const f = jest.fn();',
    '    f();',
    '    expect(f).toHaveBeenCalledTimes(1);',
    '  });',
    "  it('sees the setup file', () => {",
    '    expect(globalThis.fromSetup()).toBe(1);',
    '  });',
    "  it('gets the mocks of packages without asking, from the root __mocks__ and from another', () => {",
    "    expect([semver.valid('x'), parse('x')]).toEqual(['mocked semver', 'mocked yaml']);",
    '  });',
    '});',
    '',
  ].join('\n');

const PROJECT: Record<string, string> = {
  '.gitignore': 'node_modules\n',
  'package.json': `${JSON.stringify({ name: 'lib', private: true, scripts: { test: 'jest' }, dependencies: { semver: '^7.0.0', yaml: '^2.0.0' }, devDependencies: { '@babel/preset-env': '^7.0.0', jest: '^29.7.0' } }, null, 2)}\n`,
  'babel.config.js': "module.exports = { presets: [['@babel/preset-env', { targets: { node: 'current' } }]] };\n",
  // Mocks of packages, which Jest uses in every test file unasked (the tests also ask for yaml's):
  // no step takes them (each would break the other runner's tests); setup gives Vitest migrated
  // copies at the root, finish puts them in place.
  '__mocks__/semver.js': "export default { valid: jest.fn(() => 'mocked semver') };\n",
  'src/__mocks__/yaml.js': "export const parse = jest.fn(() => 'mocked yaml');\n",
  'jest.config.js': "module.exports = {\n  testEnvironment: 'node',\n  setupFilesAfterEnv: ['<rootDir>/jest.setup.js'],\n};\n",
  'jest.setup.js': 'globalThis.fromSetup = jest.fn(() => 1);\n',
  'src/a/a.test.js': testFile('a'),
  'src/b/b.test.js': testFile('b'),
  // Nothing is installed by the run: node_modules is this project's own.
  'migration.config.json': JSON.stringify({ install: null }),
};

const show = (repo: TempRepo, object: string) => execFileSync('git', ['show', object], { cwd: repo.dir, env: { ...process.env, ...HERMETIC_GIT_ENV }, encoding: 'utf8' });

/** `npm test` of a checkout of `ref`, with this project's node_modules: which runner ran which file. */
function npmTest(repo: TempRepo, ref: string): { status: number | null; output: string } {
  const dir = join(makeTempDir(), 'checkout');
  repo.git('worktree', 'add', '--detach', dir, ref);
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // Without this test runner's own VITEST* variables, which would make the inner Vitest a worker of it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
  const result = spawnSync('npm', ['test', '--silent'], { cwd: dir, encoding: 'utf8', env: { ...env, CI: 'true', NO_COLOR: '1' } });
  repo.git('worktree', 'remove', '--force', dir);
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('jest-to-vitest with both runners side by side', () => {
  // Six CLI runs and an `npm test`, each waiting on real runners: a generous backstop, not a
  // budget (240 s ran out at load 20 on 2 cores).
  it('lands one module with Jest still running the other, then finishes with Vitest alone', { timeout: 600_000 }, async () => {
    const repo = makeTempRepo(PROJECT);
    repos.push(repo);
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(repo.dir, 'node_modules'), 'dir');
    const run = await runCliHere(['run', 'jest-to-vitest', '--repo', repo.dir, '--run-id', 'co']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('jest (exit 0; 6 passed)');
    expect(run.stdout).toMatch(/^step src-a succeeded/m);
    expect(run.stdout).toMatch(/^step src-b succeeded/m);

    const accept = await runCliHere(['review', 'co', 'src-a', '--accept', '--repo', repo.dir]);
    expect(accept.code, accept.stderr).toBe(0);
    const partial = await runCliHere(['land', 'co', '--accepted', '--repo', repo.dir]);
    expect(partial.code, partial.stdout + partial.stderr).toBe(0);
    expect(partial.stdout).toContain('landed 1 step(s)');
    expect(partial.stdout).toContain('src-b: not accepted');
    expect(partial.stdout).toContain('finish: not yet');
    expect(partial.stdout).toContain('verdict: passed');
    const both = npmTest(repo, 'codemigrate/co/result');
    expect(both.status, both.output).toBe(0);
    // Jest ran b only (a is Vitest's now), then Vitest ran a only.
    expect(both.output).toMatch(/PASS src\/b\/b\.test\.js/);
    expect(both.output).not.toMatch(/PASS src\/a\/a\.test\.js/);
    expect(both.output).toMatch(/✓ src\/a\/a\.test\.js \(3 tests\)/);
    expect(both.output).not.toMatch(/src\/b\/b\.test\.js \(3 tests\)/);

    const full = await runCliHere(['land', 'co', '--repo', repo.dir]);
    expect(full.code, full.stdout + full.stderr).toBe(0);
    expect(full.stdout).toContain('landed 2 step(s)');
    expect(full.stdout).toContain('finish: every step has landed');
    expect(full.stdout).toContain('verdict: passed');
    // Its verdict is `npm test`'s (run-tests.mjs follows the script, now `vitest run` alone): all six
    // tests of Jest's baseline pass, none missing. (The partial result's `npm test` above is run for
    // real, as the one proof that the project's own command splits the files between the runners.)
    const manifest = JSON.parse(show(repo, 'codemigrate/co/result:package.json')) as { scripts: Record<string, string> };
    expect(manifest.scripts['test']).toBe('vitest run');
    expect(show(repo, 'codemigrate/co/result:package.json')).not.toContain('jest');
    // The migrated copies took the originals' place: the root's own, and the one Vitest finds at the
    // root instead of src/__mocks__ (which a test's own vi.mock('yaml') needs); nothing of Jest's is left.
    expect(show(repo, 'codemigrate/co/result:__mocks__/semver.js')).toContain('vi.fn(');
    expect(show(repo, 'codemigrate/co/result:__mocks__/yaml.js')).toMatch(/^import \{ vi \} from 'vitest';[^]*vi\.fn\(/);
    const compat = show(repo, 'codemigrate/co/result:vitest.jest-compat.js');
    expect(compat).toContain("vi.mock('semver', () => import('./__mocks__/semver.js'));");
    expect(compat).toContain("vi.mock('yaml');");
    const files = execFileSync('git', ['ls-tree', '-r', '--name-only', 'codemigrate/co/result'], { cwd: repo.dir, env: { ...process.env, ...HERMETIC_GIT_ENV }, encoding: 'utf8' });
    expect(files).not.toContain('.vitest.');
    expect(files).not.toContain('src/__mocks__/yaml.js');
  });
});
