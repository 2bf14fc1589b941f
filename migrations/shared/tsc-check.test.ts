// tsc-check.mjs run for real: the project's own TypeScript, incremental from a cache folder that a
// copy of the project (a step's worktree) starts from, and TypeScript before 4.0 checked from cold.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/helpers/temp-repo.js';

const TSC_CHECK = join(dirname(fileURLToPath(import.meta.url)), 'tsc-check.mjs');
const TYPESCRIPT = dirname(createRequire(import.meta.url).resolve('typescript/package.json'));

const tempDir = useTempDirs();

function run(cwd: string, cache?: string) {
  return spawnSync(process.execPath, [TSC_CHECK, ...(cache === undefined ? [] : [cache])], { cwd, encoding: 'utf8' });
}

/** A project of `a.ts` and `b.ts` (which uses a's function) with this TypeScript in its node_modules (no DOM lib: less to read). */
function project(dir: string, typescript: string): void {
  writeFileSync(join(dir, 'package.json'), '{ "name": "p", "private": true }\n');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', lib: ['es2022'], module: 'commonjs', types: [], skipLibCheck: true }, include: ['src'] }));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src/a.ts'), 'export function size(text: string): number {\n  return text.length;\n}\n');
  writeFileSync(join(dir, 'src/b.ts'), "import { size } from './a';\nexport const n: number = size('abc');\n");
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(typescript, join(dir, 'node_modules/typescript'));
}

