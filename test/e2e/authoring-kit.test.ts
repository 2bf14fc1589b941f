// The authoring kit as a new user meets it: in a project with codemigrate (and Vitest) installed,
// `init` scaffolds a recipe whose fixture test passes in the project's own Vitest, and whose run
// makes the transform's change. Lean on purpose: one init, one Vitest, one run.

import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { makeTempRepo, useHermeticGit } from '../helpers/temp-repo.js';

useHermeticGit();

const repo = makeTempRepo({
  '.gitignore': 'node_modules\n',
  'package.json': '{ "name": "app", "version": "1.0.0", "type": "module", "scripts": { "test": "node src/check.js" } }\n',
  'src/check.js': "import { readFileSync } from 'node:fs';\nif (!readFileSync(new URL('./thing.ts', import.meta.url), 'utf8').includes('export')) process.exit(1);\n",
  'src/thing.ts': 'export function oldName(): number {\n  return 1;\n}\n',
  'src/use.ts': "import { oldName } from './thing.js';\n\nexport const two = oldName() + 1;\n",
});
afterAll(() => repo.cleanup());
// Installed as a user's project has them: this package (built) and Vitest.
mkdirSync(join(repo.dir, 'node_modules'));
symlinkSync(PROJECT_ROOT, join(repo.dir, 'node_modules', 'codemigrate'), 'dir');
symlinkSync(join(PROJECT_ROOT, 'node_modules', 'vitest'), join(repo.dir, 'node_modules', 'vitest'), 'dir');

function runVitest(args: readonly string[], cwd: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [join(cwd, 'node_modules/vitest/vitest.mjs'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1', NO_COLOR: '1' } });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

it('init scaffolds a recipe whose fixture test passes in Vitest and whose run makes its change', async () => {
  const init = await runCliHere(['init', '--recipe', 'rename-thing'], { cwd: repo.dir });
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  expect(init.stdout).toContain('npx vitest run codemigrate/rename-thing\n');
  expect(init.stdout).toContain('npx codemigrate run codemigrate/rename-thing/recipe.json\n');
  const recipe = JSON.parse(readFileSync(join(repo.dir, 'codemigrate/rename-thing/recipe.json'), 'utf8')) as { $schema: string };
  expect(readFileSync(join(repo.dir, 'codemigrate/rename-thing', recipe.$schema), 'utf8')).toBe(readFileSync(join(PROJECT_ROOT, 'schemas/recipe.schema.json'), 'utf8'));

  const test = await runVitest(['run', 'codemigrate/rename-thing'], repo.dir);
  expect(test.output).toMatch(/Tests\s+1 passed \(1\)/);
  expect(test.code, test.output).toBe(0);

  repo.commitAll('add the rename-thing recipe');
  const run = await runCliHere(['run', 'codemigrate/rename-thing/recipe.json', '--run-id', 'r1'], { cwd: repo.dir });
  expect(run.code, run.stderr).toBe(0);
  expect(repo.git('show', 'codemigrate/r1/src:src/thing.ts')).toBe('export function newName(): number {\n  return 1;\n}');
  expect(repo.git('show', 'codemigrate/r1/src:src/use.ts')).toBe("import { newName } from './thing.js';\n\nexport const two = newName() + 1;");
  expect(repo.git('diff', '--name-only', 'codemigrate/r1/base', 'codemigrate/r1/src')).toBe('src/thing.ts\nsrc/use.ts');
});
