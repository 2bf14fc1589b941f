#!/usr/bin/env node
// A recipe's typecheck (`node {recipeDir}/../migrations/shared/tsc-check.mjs {cache}`): the
// project's own `tsc --noEmit --pretty false -p .` in its root, and nothing when it has no
// tsconfig.json. Given a cache folder (codemigrate's `{cache}`) and a TypeScript from 4.0 on, it
// checks incrementally from the build info kept there: the baseline leaves it, and a step then
// re-checks the files it changed and those whose types depend on them, not the whole project.
// TypeScript before 4.0 refuses --incremental with --noEmit (TS5053): it checks from cold, as
// does a run without a folder. What it prints and its exit code are tsc's.
// Plain JavaScript with no dependencies, because it runs with `node` inside the project.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const cache = process.argv[2];

if (!existsSync('tsconfig.json')) process.exit(0);

/** The project's TypeScript: its package folder and version, or undefined when it has none. */
function projectTypeScript() {
  try {
    const manifest = createRequire(resolve('package.json')).resolve('typescript/package.json');
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

const args = ['--noEmit', '--pretty', 'false', '-p', '.'];
const typescript = projectTypeScript();
if (cache !== undefined && typescript !== undefined && incrementalNoEmit(typescript.version)) {
  args.push('--incremental', '--tsBuildInfoFile', join(cache, 'tsc.tsbuildinfo'));
}
// Without a TypeScript of its own, what `npx --no-install tsc` says (it finds none) is the answer.
const run = typescript === undefined
  ? spawnSync('npx', ['--no-install', 'tsc', ...args], { stdio: 'inherit' })
  : spawnSync(process.execPath, [join(typescript.dir, 'bin', 'tsc'), ...args], { stdio: 'inherit' });
if (run.error) {
  console.error(`tsc-check: ${run.error.message}`);
  process.exit(2);
}
process.exit(run.status ?? 1);
