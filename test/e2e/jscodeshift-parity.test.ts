// A community-style jscodeshift transform run through the jscodeshift 17 CLI and through
// `codemigrate run` on the same files and parser: the step branches hold the same bytes.
// Also: a transform that throws on one file fails its step, names the file, and keeps no edit.

import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const FIXTURES = join(PROJECT_ROOT, 'test/fixtures/jscodeshift');
const JSCODESHIFT = join(PROJECT_ROOT, 'node_modules/jscodeshift/bin/jscodeshift.js');
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

const SOURCES: Record<string, string> = {
  'src/util/legacy-utils.js': readFileSync(join(FIXTURES, 'inputs/legacy-utils.js'), 'utf8'),
  'src/ui/button.tsx': readFileSync(join(FIXTURES, 'inputs/button.tsx'), 'utf8'),
  'src/ui/plain.ts': readFileSync(join(FIXTURES, 'inputs/plain.ts'), 'utf8'),
  'src/app/main.ts': "import { run } from './run';\n\nconsole.log('starting');\nexport const main = async (): Promise<void> => {\n  console.log(  \"odd\"  , 1);\n  await run();\n};\n",
};

function recipe(dir: string, steps: unknown[]): string {
  const file = join(dir, 'recipe.json');
  writeFileSync(file, JSON.stringify({ id: 'parity', description: 'parity', modules: { by: 'directory', include: ['src/**'] }, steps }));
  return file;
}

