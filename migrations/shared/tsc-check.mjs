#!/usr/bin/env node
// A recipe's typecheck (`node {recipeDir}/../migrations/shared/tsc-check.mjs {cache}`): the
// project's own `tsc --noEmit --pretty false -p .` in its root (each referenced project of a
// solution tsconfig). Given a cache folder (codemigrate's `{cache}`) and a TypeScript from 4.0 on, it
// checks incrementally from the build info kept there: the baseline leaves it, and a step then
// re-checks the files it changed and those whose types depend on them, not the whole project.
// TypeScript before 4.0 refuses --incremental with --noEmit (TS5053): it checks from cold, as
// does a run without a folder. What it prints and its exit code are tsc's.
// A root without tsconfig.json has each workspace package that has one checked instead (turbo and
// nx monorepos: without this, a step that broke a package's types passed), each with the TypeScript
// its folder resolves, run from the root (`-p packages/x`) so that tsc names files from the root,
// as the verdict keys them (`packages/x/src/a.ts(1,2)`); build info per package in the cache
// folder; the exit code is the first non-zero one. Neither: nothing is checked.
// Plain JavaScript with no dependencies, because it runs with `node` inside the project.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { generateMissing } from './generated-files.mjs';
import { workspacePackages } from './workspace-packages.mjs';

const cache = process.argv[2];

/** The folders to check, each with its own tsconfig.json: the root, or else its workspace packages. */
const folders = existsSync('tsconfig.json') ? ['.'] : workspacePackages('.').filter((dir) => existsSync(join(dir, 'tsconfig.json')));

/** A folder's TypeScript, as `tsc` run there finds it: its package folder and version, or undefined when it has none. */
function projectTypeScript(folder) {
  try {
    const manifest = createRequire(resolve(folder, 'package.json')).resolve('typescript/package.json');
    return { dir: dirname(manifest), version: JSON.parse(readFileSync(manifest, 'utf8')).version };
  } catch {
    return undefined;
  }
}

/** True from TypeScript 4.0, the first to write build info with --noEmit. */
function incrementalNoEmit(version) {
  const major = Number(/^(\d+)\./.exec(version ?? '')?.[1]);
  return Number.isInteger(major) && major >= 4;
}

/**
 * What to check: `.`, or — when tsconfig.json is a solution file (`"files": []` and `references`,
 * as `npm create vite` writes for React and Vue apps: tsconfig.app.json and tsconfig.node.json) —
 * each referenced project, since `tsc -p .` checks no file there. Each is checked with `-p` as the
 * rest are (`tsc -b` would emit, and before TypeScript 5.6 takes no --noEmit).
 */
function projects(folder, typescript) {
  let config;
  try {
    config = readJsonc(join(folder, 'tsconfig.json'), typescript);
  } catch {
    return [folder]; // tsc says what is wrong with it.
  }
  const references = Array.isArray(config?.references) ? config.references.map((r) => r?.path).filter((p) => typeof p === 'string') : [];
  const solution = Array.isArray(config?.files) && config.files.length === 0 && config.include === undefined;
  if (!solution || references.length === 0) return [folder];
  const inFolder = (path) => (folder === '.' || isAbsolute(path) ? path : join(folder, path));
  return references.map((path) => inFolder(path.endsWith('.json') ? path : join(path, 'tsconfig.json')));
}

/**
 * tsconfig's JSON with comments and trailing commas. Read here first, without TypeScript: loading
 * the project's TypeScript as a module only for this costs about 0.5 CPU-s per check, a third of
 * a small project's `tsc` (the checks of every step pay it). What this cannot read, the project's
 * TypeScript reads, as tsc itself would; and when neither can, tsc says what is wrong with it.
 */
function readJsonc(file, typescript) {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(stripJsonc(text));
  } catch {
    // Not plain JSON with comments and trailing commas: TypeScript's own reading below.
  }
  if (typescript === undefined) throw new Error(`${file}: not JSON`);
  const ts = createRequire(join(typescript.dir, 'package.json'))(typescript.dir);
  const parsed = ts.parseConfigFileTextToJson(file, text);
  if (parsed.error) throw new Error(`${file}: not JSON`);
  return parsed.config;
}

/** JSONC to JSON: comments, then commas before `}` or `]`, removed outside strings (hand-written: this script has no dependencies). */
function stripJsonc(text) {
  const noComments = text.replace(/("(?:[^"\\\n]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (match, quoted) => quoted ?? '');
  return noComments.replace(/("(?:[^"\\\n]|\\.)*")|,(\s*[}\]])/g, (match, quoted, closing) => quoted ?? closing);
}

/** The build info file of a folder's `index`th project: the root's as before, a package's named by its folder. */
function buildInfo(folder, index) {
  const name = folder === '.' ? 'tsc' : `tsc-${folder.replaceAll('/', '+')}`;
  return join(cache, index === 0 ? `${name}.tsbuildinfo` : `${name}-${index}.tsbuildinfo`);
}

let status = 0;
for (const folder of folders) {
  // A tsconfig.json that extends a generated file (`.svelte-kit/`) needs it in a scratch worktree too.
  generateMissing(folder);
  const typescript = projectTypeScript(folder);
  for (const [index, project] of projects(folder, typescript).entries()) {
    // Run from the root even for a package: tsc names files from where it runs, as the verdict keys them.
    const args = ['--noEmit', '--pretty', 'false', '-p', project];
    if (cache !== undefined && typescript !== undefined && incrementalNoEmit(typescript.version)) {
      args.push('--incremental', '--tsBuildInfoFile', buildInfo(folder, index));
    }
    // Without a TypeScript of its own, what `npx --no-install tsc` says (it finds none) is the answer.
    const run = typescript === undefined
      ? spawnSync('npx', ['--no-install', 'tsc', ...args], { stdio: 'inherit' })
      : spawnSync(process.execPath, [join(typescript.dir, 'bin', 'tsc'), ...args], { stdio: 'inherit' });
    if (run.error) {
      console.error(`tsc-check: ${run.error.message}`);
      process.exit(2);
    }
    if (status === 0) status = run.status ?? 1;
  }
}
process.exit(status);
