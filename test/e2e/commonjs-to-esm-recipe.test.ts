// The built-in commonjs-to-esm recipe through the CLI on a small CommonJS package
// (test/fixtures/commonjs-to-esm-app: requires between directories, a directory require, JSON
// requires, __dirname, module.exports and exports.x forms, a bin with `require.main === module`,
// node:test tests that require the sources), verified by its own `npm test` against the baseline.
// Every step is verified with the other directories still CommonJS, so each lands alone; land
// with every step applies finish ("type": "module", "exports"), and the landed package's tests pass
// as ES modules. A step left to the model keeps finish waiting, and what did land still passes.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { HERMETIC_GIT_ENV, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const APP = join(PROJECT_ROOT, 'test/fixtures/commonjs-to-esm-app');

function app(extra: Record<string, string> = {}): TempRepo {
  const repo = makeTempRepo();
  cleanups.push(() => repo.cleanup());
  cpSync(APP, repo.dir, { recursive: true });
  repo.write(extra);
  repo.commitAll('greeter, CommonJS');
  return repo;
}

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...HERMETIC_GIT_ENV }, encoding: 'utf8' });

/** `node --test` in a checkout of `ref`: its exit code and output. */
function nodeTestAt(repo: TempRepo, ref: string): { code: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'codemigrate-esm-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  git(repo.dir, 'archive', '--format=tar', '-o', join(dir, 'tree.tar'), ref);
  execFileSync('tar', ['-xf', 'tree.tar'], { cwd: dir });
  try {
    const output = execFileSync(process.execPath, ['--test'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, output: failed.stdout + failed.stderr };
  }
}

describe('commonjs-to-esm recipe (built in)', () => {
  it('converts every directory in a step of its own, each verified among CommonJS ones, and lands a package whose tests pass as ES modules', async () => {
    const repo = app();
    const run = await runCliHere(['run', 'commonjs-to-esm', '--repo', repo.dir, '--run-id', 'esm']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^run esm finished: 4 succeeded; /m);
    // Setup made the package typeless ("type": "commonjs" turns Node's syntax detection off).
    const base = JSON.parse(git(repo.dir, 'show', 'codemigrate/esm/base:package.json')) as Record<string, unknown>;
    expect(base['type']).toBeUndefined();
    // A step branch is the base plus that directory converted: the sources as ES modules, the tests
    // (another step) still CommonJS, requiring them.
    expect(git(repo.dir, 'show', 'codemigrate/esm/src:src/index.js')).toContain("import greet from './greet.js';");
    expect(git(repo.dir, 'show', 'codemigrate/esm/src:test/greet.test.js')).toContain("require('../src')");
    expect(nodeTestAt(repo, 'codemigrate/esm/src').code).toBe(0);

    const land = await runCliHere(['land', 'esm', '--repo', repo.dir]);
    expect(land.code, land.stdout + land.stderr).toBe(0);
    expect(land.stdout).toContain("finish: every step has landed; the recipe's finish changed 1 file(s)");
    const result = 'codemigrate/esm/result';
    const manifest = JSON.parse(git(repo.dir, 'show', `${result}:package.json`)) as Record<string, unknown>;
    expect(manifest).toMatchObject({ type: 'module', main: 'src/index.js', exports: { '.': './src/index.js' } });

    const files = git(repo.dir, 'ls-tree', '-r', '--name-only', result).trim().split('\n').filter((file) => file.endsWith('.js'));
    expect(files).toHaveLength(8);
    for (const file of files) {
      const text = git(repo.dir, 'show', `${result}:${file}`);
      // (`export { x as 'module.exports' }` keeps `require()` of the file returning x.)
      expect(text, file).not.toMatch(/\brequire\b|(?<!')module\.exports|\bexports\.|__dirname|__filename/);
    }
    expect(git(repo.dir, 'show', `${result}:src/greet.js`)).toContain("import config from './config.json' with { type: 'json' };");
    expect(git(repo.dir, 'show', `${result}:bin/greeter.js`)).toMatch(/^#!\/usr\/bin\/env node\n/);

    const tests = nodeTestAt(repo, result);
    expect(tests.code, tests.output).toBe(0);
    expect(tests.output).toMatch(/^# pass 5$/m);
    // A "type": "module" package: no file is reparsed as an ES module any more.
    expect(tests.output).not.toContain('MODULE_TYPELESS_PACKAGE_JSON');
  });

  it('leaves a step with a reported require to the model, and lands the rest without finish', async () => {
    // The recipe's own verify (`npm test` against the baseline, each step among CommonJS ones) is
    // pinned by the test above; here the config's `true` stands in for it (six `npm test`s fewer),
    // and the landed result's own tests are run below.
    const repo = app({
      'migration.config.json': JSON.stringify({ verify: [{ run: 'true' }] }),
      'src/plugins/load.js': "exports.load = function load(name) {\n  return require('./' + name);\n};\n",
      'src/plugins/upper.js': "module.exports = (text) => text.toUpperCase();\n",
      'test/plugins.test.js':
        "const test = require('node:test');\nconst assert = require('node:assert/strict');\nconst { load } = require('../src/plugins/load');\n\ntest('loads a plugin by name', () => {\n  assert.equal(load('upper')('a'), 'A');\n});\n",
    });
    const run = await runCliHere(['run', 'commonjs-to-esm', '--repo', repo.dir, '--run-id', 'part']);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^step src-plugins needs-model .*none is configured: src\/plugins\/load\.js:2: require\(\) of a computed specifier kept through createRequire/m);
    expect(run.stdout).toMatch(/^run part finished: 4 succeeded, 1 needs-model; /m);

    const land = await runCliHere(['land', 'part', '--repo', repo.dir]);
    expect(land.code, land.stdout + land.stderr).toBe(0);
    expect(land.stdout).not.toContain('finish: every step has landed');
    const result = 'codemigrate/part/result';
    expect(JSON.parse(git(repo.dir, 'show', `${result}:package.json`))).not.toHaveProperty('type');
    // The plugin loader stayed CommonJS; the converted test imports it as a named export.
    expect(git(repo.dir, 'show', `${result}:src/plugins/load.js`)).toContain('exports.load = ');
    expect(git(repo.dir, 'show', `${result}:test/plugins.test.js`)).toContain("import { load } from '../src/plugins/load.js';");
    const tests = nodeTestAt(repo, result);
    expect(tests.code, tests.output).toBe(0);
    expect(tests.output).toMatch(/^# pass 6$/m);
  });
});
