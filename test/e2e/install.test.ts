// The recipe's install step: when setup changes a dependency manifest, the install command runs
// once per run, during setup, in its own scratch worktree, and verify links that worktree's
// node_modules; a resume whose setup had committed installs again, lazily, at the base.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { PROJECT_ROOT, runCli, runCliHere, startCli } from '../helpers/cli.js';
import { makeModuleRepo } from '../helpers/fixture-repo.js';
import { makeTempDir, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const TRANSFORMS = join(PROJECT_ROOT, 'test/fixtures/e2e/transforms');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

interface Setup {
  readonly repo: TempRepo;
  readonly recipe: string;
  /** One line per install run: the command appends to this file outside the repository. */
  readonly marker: string;
  readonly worktrees: string;
  readonly env: Record<string, string>;
  readonly installRuns: () => number;
}

/** A fixture repo, and a recipe whose setup edits package.json (unless `setup` is false) and whose verify needs `dep`. */
function prepare(options: { modules: number; install?: string; setup?: boolean; include?: string; checkoutModules?: boolean }): Setup {
  const repo = makeModuleRepo(options.modules, { '.gitignore': 'node_modules/\n' });
  // The checkout is installed for its own commit, as a user's is (without `dep`, which setup adds);
  // a checkout with no node_modules at all makes the baseline install too (its own test below).
  if (options.checkoutModules !== false) mkdirSync(join(repo.dir, 'node_modules'));
  const outside = makeTempDir();
  cleanups.push(() => repo.cleanup(), () => rmSync(outside, { recursive: true, force: true }));
  const marker = join(outside, 'install-runs.txt');
  const worktrees = join(outside, 'worktrees');
  const install = options.install ?? `mkdir -p node_modules/dep && echo "module.exports = 'dep-installed';" > node_modules/dep/index.js && echo ran >> '${marker}'`;
  const recipe = join(outside, 'recipe.json');
  writeFileSync(
    recipe,
    JSON.stringify({
      id: 'install-test',
      description: 'rename, verified with a dependency that only the install provides',
      modules: { by: 'directory', include: [options.include ?? 'src/**/*.js'] },
      ...(options.setup === false ? {} : { setup: [{ codemod: join(TRANSFORMS, 'setup-bump-version.js'), engine: 'jscodeshift' }] }),
      steps: [{ codemod: join(TRANSFORMS, 'rename-identifier.js'), engine: 'jscodeshift', parser: 'babel' }],
      verify: [{ run: `node -e "console.log(require('dep'))"`, timeoutSeconds: 30 }],
      install: { run: install, timeoutSeconds: 30 },
    }),
  );
  const installRuns = () => (existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean).length : 0);
  // The installs count themselves in a file outside the repository, which the verify sandbox
  // rightly refuses to let them write: these tests are about when installs run, not where.
  return { repo, recipe, marker, worktrees, env: { CODEMIGRATE_WORKTREE_DIR: worktrees, CODEMIGRATE_SANDBOX: 'off' }, installRuns };
}

