// Verify commands run in scratch worktrees with the repository's node_modules reachable,
// {module} and {files} shell-quoted; modules by npm workspace package.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const TRANSFORMS = join(PROJECT_ROOT, 'test/fixtures/e2e/transforms');
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

describe('verify in scratch worktrees', () => {
  it('reaches node_modules, quotes {module} and {files}, and groups by workspace package', async () => {
    const repo = makeTempRepo({
      '.gitignore': 'node_modules/\n',
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/a/package.json': '{ "name": "a" }\n',
      'packages/a/src/x.js': 'var oldName = 1;\n',
      "packages/a/src/it's odd $(touch pwned).js": 'var oldName = 2;\n',
      'packages/b/package.json': '{ "name": "b" }\n',
      'packages/b/lib/y.js': 'var oldName = 3;\n',
      'tools/z.js': 'var oldName = 4;\n',
    });
    repos.push(repo);
    mkdirSync(join(repo.dir, 'node_modules/dep'), { recursive: true });
    writeFileSync(join(repo.dir, 'node_modules/dep/index.js'), 'module.exports = "dep-loaded";\n');
    const before = snapshotCheckout(repo);
    const recipe = join(makeTempDir(), 'recipe.json');
    writeFileSync(
      recipe,
      JSON.stringify({
        id: 'ws',
        description: 'workspace verify',
        modules: { by: 'package', include: ['**/*.js'] },
        steps: [{ codemod: join(TRANSFORMS, 'rename-identifier.js'), engine: 'jscodeshift', parser: 'babel' }],
        verify: [
          {
            run: 'node -e "console.log(require(\'dep\'), JSON.stringify(process.argv.slice(1)))" {module} {files}',
            timeoutSeconds: 30,
          },
        ],
      }),
    );
    const plan = await runCliHere(['plan', recipe, '--repo', repo.dir, '--json']);
    const steps = plan.stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((row) => row.type === 'step');
    expect(steps.map((step) => [step.id, step.module, step.files.length])).toEqual([
      ['root', '.', 1],
      ['packages-a', 'packages/a', 2],
      ['packages-b', 'packages/b', 1],
    ]);

    const result = await runCliHere(['run', recipe, '--repo', repo.dir, '--run-id', 'w']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const review = await runCliHere(['review', 'w', 'packages-a', '--repo', repo.dir, '--json']);
    const verify = JSON.parse(review.stdout).verify[0];
    expect(verify.status).toBe('passed');
    expect(verify.outputTail).toContain('dep-loaded');
    expect(verify.outputTail).toContain(JSON.stringify(['packages/a', "packages/a/src/it's odd $(touch pwned).js", 'packages/a/src/x.js']));
    expect(existsSync(join(repo.dir, 'pwned'))).toBe(false);
    expect(repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    expect(snapshotCheckout(repo)).toEqual(before);
  });
});
