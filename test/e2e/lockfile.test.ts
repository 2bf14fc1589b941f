// The lockfile is part of the base: with a real npm and a real package-lock.json, setup adds a
// dependency, the install during setup rewrites the lockfile, and base, step branches and land's
// result all install with `npm ci`. Offline: the dependency is a `file:` folder of the fixture, and
// npm runs with its own empty cache and --offline.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { PROJECT_ROOT, runCli, runCliHere } from '../helpers/cli.js';
import { moduleFiles } from '../helpers/fixture-repo.js';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const TRANSFORMS = join(PROJECT_ROOT, 'test/fixtures/e2e/transforms');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const NPM_CI = 'npm ci --no-audit --no-fund';

/** A repo with a package-lock.json made by npm, and a recipe whose setup adds the `file:` dependency `dep`, which verify needs. */
function prepare(install: string, extra: Record<string, unknown> = {}) {
  const repo = makeTempRepo(
    moduleFiles(2, {
      '.gitignore': 'node_modules/\n',
      'package.json': '{ "name": "fixture", "version": "1.0.0", "private": true }\n',
      'deps/dep/package.json': '{ "name": "dep", "version": "1.0.0", "main": "index.js" }\n',
      'deps/dep/index.js': "module.exports = 'dep-installed';\n",
    }),
  );
  const outside = makeTempDir();
  cleanups.push(() => repo.cleanup(), () => rmSync(outside, { recursive: true, force: true }));
  const env = {
    CODEMIGRATE_WORKTREE_DIR: join(outside, 'worktrees'),
    npm_config_cache: join(outside, 'npm-cache'),
    npm_config_userconfig: join(outside, 'npmrc'),
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
  };
  writeFileSync(join(repo.dir, 'package-lock.json'), initialLockfile(repo.dir, env));
  repo.commitAll('lockfile');
  // Installed for its own commit, as a user's checkout is (it has no dependency): the baseline links it.
  mkdirSync(join(repo.dir, 'node_modules'));
  const recipe = join(outside, 'recipe.json');
  writeFileSync(
    recipe,
    JSON.stringify({
      id: 'lockfile-test',
      description: 'add a dependency in setup; verify needs it',
      modules: { by: 'directory', include: ['src/**/*.js'] },
      setup: [{ codemod: join(TRANSFORMS, 'setup-add-file-dependency.js'), engine: 'jscodeshift' }],
      steps: [{ codemod: join(TRANSFORMS, 'rename-identifier.js'), engine: 'jscodeshift', parser: 'babel' }],
      verify: [{ run: `node -e "console.log(require('dep'))"`, timeoutSeconds: 60 }],
      install: { run: install, timeoutSeconds: 120 },
      ...extra,
    }),
  );
  return { repo, recipe, env, outside };
}

// Every case starts from the same package.json (no dependency yet), so npm writes the same
// lockfile for each: made by npm once per file, then copied.
let lockfileText: string | undefined;
function initialLockfile(dir: string, env: Record<string, string>): string {
  if (lockfileText === undefined) {
    npm(dir, env, 'install', '--package-lock-only', '--no-audit', '--no-fund');
    lockfileText = readFileSync(join(dir, 'package-lock.json'), 'utf8');
  }
  return lockfileText;
}

