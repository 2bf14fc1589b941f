// The command line's surface: recipes, help, and live progress on a terminal.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { makeModuleRepo } from '../helpers/fixture-repo.js';
import { HERMETIC_GIT_ENV, makeTempDir, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe.json');
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

describe('command line', () => {
  it("prints its own version with --version, not that of the package.json above the yargs it loads", () => {
    // A copy of the package whose node_modules is another folder's (a hoisted install): yargs,
    // asked for no version, read the package.json above its own real path.
    const dir = makeTempDir();
    cpSync(join(PROJECT_ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
    cpSync(join(PROJECT_ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'codemigrate', version: '9.8.7-own', type: 'module' }));
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    expect(execFileSync(process.execPath, [join(dir, 'bin/codemigrate.js'), '--version'], { encoding: 'utf8' }).trim()).toBe('9.8.7-own');
  });

  it('lists the built-in recipes, also outside a repository', async () => {
    const result = await runCliHere(['recipes', '--repo', makeTempDir()]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^jest-to-vitest\s+builtin\s+\S/m);
    expect(result.stdout).toMatch(/^node-deprecations\s+builtin\s+\S/m);
    const json = await runCliHere(['recipes', '--json']);
    const rows = json.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(rows.map((row) => row.id)).toEqual(expect.arrayContaining(['jest-to-vitest', 'node-deprecations']));
  });

  it('names the missing <recipe> of run and plan (exit 2)', async () => {
    for (const command of ['run', 'plan']) {
      const result = await runCliHere([command, '--repo', makeTempDir()]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`codemigrate: ${command}: missing <recipe>: a recipe file (recipes/<id>.json) or a built-in recipe id`);
    }
  });

  it('lists the recipes a repository config names', async () => {
    const repo = makeModuleRepo(1, {
      'tools/our.json': JSON.stringify({ id: 'ours', description: 'our own', modules: { include: ['**/*.js'] }, steps: [{ codemod: '../test-transform.js', engine: 'jscodeshift', parser: 'babel' }] }),
      'test-transform.js': 'module.exports = (file) => file.source;\n',
      'migration.config.json': JSON.stringify({ recipes: { ours: 'tools/our.json' } }),
    });
    repos.push(repo);
    const result = await runCliHere(['recipes', '--repo', repo.dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ours\s+config\s+our own$/m);
    const plan = await runCliHere(['plan', 'ours', '--repo', repo.dir]);
    expect(plan.code, plan.stderr).toBe(0);
  });

  it('shows live progress on a terminal', () => {
    const repo = makeModuleRepo(3);
    repos.push(repo);
    // `script` gives the command a pseudo-terminal, as a person's shell would.
    const command = `${process.execPath} ${CLI} run ${RECIPE} --repo ${repo.dir} --run-id tty`;
    const tty = execFileSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, ...HERMETIC_GIT_ENV } });
    expect(tty).toMatch(/3\/3 steps \| running 0 \| failed 0 \| ETA/);
    expect(tty).toContain('run tty finished: 3 succeeded');
    expect(tty).not.toContain('step src-mod000 started');
    expect(existsSync(join(repo.dir, '.git/codemigrate/lock'))).toBe(false);
  });
});
