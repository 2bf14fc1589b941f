#!/usr/bin/env node
// Installs a project's dependencies as the project itself does, after a migration changed its
// package.json (a recipe's "install": `node {recipeDir}/../migrations/shared/install-deps.mjs`):
//   node install-deps.mjs [--frozen] [--dry-run]   in the project's root (workspaces install from there)
// The manager comes from package.json's `packageManager`, else the lockfile, else npm; the flags
// from the install command of the project's CI (`npm ci --legacy-peer-deps` → `npm install
// --legacy-peer-deps`), frozen flags dropped: this install is there to update the lockfile. npm
// reads .npmrc itself. A manager missing from PATH runs through corepack, or the install fails
// saying so. An npm install that fails with ERESOLVE (`npm ci`: or on a package missing from the
// lockfile, as one resolved with --legacy-peer-deps lacks peers) is retried once with --legacy-peer-deps.
// With --frozen (land's check; the recipe's `{frozen}`) it installs from the lockfile as it is, as
// CI would (`npm ci`, `pnpm install --frozen-lockfile`, `yarn install --immutable`), same flags.
// The first line printed says what runs and why; with --dry-run nothing else happens.
// Plain JavaScript with no dependencies, because it runs with `node` inside the project.

import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join, relative } from 'node:path';
import { chooseRunner, CI_FILES, eresolveRetry, isEresolve, missingFromLock, planInstall, wantedTexts } from './install-detect.mjs';

const dryRun = process.argv.includes('--dry-run');
const frozen = process.argv.includes('--frozen');

/** The root's entries, the GitHub workflows and the other CI configs that exist. */
function listProject() {
  const files = readdirSync('.');
  const workflows = existsSync('.github/workflows') ? readdirSync('.github/workflows').map((name) => `.github/workflows/${name}`) : [];
  return [...files, ...workflows, ...CI_FILES.filter((file) => file.includes('/') && existsSync(file))];
}

/** yarn.lock can be megabytes; `__metadata` sits at its top. */
function readText(file) {
  try {
    if (file !== 'yarn.lock') return readFileSync(file, 'utf8');
    const fd = openSync(file, 'r');
    const buffer = Buffer.alloc(4096);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    closeSync(fd);
    return buffer.subarray(0, length).toString('utf8');
  } catch {
    return undefined;
  }
}

function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function versionOf(name) {
  const result = spawnSync(name, ['--version'], { encoding: 'utf8', timeout: 60_000, env: installEnv({}) });
  const version = result.status === 0 ? /\d+\.\d+\.\d+\S*/.exec(result.stdout)?.[0] : undefined;
  return version;
}

/**
 * Corepack may fetch the manager without asking, and must not pin one into package.json. With no
 * `packageManager` named it takes the version it ships with, not "the latest stable": that lookup
 * checks the registry's signatures against keys the corepack bundled with Node 20 no longer matches
 * ("No compatible signature found in package metadata"; fubira/next-phaser-typescript-sample, a
 * yarn 1 project, could not install at all). Integrity checks stay on.
 */
function installEnv(extra) {
  return { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0', COREPACK_ENABLE_AUTO_PIN: '0', COREPACK_DEFAULT_TO_LATEST: '0', ...extra };
}

/**
 * A manager run through corepack is on no PATH, but a project's own install scripts may call it by
 * name: create-react-native-library's `.yarnrc` (`yarn-path "scripts/bootstrap.js"`) hands every
 * `yarn` command to a script that runs `yarn` again, which failed to start and exited 0 having
 * installed nothing (PonceGL/theme). For the install's duration a folder on PATH holds a `yarn` (or
 * `pnpm`) that runs corepack's; the folder is removed on exit.
 */
function managerShim(manager, env) {
  const dir = mkdtempSync(join(tmpdir(), 'install-deps-'));
  writeFileSync(join(dir, manager), `#!/bin/sh\nexec corepack ${manager} "$@"\n`, { mode: 0o755 });
  env.PATH = [dir, env.PATH ?? ''].join(delimiter);
  return dir;
}

/** HOME inside the temp folder: a throwaway home (the verify sandbox's), whose pnpm store does not outlive the install. */
function temporaryHome() {
  const home = process.env.HOME;
  if (home === undefined) return false;
  const rel = relative(realpathOr(tmpdir()), realpathOr(home));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function realpathOr(path) {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function exitWith(code) {
  if (shims !== undefined) rmSync(shims, { recursive: true, force: true });
  process.exit(code);
}

/** Runs argv with its output passed through; resolves to its exit code and (for the retry rule) output. */
function run(argv, env) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // npm prints `code ERESOLVE` (or `Missing: x from lock file`) before a long explanation: it is
    // noted as it passes, and a short tail is kept so that a word split between two chunks is seen.
    let tail = '';
    let noted = '';
    const pass = (to) => (chunk) => {
      to.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-4096);
      noted ||= isEresolve(tail) ? 'ERESOLVE' : missingFromLock(tail) ?? '';
    };
    child.stdout.on('data', pass(process.stdout));
    child.stderr.on('data', pass(process.stderr));
    child.on('error', (error) => {
      console.error(`install: could not start ${argv[0]}: ${error.message}`);
      resolve({ code: 127, output: '' });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: noted || tail }));
  });
}

const files = listProject();
const texts = Object.fromEntries(wantedTexts(files).map((file) => [file, readText(file)]).filter(([, text]) => text !== undefined));
const plan = planInstall(files, texts, { frozen });
const runner = chooseRunner(plan, { onPath, version: versionOf });
if ('error' in runner) {
  console.log(`install: ${plan.reason}`);
  console.error(runner.error);
  process.exit(1);
}
// pnpm's global virtual store (`enableGlobalVirtualStore`, which @pnpm/plugin-better-defaults sets
// from a pnpmfile no flag overrides) leaves node_modules only links into the store, under HOME. A
// HOME under the temp folder (the verify sandbox's, private to the install) is gone when the
// install ends, and every link with it (pnpm/meta-updater: "Cannot find module
// …/node_modules/typescript/bin/tsc" in each step): the store goes into node_modules instead.
if (plan.manager === 'pnpm' && temporaryHome()) {
  const storeDir = join(process.cwd(), 'node_modules', '.pnpm-store');
  runner.argv.push(`--config.store-dir=${storeDir}`);
  runner.notes.push(`HOME is a temporary folder: pnpm's store goes into node_modules/.pnpm-store`);
}
const shown = (argv) => [...Object.entries(plan.env).map(([name, value]) => `${name}=${value}`), ...argv].join(' ');
console.log(`install: ${shown(runner.argv)} — ${plan.reason}${runner.notes.map((note) => `; ${note}`).join('')}`);
if (dryRun) process.exit(0);

const env = installEnv(plan.env);
const shims = runner.argv[0] === 'corepack' ? managerShim(runner.argv[1], env) : undefined;
const first = await run(runner.argv, env);
const retry = eresolveRetry(runner.argv, first.code, first.output);
if (retry === undefined) exitWith(first.code);
const why = isEresolve(first.output)
  ? 'npm reported ERESOLVE (a peer-dependency conflict)'
  : `npm ci reported "${missingFromLock(first.output)}", as it does for the peers a lockfile resolved with --legacy-peer-deps leaves out`;
console.log(`install: ${why}; retrying once with --legacy-peer-deps: ${shown(retry)}`);
const second = await run(retry, env);
console.log(second.code === 0 ? 'install: succeeded with --legacy-peer-deps (the conflict is still there: the lockfile was resolved ignoring peer dependencies)' : `install: failed again with --legacy-peer-deps (exit ${second.code})`);
exitWith(second.code);