describe('tsc-check.mjs', () => {
  it('checks a step incrementally from the baseline\'s build info and still finds what the step broke in a file it did not change', () => {
    const [baseline, step, store] = [tempDir(), tempDir(), tempDir()];
    project(baseline, TYPESCRIPT);
    const cache = join(baseline, '.cache');
    mkdirSync(cache);
    expect(run(baseline, cache)).toMatchObject({ status: 0, stdout: '' });
    expect(existsSync(join(cache, 'tsc.tsbuildinfo'))).toBe(true);
    cpSync(cache, store, { recursive: true });
    // The step: a's signature changes; b, unchanged, no longer type-checks.
    project(step, TYPESCRIPT);
    cpSync(store, join(step, '.cache'), { recursive: true });
    writeFileSync(join(step, 'src/a.ts'), 'export function size(text: string): string {\n  return text;\n}\n');
    const broken = run(step, join(step, '.cache'));
    expect(broken.status).toBe(2);
    expect(broken.stdout).toMatch(/^src\/b\.ts\(2,14\): error TS2322: Type 'string' is not assignable to type 'number'\.$/m);
  });

  it('prints nothing for a project without tsconfig.json, and checks from cold without a cache folder or before TypeScript 4.0', () => {
    const empty = tempDir();
    expect(run(empty, join(empty, '.cache'))).toMatchObject({ status: 0, stdout: '', stderr: '' });
    // A stand-in TypeScript that prints the arguments it was given.
    const fake = tempDir();
    mkdirSync(join(fake, 'bin'));
    writeFileSync(join(fake, 'bin/tsc'), 'console.log(JSON.stringify(process.argv.slice(2)));\n');
    const argsWith = (version: string, cache?: string) => {
      writeFileSync(join(fake, 'package.json'), JSON.stringify({ name: 'typescript', version }));
      const dir = tempDir();
      project(dir, fake);
      return JSON.parse(run(dir, cache).stdout) as string[];
    };
    expect(argsWith('5.9.3', '/c')).toEqual(['--noEmit', '--pretty', 'false', '-p', '.', '--incremental', '--tsBuildInfoFile', '/c/tsc.tsbuildinfo']);
    expect(argsWith('3.9.10', '/c')).toEqual(['--noEmit', '--pretty', 'false', '-p', '.']);
    expect(argsWith('5.9.3')).toEqual(['--noEmit', '--pretty', 'false', '-p', '.']);
  });

  it("checks each referenced project of a solution tsconfig (Vite's app template), where -p . checks no file", () => {
    const dir = tempDir();
    project(dir, TYPESCRIPT);
    // Vite's react-ts template: the root names no file, only its projects; comments and trailing commas as tsc allows.
    writeFileSync(join(dir, 'tsconfig.json'), '{\n  // the app and the build tooling\n  "files": [],\n  "references": [{ "path": "./tsconfig.app.json" }, { "path": "./tools" },],\n}\n');
    writeFileSync(join(dir, 'tsconfig.app.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', lib: ['es2022'], module: 'commonjs', types: [], skipLibCheck: true }, include: ['src'] }));
    mkdirSync(join(dir, 'tools'));
    writeFileSync(join(dir, 'tools/tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', lib: ['es2022'], module: 'commonjs', types: [], skipLibCheck: true }, include: ['.'] }));
    writeFileSync(join(dir, 'tools/build.ts'), 'export const port: number = "3000";\n');
    writeFileSync(join(dir, 'src/b.ts'), "import { size } from './a';\nexport const n: string = size('abc');\n");
    const cache = join(dir, '.cache');
    mkdirSync(cache);
    const checked = run(dir, cache);
    expect(checked.status).not.toBe(0);
    expect(checked.stdout).toContain('src/b.ts(2,14): error TS2322');
    expect(checked.stdout).toContain('tools/build.ts(1,14): error TS2322');
    expect(existsSync(join(cache, 'tsc.tsbuildinfo')) && existsSync(join(cache, 'tsc-1.tsbuildinfo'))).toBe(true);
  });

  it('reads a tsconfig with comments and trailing commas without loading TypeScript as a module, and asks TypeScript what it cannot read', () => {
    // A stand-in TypeScript: its tsc prints the arguments; loading its module leaves a mark, and
    // its reader sees one project where the text names another.
    const fake = tempDir();
    const mark = join(fake, 'loaded');
    mkdirSync(join(fake, 'bin'));
    writeFileSync(join(fake, 'bin/tsc'), 'console.log(JSON.stringify(process.argv.slice(2)));\n');
    writeFileSync(join(fake, 'package.json'), JSON.stringify({ name: 'typescript', version: '5.9.3', main: 'index.js' }));
    writeFileSync(join(fake, 'index.js'), `require('node:fs').writeFileSync(${JSON.stringify(mark)}, '');\nexports.parseConfigFileTextToJson = () => ({ config: { files: [], references: [{ path: './by-typescript' }] } });\n`);
    const checked = (tsconfig: string) => {
      const dir = tempDir();
      project(dir, fake);
      writeFileSync(join(dir, 'tsconfig.json'), tsconfig);
      const result = run(dir);
      expect(result.status, result.stderr).toBe(0);
      return result.stdout.trim().split('\n').map((line) => (JSON.parse(line) as string[]).at(-1));
    };
    // Strings holding what looks like comments and trailing commas are kept as they are (join makes `//` one `/`).
    const jsonc = '{\n  // the app\n  "files": [], /* and, ] */\n  "references": [{ "path": "./a,]//x" }, { "path": "./tools" },],\n}\n';
    expect(checked(jsonc)).toEqual(['a,]/x/tsconfig.json', 'tools/tsconfig.json']);
    expect(existsSync(mark)).toBe(false);
    expect(checked("{ 'files': [], 'references': [{ 'path': './single-quoted' }] }")).toEqual(['by-typescript/tsconfig.json']);
    expect(existsSync(mark)).toBe(true);
  });

  it("generates SvelteKit's .svelte-kit/tsconfig.json, which tsconfig.json extends and a scratch worktree lacks, before checking", () => {
    const dir = tempDir();
    project(dir, TYPESCRIPT);
    writeFileSync(join(dir, 'tsconfig.json'), '{\n  "extends": "./.svelte-kit/tsconfig.json",\n  "include": ["src"]\n}\n');
    mkdirSync(join(dir, 'node_modules/.bin'));
    // A stand-in for `svelte-kit sync`: the options that make a.ts and b.ts check clean.
    const generated = JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', module: 'commonjs', types: [], skipLibCheck: true } });
    writeFileSync(join(dir, 'node_modules/.bin/svelte-kit'), `#!/bin/sh\nmkdir -p .svelte-kit && echo '${generated}' > .svelte-kit/tsconfig.json\n`);
    chmodSync(join(dir, 'node_modules/.bin/svelte-kit'), 0o755);
    const checked = run(dir);
    expect(checked.stdout).not.toContain('TS5083');
    expect(checked.status).toBe(0);
  });
});