const worktreeCount = (repo: TempRepo) => repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)?.length;
const leftInWorktreeDir = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true }) : []);
const events = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('install for verification', () => {
  it('installs once for a run whose setup changed package.json, with concurrency 2, and again for land', async () => {
    const { repo, recipe, worktrees, env, installRuns } = prepare({ modules: 4 });
    const before = snapshotCheckout(repo);

    const result = await runCliHere(['run', recipe, '--repo', repo.dir, '--run-id', 'i1', '--concurrency', '2', '--json'], { env });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const emitted = events(result.stdout);
    const finished = emitted.filter((event) => event.type === 'step-finished');
    expect(finished.map((event) => event.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(emitted.filter((event) => event.type === 'install-started')).toEqual([
      { type: 'install-started', command: expect.stringContaining('mkdir -p node_modules/dep'), manifests: ['package.json'] },
    ]);
    expect(emitted.filter((event) => event.type === 'install-finished')).toMatchObject([{ status: 'passed', exitCode: 0 }]);
    expect(installRuns()).toBe(1);
    const review = await runCliHere(['review', 'i1', 'src-mod002', '--repo', repo.dir, '--json']);
    expect(JSON.parse(review.stdout).verify[0]).toMatchObject({ status: 'passed', outputTail: 'dep-installed\n' });

    expect(existsSync(join(repo.dir, 'node_modules/dep'))).toBe(false);
    expect(snapshotCheckout(repo)).toEqual(before);
    expect(worktreeCount(repo)).toBe(1);
    expect(leftInWorktreeDir(worktrees)).toEqual([]);

    // land verifies the result commit, whose package.json differs from the source's: it installs too.
    const land = await runCliHere(['land', 'i1', '--repo', repo.dir], { env });
    expect(land.code, land.stdout + land.stderr).toBe(0);
    expect(land.stdout).toMatch(/^install started: .* \(package\.json changed\)$/m);
    expect(land.stdout).toMatch(/^install passed in \d+ ms: /m);
    expect(land.stdout).toContain('verdict: passed: no regression against the baseline');
    expect(repo.git('log', '-1', '--format=%(trailers:key=Codemigrate-Verdict,valueonly)', 'codemigrate/i1/result')).toBe('passed');
    expect(installRuns()).toBe(2);
    expect(snapshotCheckout(repo)).toEqual(before);
    expect(worktreeCount(repo)).toBe(1);
    expect(leftInWorktreeDir(worktrees)).toEqual([]);
  });

  it('an install that names {frozen} is given nothing there in the run, and --frozen by land instead of npm ci for the lockfile', async () => {
    const probe = prepare({ modules: 1 });
    const { repo, env } = probe;
    // A lockfile at the root: without {frozen}, land would run `npm ci` on it.
    writeFileSync(join(repo.dir, 'package-lock.json'), '{"lockfileVersion":3}\n');
    repo.git('add', 'package-lock.json');
    repo.git('commit', '-q', '-m', 'lockfile');
    const recipeJson = JSON.parse(readFileSync(probe.recipe, 'utf8'));
    recipeJson.install.run = `mkdir -p node_modules/dep && echo "module.exports = 'dep-installed';" > node_modules/dep/index.js && echo "args:" {frozen} >> '${probe.marker}'`;
    writeFileSync(probe.recipe, JSON.stringify(recipeJson));
    const run = await runCliHere(['run', probe.recipe, '--repo', repo.dir, '--run-id', 'fz'], { env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const land = await runCliHere(['land', 'fz', '--repo', repo.dir], { env });
    expect(land.code, land.stdout + land.stderr).toBe(0);
    expect(land.stdout).not.toContain('npm ci');
    expect(readFileSync(probe.marker, 'utf8')).toBe('args:\nargs: --frozen\n');
  });

  it('installs for the baseline too when the checkout has no node_modules, and removes it before the steps', async () => {
    const { repo, recipe, env, installRuns } = prepare({ modules: 2, checkoutModules: false });
    const result = await runCliHere(['run', recipe, '--repo', repo.dir, '--run-id', 'bi', '--json'], { env });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(installRuns()).toBe(2); // the baseline's at the source commit, setup's at the base
    const notices = events(result.stdout).filter((event) => event.type === 'notice').map((event) => event.message);
    expect(notices).toContain("the checkout has no node_modules: the baseline installs the source commit's dependencies with the recipe's install command first");
    const state = JSON.parse(readFileSync(join(repo.dir, '.git/codemigrate/bi/state.json'), 'utf8'));
    expect(state.baseline.checks.map((check: { status: string }) => check.status)).toEqual(['passed']);
    expect(existsSync(join(repo.dir, 'node_modules'))).toBe(false);
  });

  it('without the install (turned off by "install": null in the config) the same verify fails', async () => {
    const { repo, recipe, env, installRuns } = prepare({ modules: 1 });
    writeFileSync(join(repo.dir, 'migration.config.json'), JSON.stringify({ install: null }));
    const result = await runCliHere(['run', recipe, '--repo', repo.dir, '--run-id', 'i0'], { env });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).not.toContain('install started');
    expect(result.stdout).toContain('step src-mod000 failed');
    const review = await runCliHere(['review', 'i0', 'src-mod000', '--repo', repo.dir]);
    expect(review.stdout).toContain("Cannot find module 'dep'");
    expect(installRuns()).toBe(0);
  });

  it('installs nothing when no manifest changed, and links the checkout\'s node_modules as before', async () => {
    const { repo, recipe, worktrees, env, installRuns } = prepare({ modules: 2, setup: false });
    mkdirSync(join(repo.dir, 'node_modules/dep'), { recursive: true });
    writeFileSync(join(repo.dir, 'node_modules/dep/index.js'), 'module.exports = "dep-of-the-checkout";\n');
    const before = snapshotCheckout(repo);
    const result = await runCliHere(['run', recipe, '--repo', repo.dir, '--run-id', 'i2'], { env });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).not.toContain('install started');
    expect(installRuns()).toBe(0);
    const review = await runCliHere(['review', 'i2', 'src-mod001', '--repo', repo.dir, '--json']);
    expect(JSON.parse(review.stdout).verify[0].outputTail).toBe('dep-of-the-checkout\n');
    expect(snapshotCheckout(repo)).toEqual(before);
    expect(leftInWorktreeDir(worktrees)).toEqual([]);
  });

  it('installs once during setup even when no step verifies: what it writes to lockfiles belongs in the base', async () => {
    // b.js has no oldName: every step ends unchanged, and no verify runs.
    const { repo, recipe, env, installRuns } = prepare({ modules: 2, include: 'src/**/b.js' });
    const result = await runCliHere(['run', recipe, '--repo', repo.dir, '--run-id', 'i4'], { env });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('2 unchanged');
    expect(result.stdout).toMatch(/^install started: .* \(package\.json changed\)$/m);
    expect(installRuns()).toBe(1);
  });

  it('a failed install fails setup: no base, no step, one line naming the command and its exit; status shows the output; resume installs again', async () => {
    const failing = (marker: string) => `echo ran >> '${marker}'; echo "npm ERR! no such package"; exit 7`;
    const probe = prepare({ modules: 3 });
    const { repo, worktrees, env, installRuns } = probe;
    const recipeJson = JSON.parse(readFileSync(probe.recipe, 'utf8'));
    recipeJson.install.run = failing(probe.marker);
    writeFileSync(probe.recipe, JSON.stringify(recipeJson));

    const result = await runCliHere(['run', probe.recipe, '--repo', repo.dir, '--run-id', 'i3', '--concurrency', '2'], { env });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const reason = 'install failed: exit 7: npm ERR! no such package';
    expect(result.stdout).toContain(`install failed (exit 7) in `);
    expect(result.stdout.split('\n').filter((line) => line.includes(reason))).toEqual([
      `setup failed: ${reason}; no base was written: fix the cause and \`codemigrate resume i3\` (\`codemigrate status i3\` shows the output)`,
    ]);
    expect(result.stdout).not.toContain('step src-mod000');
    expect(result.stdout).toMatch(/^run i3 finished: 3 pending \(exit 1\)$/m);
    expect(installRuns()).toBe(1);
    expect(repo.git('for-each-ref', '--format=%(refname:short)', 'refs/heads/codemigrate/i3/')).toBe('');
    expect(worktreeCount(repo)).toBe(1);
    expect(leftInWorktreeDir(worktrees)).toEqual([]);

    const status = await runCliHere(['status', 'i3', '--repo', repo.dir]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain(`setup failed: ${reason}; no base was written (resume installs again)\n    npm ERR! no such package\n`);
    const row = JSON.parse((await runCliHere(['status', 'i3', '--repo', repo.dir, '--json'])).stdout.split('\n')[0]!);
    expect(row.setupFailure).toEqual({ cause: 'install', reason, outputTail: `${reason}\nnpm ERR! no such package\n` });

    // The config's install wins over the recipe's: with a working one, resume computes setup again and finishes the run.
    const working = `mkdir -p node_modules/dep && echo "module.exports = 'fixed';" > node_modules/dep/index.js && echo ran >> '${probe.marker}'`;
    writeFileSync(join(repo.dir, 'migration.config.json'), JSON.stringify({ install: { run: working } }));
    const resumed = await runCliHere(['resume', 'i3', '--repo', repo.dir], { env });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/^setup: 1 file\(s\) changed; base branch codemigrate\/i3\/base$/m);
    expect(installRuns()).toBe(2);
    const after = JSON.parse((await runCliHere(['review', 'i3', 'src-mod001', '--repo', repo.dir, '--json'])).stdout);
    expect(after.verify[0]).toMatchObject({ status: 'passed', outputTail: 'fixed\n' });
    expect(JSON.parse((await runCliHere(['status', 'i3', '--repo', repo.dir, '--json'])).stdout.split('\n')[0]!).setupFailure).toBeUndefined();
  });

  it('a resume after setup committed installs again at the base; a failure there fails each step once, with its output, and spends no retry', async () => {
    const probe = prepare({ modules: 2 });
    const { repo, env, installRuns } = probe;
    // A model step for failed verifies: an install failure must not be handed to it (nor end needs-model).
    const recipeJson = JSON.parse(readFileSync(probe.recipe, 'utf8'));
    writeFileSync(join(probe.recipe, '..', 'fix.md'), 'Fix the failing test.\n');
    recipeJson.steps.push({ model: { instructions: './fix.md', when: ['verify-failed'] } });
    writeFileSync(probe.recipe, JSON.stringify(recipeJson));

    const killed = await runCli(['run', probe.recipe, '--repo', repo.dir, '--run-id', 'i5'], { env: { ...env, CODEMIGRATE_FAILPOINT: 'after-setup-recorded' } });
    expect(killed.signal).toBe('SIGKILL');
    expect(installRuns()).toBe(1);
    const base = repo.git('rev-parse', 'codemigrate/i5/base');

    const failing = `echo ran >> '${probe.marker}'; echo "npm ERR! offline"; exit 3`;
    writeFileSync(join(repo.dir, 'migration.config.json'), JSON.stringify({ install: { run: failing } }));
    const resumed = await runCliHere(['resume', 'i5', '--repo', repo.dir, '--concurrency', '2'], { env });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(1);
    const reason = 'install failed: exit 3: npm ERR! offline';
    expect(resumed.stdout).toContain('install failed (exit 3) in ');
    expect(resumed.stdout.split('\n').filter((line) => line.endsWith(reason))).toHaveLength(2);
    expect(installRuns()).toBe(2);
    const review = JSON.parse((await runCliHere(['review', 'i5', 'src-mod001', '--repo', repo.dir, '--json'])).stdout);
    expect(review).toMatchObject({ status: 'failed', attempts: 1, reason });
    expect(review.verify[0].outputTail).toBe(`${reason}\nnpm ERR! offline\n`);

    writeFileSync(join(repo.dir, 'migration.config.json'), JSON.stringify({}));
    const finished = await runCliHere(['resume', 'i5', '--repo', repo.dir], { env });
    expect(finished.code, finished.stdout + finished.stderr).toBe(0);
    expect(installRuns()).toBe(3);
    expect(repo.git('rev-parse', 'codemigrate/i5/base')).toBe(base);
  });

  it('survives a kill -9 during the install: resume removes the half-done install worktree and installs again', async () => {
    const { repo, recipe, marker, worktrees, env, installRuns } = prepare({ modules: 2 });
    const started = `${marker}.started`;
    // The first install holds until the test releases it, which is after everything is checked:
    // the kill lands mid-install however slow the machine (a fixed `sleep 2` made that a race under
    // load), and a held install that outlived the kill (no sandbox to take it down with its
    // parent) cannot finish while resume runs (a release right after the kill let it, under load:
    // two installs counted). The second install, resume's, does not hold. The paths are absolute:
    // a held install whose worktree was removed still sees them.
    const release = `${marker}.release`;
    cleanups.unshift(() => writeFileSync(release, '')); // before the folder holding it goes
    const recipeJson = JSON.parse(readFileSync(recipe, 'utf8')) as { install: { run: string } };
    recipeJson.install.run = `echo started >> '${started}' && if [ "$(wc -l < '${started}')" -eq 1 ]; then while [ ! -e '${release}' ]; do sleep 0.05; done; fi && mkdir -p node_modules/dep && echo "module.exports = 'dep-installed';" > node_modules/dep/index.js && echo ran >> '${marker}'`;
    writeFileSync(recipe, JSON.stringify(recipeJson));
    const before = snapshotCheckout(repo);

    const run = startCli(['run', recipe, '--repo', repo.dir, '--run-id', 'i4'], { env });
    // A backstop only: the install's own timeout (30 s) would end a hold nobody released.
    for (let waited = 0; !existsSync(started) && waited < 60_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(started)).toBe(true);
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');
    expect(installRuns()).toBe(0);

    const resumed = await runCliHere(['resume', 'i4', '--repo', repo.dir], { env });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(installRuns()).toBe(1);
    expect(readFileSync(started, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(repo.git('for-each-ref', '--format=%(refname:short)', 'refs/heads/codemigrate/i4/').split('\n').sort()).toEqual([
      'codemigrate/i4/base',
      'codemigrate/i4/src-mod000',
      'codemigrate/i4/src-mod001',
    ]);
    expect(snapshotCheckout(repo)).toEqual(before);
    expect(existsSync(join(repo.dir, 'node_modules/dep'))).toBe(false);
    expect(worktreeCount(repo)).toBe(1);
    expect(leftInWorktreeDir(worktrees)).toEqual([]);
  });
});