describe('jscodeshift parity', () => {
  it('writes the same bytes as the jscodeshift 17 CLI', async () => {
    const repo = makeTempRepo(SOURCES);
    repos.push(repo);
    const copy = makeTempDir();
    for (const path of Object.keys(SOURCES)) cpSync(join(repo.dir, path), join(copy, path), { recursive: true });
    const transform = join(FIXTURES, 'remove-console-log.js');
    // The recipe asks for babel; the transform's own `parser = 'tsx'` export must win, as in the CLI.
    execFileSync(process.execPath, [JSCODESHIFT, '-t', transform, '--parser=babel', '--run-in-band', '--silent', ...Object.keys(SOURCES).map((p) => join(copy, p))], {
      cwd: copy,
    });
    const file = recipe(makeTempDir(), [{ codemod: transform, engine: 'jscodeshift', parser: 'babel' }]);
    const result = await runCliHere(['run', file, '--repo', repo.dir, '--run-id', 'p']);
    expect(result.code, result.stderr).toBe(0);
    let changed = 0;
    for (const path of Object.keys(SOURCES)) {
      const module = path.split('/').slice(0, 2).join('-');
      const expected = readFileSync(join(copy, path), 'utf8');
      const branch = `codemigrate/p/${module}`;
      const exists = repo.git('branch', '--list', branch) !== '';
      const ours = exists ? repo.git('cat-file', 'blob', `${branch}:${path}`) : SOURCES[path]!;
      // git output is trimmed by the helper; compare with the same trimming but byte-exact otherwise.
      expect(ours).toBe(expected.trimEnd());
      if (expected !== SOURCES[path]) changed += 1;
    }
    expect(changed).toBeGreaterThanOrEqual(2);
    const exact = execFileSync('git', ['cat-file', 'blob', 'codemigrate/p/src-app:src/app/main.ts'], { cwd: repo.dir });
    expect(exact.toString('utf8')).toBe(readFileSync(join(copy, 'src/app/main.ts'), 'utf8'));
  });

  it('parses the files of small steps in the worker pool once 16 files were given, with the same bytes as the CLI', async () => {
    // 8 modules of 3 files: as in a repository of small modules, no step is large enough on its own.
    const sources: Record<string, string> = {};
    for (let module = 0; module < 8; module += 1) {
      for (const name of ['a', 'b', 'c']) sources[`src/m${module}/${name}.ts`] = `console.log('${name}');\nexport const ${name}${module} = (): number =>   ${module};\n`;
    }
    const repo = makeTempRepo(sources);
    repos.push(repo);
    const copy = makeTempDir();
    for (const path of Object.keys(sources)) cpSync(join(repo.dir, path), join(copy, path), { recursive: true });
    const dir = makeTempDir();
    // remove-console-log, then a last line naming the thread that ran it: the bytes say where each file was parsed.
    const transform = join(dir, 'remove-and-mark.cjs');
    writeFileSync(
      transform,
      [
        `const remove = require(${JSON.stringify(join(FIXTURES, 'remove-console-log.js'))});`,
        "const { isMainThread } = require('node:worker_threads');",
        'module.exports = (file, api, options) => `${remove(file, api, options)}// ${isMainThread ? "main" : "worker"}\\n`;',
        "module.exports.parser = 'ts';",
      ].join('\n'),
    );
    execFileSync(process.execPath, [JSCODESHIFT, '-t', transform, '--run-in-band', '--silent', ...Object.keys(sources).map((p) => join(copy, p))], { cwd: copy });
    const result = await runCliHere(['run', recipe(dir, [{ codemod: transform, engine: 'jscodeshift', parser: 'ts' }]), '--repo', repo.dir, '--run-id', 's'], {
      env: { CODEMIGRATE_CODEMOD_WORKERS: '2' },
    });
    expect(result.code, result.stderr).toBe(0);
    const threads: string[] = [];
    for (const path of Object.keys(sources)) {
      const ours = execFileSync('git', ['cat-file', 'blob', `codemigrate/s/${path.split('/').slice(0, 2).join('-')}:${path}`], { cwd: repo.dir }).toString('utf8');
      const cli = readFileSync(join(copy, path), 'utf8');
      // The CLI ran in one process (--run-in-band): its mark is "main"; everything before it is the same.
      expect(cli.endsWith('// main\n')).toBe(true);
      expect(ours.slice(0, ours.lastIndexOf('// '))).toBe(cli.slice(0, cli.lastIndexOf('// ')));
      threads.push(ours.trimEnd().split('// ').at(-1)!);
    }
    // Steps start 2 at a time and in any order, so which steps ran where is not fixed; how many is:
    // the first 5 steps to reach the engine (15 files) in this thread, the other 3 in the pool.
    expect(threads.filter((thread) => thread === 'main')).toHaveLength(15);
    expect(threads.filter((thread) => thread === 'worker')).toHaveLength(9);
  });

  it('keeps the other files\' edits of a step whose transform throws on one file; the step fails, naming the file, and the throw is a leftover', async () => {
    const repo = makeTempRepo({
      'src/a/one.js': 'var oldName = 1;\n',
      'src/a/two.js': 'var oldName = "THROW_HERE";\n',
      'src/b/three.js': 'var oldName = 3;\n',
    });
    repos.push(repo);
    const transforms = join(PROJECT_ROOT, 'test/fixtures/e2e/transforms');
    const file = recipe(makeTempDir(), [
      { codemod: join(transforms, 'rename-identifier.js'), engine: 'jscodeshift', parser: 'babel' },
      { codemod: join(transforms, 'throws-on-marker.js'), engine: 'jscodeshift', parser: 'babel' },
    ]);
    const result = await runCliHere(['run', file, '--repo', repo.dir, '--run-id', 't']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/step src-a failed.*: a codemod threw on a file: .*throws-on-marker\.js: src\/a\/two\.js: .*cannot handle THROW_HERE.*; the other files' edits are kept for review, not landed/);
    expect(repo.git('branch', '--list', 'codemigrate/t/*').split('\n').map((line) => line.trim())).toEqual([
      'codemigrate/t/base',
      'codemigrate/t/src-a', // the failed step's attempt, kept for a person (Codemigrate-Verified: no)
      'codemigrate/t/src-b',
    ]);
    const review = JSON.parse((await runCliHere(['review', 't', 'src-a', '--repo', repo.dir, '--json'])).stdout);
    expect(review).toMatchObject({ status: 'failed' });
    // one.js keeps the rename; two.js keeps the rename of the transform before the one that threw.
    expect(review.diff).toContain('+var newName = 1;');
    expect(review.diff).toContain('+var newName = "THROW_HERE";');
    expect(review.reports).toEqual([expect.objectContaining({ file: 'src/a/two.js', message: expect.stringMatching(/^.*throws-on-marker\.js threw on this file, which keeps its text from before it: .*cannot handle THROW_HERE/) })]);
  });
  it('keeps what a transform prints out of --json and shows it in review, per file', async () => {
    const repo = makeTempRepo({ 'src/a/one.js': 'var oldName = 1;\n', 'src/a/two.js': 'var other = 2;\n' });
    repos.push(repo);
    const dir = makeTempDir();
    const transform = join(dir, 'chatty.js');
    writeFileSync(transform, "module.exports = (file) => { console.log('looking at', file.path); console.error('and warning'); return file.source.replace('oldName', 'newName'); };\n");
    const file = recipe(dir, [{ codemod: transform, engine: 'jscodeshift', parser: 'babel' }]);
    const result = await runCliHere(['run', file, '--repo', repo.dir, '--run-id', 'c', '--json']);
    expect(result.code, result.stderr).toBe(0);
    for (const line of result.stdout.trim().split('\n')) expect(() => JSON.parse(line), line).not.toThrow();
    expect(result.stdout + result.stderr).not.toContain('looking at');
    const review = await runCliHere(['review', 'c', 'src-a', '--repo', repo.dir]);
    expect(review.stdout).toContain('    printed on src/a/one.js:\n      looking at src/a/one.js\n      and warning\n    printed on src/a/two.js:\n      looking at src/a/two.js\n');
  });
  it('runs transforms with the repository root as working directory, wherever the command starts', async () => {
    const repo = makeTempRepo({ '.eslintrc.json': '{ "rules": { "semi": "off" } }\n', 'src/a/one.js': 'var oldName = 1;\n' });
    repos.push(repo);
    const dir = makeTempDir();
    const transform = join(dir, 'reads-config.js');
    // As a codemod that reads the project's lint config per file: found from the working directory.
    writeFileSync(transform, "const fs = require('fs');\nmodule.exports = (file) => `// semi: ${JSON.parse(fs.readFileSync('.eslintrc.json', 'utf8')).rules.semi}\\n${file.source}`;\n");
    const file = recipe(dir, [{ codemod: transform, engine: 'jscodeshift', parser: 'babel' }]);
    const result = await runCliHere(['run', file, '--repo', repo.dir, '--run-id', 'w'], { cwd: dir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(repo.git('show', 'codemigrate/w/src-a:src/a/one.js')).toBe('// semi: off\nvar oldName = 1;');
  });

  it('runs a transform with the jscodeshift its package depends on, and says which in --json and review; a pin that does not resolve is exit 2', async () => {
    const repo = makeTempRepo({ 'src/a/one.js': 'var one = 1;\n' });
    repos.push(repo);
    // test/fixtures/jscodeshift-own/README.md: its jscodeshift's printer appends a line naming its parser.
    const codemods = join(PROJECT_ROOT, 'test/fixtures/jscodeshift-own/community-codemods');
    const file = recipe(makeTempDir(), [{ codemod: join(codemods, 'transforms/print-back.js'), engine: 'jscodeshift', parser: 'flow' }]);
    const result = await runCliHere(['run', file, '--repo', repo.dir, '--run-id', 'o', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const finished = result.stdout.trim().split('\n').map((line) => JSON.parse(line)).find((event) => event.type === 'step-finished');
    const from = realpathSync(join(codemods, 'node_modules/jscodeshift'));
    expect(finished.codemods).toEqual([expect.objectContaining({ modified: 1, jscodeshift: { version: '0.0.1-fixture', by: 'resolved', from } })]);
    expect(repo.git('show', 'codemigrate/o/src-a:src/a/one.js')).toBe('var one = 1;\n// printed by the fixture jscodeshift, parsed by fixture-flow');
    const review = await runCliHere(['review', 'o', 'src-a', '--repo', repo.dir]);
    // Shown relative to the working directory (here the project root) when that is shorter.
    expect(review.stdout).toContain(`    ran with jscodeshift 0.0.1-fixture from ${relative(PROJECT_ROOT, from)} (resolved as the transform would)\n`);

    const pinned = recipe(makeTempDir(), [{ codemod: join(codemods, 'transforms/print-back.js'), engine: 'jscodeshift', jscodeshift: 'jscodeshift-0.13' }]);
    const refused = await runCliHere(['run', pinned, '--repo', repo.dir, '--run-id', 'p']);
    expect(refused.code).toBe(2);
    // The recipe's path is shown as given or relative to the working directory, whichever is shorter:
    // which one depends on where the project is checked out (/work/main or /tmp/ci).
    const quote = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const shownAs = `(${quote(pinned)}|${quote(relative(PROJECT_ROOT, pinned))})`;
    expect(refused.stderr).toMatch(new RegExp(`${shownAs}: steps\\[0\\]\\.jscodeshift: cannot resolve package "jscodeshift-0\\.13" from `));
  });
});