function npm(cwd: string, env: Record<string, string>, ...args: string[]): string {
  return execFileSync('npm', args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The files of a commit in a new folder, as a clone's checkout would have them. */
function exportCommit(repo: TempRepo, ref: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const tar = `${dir}.tar`;
  repo.git('archive', '--format=tar', '-o', tar, ref);
  execFileSync('tar', ['-xf', tar, '-C', dir]);
  return dir;
}

const events = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
const lockOf = (repo: TempRepo, ref: string) => JSON.parse(repo.git('show', `${ref}:package-lock.json`)) as { packages: Record<string, unknown> };

// npm runs several times per case: a slow ceiling for a loaded machine (nothing here depends on time).
describe('the lockfile setup\'s install writes', { timeout: 600_000 }, () => {
  it('is committed into base: step branches and land\'s result install from it with npm ci', async () => {
    const { repo, recipe, env, outside } = prepare('npm install --no-audit --no-fund');
    const before = snapshotCheckout(repo);
    expect(lockOf(repo, 'HEAD').packages).not.toHaveProperty(['node_modules/dep']);

    const result = await runCliHere(['run', recipe, '--repo', repo.dir, '--run-id', 'l1', '--json'], { env });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const emitted = events(result.stdout);
    const types = emitted.map((event) => event.type);
    expect(emitted.filter((event) => event.type === 'install-started')).toEqual([
      { type: 'install-started', command: 'npm install --no-audit --no-fund', manifests: ['package.json'] },
    ]);
    expect(emitted.find((event) => event.type === 'setup-finished')).toMatchObject({ files: 2, lockfiles: ['package-lock.json'] });
    expect(types.indexOf('install-finished')).toBeLessThan(types.indexOf('setup-finished'));
    expect(types.indexOf('setup-finished')).toBeLessThan(types.indexOf('step-started'));

    const baseLock = lockOf(repo, 'codemigrate/l1/base');
    expect(baseLock.packages).toHaveProperty(['node_modules/dep']);
    expect(baseLock.packages['']).toMatchObject({ dependencies: { dep: 'file:deps/dep' } });
    expect(repo.git('diff', '--name-only', 'main', 'codemigrate/l1/base').split('\n')).toEqual(['package-lock.json', 'package.json']);
    expect(repo.git('rev-parse', 'codemigrate/l1/base^')).toBe(repo.git('rev-parse', 'main'));

    // A step branch, checked out elsewhere, installs from its own lockfile.
    const step = exportCommit(repo, 'codemigrate/l1/src-mod000', join(outside, 'step'));
    npm(step, env, 'ci', '--no-audit', '--no-fund');
    expect(execFileSync('node', ['-e', "console.log(require('dep'))"], { cwd: step, encoding: 'utf8' })).toBe('dep-installed\n');
    expect(snapshotCheckout(repo)).toEqual(before);

    const land = await runCliHere(['land', 'l1', '--repo', repo.dir, '--json'], { env });
    expect(land.code, land.stdout + land.stderr).toBe(0);
    const landed = events(land.stdout);
    expect(landed.filter((event) => event.type === 'install-started')).toEqual([
      { type: 'install-started', command: NPM_CI, manifests: ['package-lock.json', 'package.json'] },
    ]);
    expect(landed.find((event) => event.type === 'install-finished')).toMatchObject({ command: NPM_CI, status: 'passed' });
    expect(landed.find((event) => event.type === 'land')).toMatchObject({ exitCode: 0, verify: [{ status: 'passed', outputTail: 'dep-installed\n' }] });
    expect(lockOf(repo, 'codemigrate/l1/result')).toEqual(baseLock);
    expect(snapshotCheckout(repo)).toEqual(before);
  });

  it("puts finish's manifest edits and the lockfile its install writes in one commit: the full result installs with npm ci", async () => {
    const finish = [{ codemod: join(TRANSFORMS, 'finish-remove-file-dependency.js'), engine: 'jscodeshift' }];
    // Verify proves the result still installs (npm ci ran) without needing the dependency finish removed.
    const { repo, recipe, env } = prepare('npm install --no-audit --no-fund', { finish, verify: [{ run: 'node -e "1"', timeoutSeconds: 60 }] });
    expect((await runCliHere(['run', recipe, '--repo', repo.dir, '--run-id', 'f1'], { env })).code).toBe(0);
    const land = await runCliHere(['land', 'f1', '--repo', repo.dir], { env });
    expect(land.code, land.stdout + land.stderr).toBe(0);
    expect(land.stdout).toContain("finish: every step has landed; the recipe's finish changed 2 file(s)\n  finish's install rewrote package-lock.json\n");
    const lock = lockOf(repo, 'codemigrate/f1/result');
    expect(lock.packages).not.toHaveProperty(['node_modules/dep']);
    expect(lock.packages['']).not.toHaveProperty(['dependencies', 'dep']);
    expect(repo.git('diff', '--name-only', 'codemigrate/f1/result~2', 'codemigrate/f1/result~1').split('\n')).toEqual(['package-lock.json', 'package.json']);
  });

  it('a resume after setup committed installs again at the base, from its lockfile, and commits nothing for it', async () => {
    const { repo, recipe, env } = prepare('npm install --no-audit --no-fund');
    const killed = await runCli(['run', recipe, '--repo', repo.dir, '--run-id', 'l2'], { env: { ...env, CODEMIGRATE_FAILPOINT: 'after-setup-recorded' } });
    expect(killed.signal).toBe('SIGKILL');
    const base = repo.git('rev-parse', 'codemigrate/l2/base');

    const resumed = await runCliHere(['resume', 'l2', '--repo', repo.dir, '--json'], { env });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(events(resumed.stdout).filter((event) => event.type === 'install-started')).toEqual([
      { type: 'install-started', command: 'npm install --no-audit --no-fund', manifests: ['package-lock.json', 'package.json'] },
    ]);
    expect(repo.git('rev-parse', 'codemigrate/l2/base')).toBe(base);
    for (const step of ['src-mod000', 'src-mod001']) {
      expect(repo.git('rev-parse', `codemigrate/l2/${step}^`)).toBe(base);
      expect(repo.git('diff', '--name-only', base, `codemigrate/l2/${step}`)).toBe(`src/${step.slice(4)}/a.js`);
    }
  });

  it('land fails when the result\'s lockfile is stale: the frozen install names itself and its exit code', async () => {
    // An install that leaves the lockfile alone: verify passes on what it installed, but the base
    // keeps the old lockfile, which no longer matches package.json.
    const { repo, recipe, env } = prepare('npm install --no-audit --no-fund --no-package-lock');
    const result = await runCliHere(['run', recipe, '--repo', repo.dir, '--run-id', 'l3', '--json'], { env });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(events(result.stdout).find((event) => event.type === 'setup-finished')).toMatchObject({ files: 1, lockfiles: [] });
    expect(lockOf(repo, 'codemigrate/l3/base')).toEqual(lockOf(repo, 'main'));

    const land = await runCliHere(['land', 'l3', '--repo', repo.dir, '--json'], { env });
    expect(land.code, land.stdout + land.stderr).toBe(1);
    const landed = events(land.stdout);
    expect(landed.find((event) => event.type === 'install-finished')).toMatchObject({ command: NPM_CI, status: 'failed' });
    const report = landed.find((event) => event.type === 'land') as { exitCode: number; verify: { command: string; status: string; outputTail: string }[] };
    expect(report.exitCode).toBe(1);
    expect(report.verify).toHaveLength(1);
    expect(report.verify[0]).toMatchObject({ command: NPM_CI, status: 'failed' });
    // The cause first, then the output it comes from (the command is the result's own field).
    expect(report.verify[0]!.outputTail).toMatch(/^install failed: exit [1-9]\d*: npm error `npm ci` can only install packages when your package\.json and package-lock\.json .* are in sync\..*\n/);
  });
});
