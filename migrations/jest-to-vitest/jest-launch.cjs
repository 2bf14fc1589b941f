// `node jest-launch.cjs BIN [ARG…]`: starts the project's Jest (BIN: node_modules/.bin/jest) with
// ARGs through Jest's own API, `run(argv)`, after taking them out of `process.argv`. Jest runs in
// band when it has one worker (on 2 cores, and for one test file), and then a test's `process` is
// Jest's own: with `jest --ci --json --outputFile=…` started as a command, a test that parses the
// command line (commander's `program.parse()`) read `--ci` and exited the process, and no report
// was written. A worker sees `[node, <Jest's worker file>]`; in band a test now sees
// `[node, <this file>]`. `run` is exported by the `jest` package and by `jest-cli` from Jest 22
// through 30. A bin whose package has no `run` (another runner named jest, a stand-in) is run as
// its command would run it, ARGs in `process.argv`. CommonJS, as every Jest from 22 to 30 can be
// required.
'use strict';

const { existsSync, readFileSync, realpathSync } = require('node:fs');
const { dirname, join } = require('node:path');

const [node, launcher, bin, ...args] = process.argv;
if (!bin) {
  console.error('usage: node jest-launch.cjs BIN [ARG…]');
  process.exit(2);
}

/** The folder of the package whose bin `file` is (node_modules/.bin/jest links into jest/bin/). */
function packageOf(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    try {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8'));
      return name === 'jest' || name === 'jest-cli' ? dir : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Whether `file` is a Node script (a package's bin, a stand-in) rather than a shell wrapper (pnpm's .bin). */
function isNodeScript(file) {
  if (/\.[cm]?js$/.test(file)) return true;
  const head = readFileSync(file, 'utf8').slice(0, 200);
  return !head.startsWith('#!') || /^#!.*\bnode\b/.test(head);
}

/**
 * Jest's `run(argv)`: of the package the bin belongs to, or, for a shell wrapper (pnpm links none),
 * of the `jest` the project resolves; that package's own, else its jest-cli's.
 */
function jestRun(file) {
  let dir = packageOf(file);
  if (dir === undefined && !isNodeScript(file)) {
    try {
      dir = dirname(require.resolve('jest/package.json', { paths: [process.cwd()] }));
    } catch {
      return undefined;
    }
  }
  if (dir === undefined) return undefined;
  for (const load of [() => require(dir), () => require(require.resolve('jest-cli', { paths: [dir] }))]) {
    try {
      const run = load().run;
      if (typeof run === 'function') return run;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const file = realpathSync(bin);
const run = jestRun(file);
if (run !== undefined) {
  // What Jest's bin does before it calls `run`.
  if (process.env.NODE_ENV == null) process.env.NODE_ENV = 'test';
  process.argv = [node, launcher];
  run(args);
} else if (isNodeScript(file)) {
  process.argv = [node, file, ...args];
  require(file);
} else {
  const child = require('node:child_process').spawnSync(file, args, { stdio: 'inherit' });
  if (child.error) console.error(`jest-launch.cjs: could not run ${bin}: ${child.error.message}`);
  process.exit(child.status ?? 1);
}
