// The built-in commonjs-to-esm recipe through the CLI on a small TypeScript package that compiles
// to CommonJS (test/fixtures/commonjs-to-esm-ts-app: extensionless relative imports, a directory
// import, `import x = require()` of an `export =` module, of a builtin and of JSON, a top-level
// `require`, node:test tests compiled by tsc), verified by its own `npm test` (tsc, then the
// compiled tests) against the baseline. Each step is verified with the other directories as they
// were, so each lands alone; land with every step applies finish (NodeNext, "type": "module",
// `export =` → `export default`) and the landed package still compiles and passes as ES modules.
// One run, one land: the assertions share them (the suite's time budget).

import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { HERMETIC_GIT_ENV, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();

const APP = join(PROJECT_ROOT, 'test/fixtures/commonjs-to-esm-ts-app');
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...HERMETIC_GIT_ENV }, encoding: 'utf8' });

describe('commonjs-to-esm recipe on a TypeScript package', () => {
  let repo: TempRepo;
  let run: Awaited<ReturnType<typeof runCliHere>>;
  let land: Awaited<ReturnType<typeof runCliHere>>;
  const cleanups: Array<() => void> = [];
  const show = (ref: string, file: string) => git(repo.dir, 'show', `${ref}:${file}`);

  beforeAll(async () => {
    repo = makeTempRepo();
    cleanups.push(() => repo.cleanup());
    cpSync(APP, repo.dir, { recursive: true });
    // tsc and @types/node from codemigrate's own install (ignored by the fixture's .gitignore).
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(repo.dir, 'node_modules'));
    repo.commitAll('ts-greeter, TypeScript compiled to CommonJS');
    run = await runCliHere(['run', 'commonjs-to-esm', '--repo', repo.dir, '--run-id', 'ts']);
    land = await runCliHere(['land', 'ts', '--repo', repo.dir]);
  }, 240_000);
  afterAll(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('converts each directory in a step verified by tsc and the tests with the others unconverted', () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // src/lib holds only `export = format`, which waits for finish: nothing to change in a step.
    expect(run.stdout).toMatch(/^step src-lib unchanged /m);
    expect(run.stdout).toMatch(/^run ts finished: 2 succeeded, 1 unchanged; /m);
    // The src step: emitted extensions, exact CommonJS forms; the tests (another step) unchanged.
    const greet = show('codemigrate/ts/src', 'src/greet.ts');
    expect(greet).toContain("import format = require('./lib/index.js');");
    expect(greet).toContain("import config = require('./config.json');");
    expect(greet).toContain("import path = require('path');");
    expect(show('codemigrate/ts/src', 'src/index.ts')).toContain("import { greet } from './greet.js';");
    expect(show('codemigrate/ts/src', 'test/greet.spec.ts')).toContain("from '../src';");
    expect(show('codemigrate/ts/test', 'test/greet.spec.ts')).toContain("from '../src/index.js';");
  });

  it('lands, and finish makes it a NodeNext ES module package that compiles and passes', () => {
    expect(land.code, land.stdout + land.stderr).toBe(0);
    expect(land.stdout).toContain('finish: every step has landed');
    const result = 'codemigrate/ts/result';
    expect(JSON.parse(show(result, 'package.json'))).toMatchObject({ type: 'module', exports: { '.': './dist/src/index.js' } });
    const tsconfig = show(result, 'tsconfig.json');
    expect(tsconfig).toContain('"module": "NodeNext",');
    expect(tsconfig).toContain('// Compiled to CommonJS, extensionless relative imports');
    expect(show(result, 'src/lib/index.ts')).toContain('export default format;');
    const greet = show(result, 'src/greet.ts');
    expect(greet).toContain("import format from './lib/index.js';");
    expect(greet).toContain("import config from './config.json' with { type: 'json' };");
    expect(show(result, 'test/greet.spec.ts')).toContain("import test from 'node:test';");

    // The landed tree, built and tested on its own.
    const dir = mkdtempSync(join(tmpdir(), 'codemigrate-esm-ts-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    git(repo.dir, 'archive', '--format=tar', '-o', join(dir, 'tree.tar'), result);
    execFileSync('tar', ['-xf', 'tree.tar'], { cwd: dir });
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'));
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: dir, encoding: 'utf8' });
    const output = execFileSync(process.execPath, ['--test', 'dist/test/'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(output).toMatch(/^# pass 2$/m);
  });
});
