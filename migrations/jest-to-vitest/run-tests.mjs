#!/usr/bin/env node
// The project's tests as its own scripts run them, for the verdicts of a Jest → Vitest run:
//   node run-tests.mjs --baseline REPORT_FILE     the whole suite on Jest (the source commit)
//   node run-tests.mjs REPORT_FILE [FILE…]         each test file on its runner, one report
// Jest's command follows package.json's "test" script (through `npm run x`, `yarn x`, `pnpm x`) to
// the command that runs Jest — `jest [--config file]`, `react-scripts test` or `craco test` — and
// runs that runner with `--ci --json --forceExit --outputFile=…`, watch mode off; a project whose scripts name
// no such command gets plain `jest`, which reads jest.config.* or package.json's "jest" key.
// While the migration is under way both runners are installed: a test file that imports from
// 'vitest' is Vitest's, every other one Jest's (as jest-vitest-split.cjs decides for the configs);
// once the project names no Jest, every test file is Vitest's.
// With FILEs, each runner gets its own among them (none: it is not started); without, each runs
// its whole suite as configured. The two JSON reports (the same shape) are merged into
// REPORT_FILE; the exit code is the first failing runner's. A Jest file whose Jest is not installed is named.
// In a worktree whose node_modules links to another folder, Vitest runs with a config written for
// the run that allows Vite to load files from that folder (see allowConfigText).
// A workspace whose root runs no tests itself (`turbo run test`, `nx run-many -t test`) but whose
// packages each run their own Jest or Vitest: each such package is run in its folder as a project
// of its own (this script again, there), and their reports summed (see testedPackages).
// Plain JavaScript, because the recipe runs it with `node` in the project's checkout.

import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import picomatch from 'picomatch';
import { generateMissing } from '../shared/generated-files.mjs';

const baseline = process.argv[2] === '--baseline';
const [report, ...files] = process.argv.slice(baseline ? 3 : 2);
if (!report || (baseline && files.length > 0)) {
  console.error('usage: run-tests.mjs --baseline REPORT_FILE | run-tests.mjs REPORT_FILE [FILE…]');
  process.exit(2);
}
// ts-jest, babel-jest and Vite read tsconfig.json, whose `extends` may name a generated file (`.svelte-kit/`).
generateMissing();

const manifest = readJsonOr('package.json', {});

/**
 * Scripts of the project's package.json, or none; with them its Makefile's targets, as scripts
 * named `make <target>` (makeTargets).
 */
function readScripts() {
  const scripts = manifest && typeof manifest === 'object' ? manifest.scripts : undefined;
  return { ...makeTargets(), ...(scripts && typeof scripts === 'object' ? scripts : {}) };
}

/**
 * The targets of the project's Makefile (the names GNU make looks for, in its order), each its
 * recipe's lines joined by `;` (make's `@`, `-`, `+` prefixes off, `$$` as `$`, continued lines
 * joined): course projects (Hexlet's gendiff, thousands of public copies) start Jest only from
 * `make test` (`NODE_OPTIONS=--experimental-vm-modules npx jest`), package.json's test script
 * being npm init's error stub, so the baseline ran Jest without the flag and every suite failed
 * to load. Hand-read because no maintained npm package reads Makefiles; variables stay unexpanded.
 */
function makeTargets() {
  const file = ['GNUmakefile', 'makefile', 'Makefile'].find((name) => existsSync(name));
  if (file === undefined) return {};
  const targets = {};
  let current = [];
  for (const line of readFileSync(file, 'utf8').replace(/\\\r?\n[ \t]*/g, ' ').split(/\r?\n/)) {
    if (line.startsWith('\t')) {
      const command = line.trim().replace(/^[@+-]+\s*/, '').replaceAll('$$', '$');
      for (const target of current) targets[`make ${target}`] = targets[`make ${target}`] === undefined ? command : `${targets[`make ${target}`]}; ${command}`;
      continue;
    }
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const rule = /^([^\s:=#][^:=#]*?)\s*::?(?!=)/.exec(line);
    current = rule ? rule[1].trim().split(/\s+/).filter((target) => !target.startsWith('.')) : [];
  }
  return targets;
}

/**
 * Whether the project itself has Jest, when no script names a runner: a dependency on it or a
 * config of its own. A Jest that only another tool installed (react-scripts keeps one in
 * node_modules after finish) is not the project's runner, and would run its Vitest files.
 */
function projectHasJest() {
  const listed = ['dependencies', 'devDependencies'].some((field) => manifest?.[field] && typeof manifest[field] === 'object' && 'jest' in manifest[field]);
  return listed || (manifest && typeof manifest === 'object' && 'jest' in manifest) || ['js', 'ts', 'cjs', 'mjs', 'cts', 'mts', 'json'].some((ext) => existsSync(`jest.config.${ext}`));
}

const RUNNERS = [
  { bin: 'react-scripts', pattern: /\breact-scripts\s+test\b([^;&|]*)/, args: ['test', '--watchAll=false'] },
  { bin: 'craco', pattern: /\bcraco\s+test\b([^;&|]*)/, args: ['test', '--watchAll=false'] },
  // `jest`, `npx jest`, and Jest's entry by path (`node --experimental-vm-modules node_modules/jest/bin/jest.js`).
  // Not `npm run jest`: that runs the script named jest, followed below.
  { bin: 'jest', pattern: /(?<!\brun(?:-script)?\s*)(?:^|[\s;&|(])(?:npx\s+)?(?:[\w.@/-]*\/(?:jest\/bin\/jest\.js|\.bin\/jest)(?![\w.-])|jest\b)([^;&|]*)/, args: [] },
];
// Where Vitest runs the tests once a script has moved (`cross-env NODE_OPTIONS=… vitest run`): only its environment is read.
const VITEST_RUNNER = { bin: 'vitest', args: [], pattern: /(?<!\brun(?:-script)?\s*)(?:^|[\s;&|(])(?:npx\s+)?(?:[\w.@/-]*\/(?:vitest\/vitest\.mjs|\.bin\/vitest)(?![\w.-])|vitest\b)/ };
const NAMED_SCRIPT = /(?:^|[\s;&|])(?:npm\s+run(?:-script)?|yarn(?:\s+run)?|pnpm(?:\s+run)?)\s+([\w:.-]+)/g;
// `make test` in a script or a target's recipe: that target's recipe (readScripts names it `make test`).
const MAKE_CALL = /(?:^|[\s;&|])make\s+(?:-\S+\s+)*([\w.-]+)/g;

/** The first command of `runners` (Jest's by default) that the script `name` reaches, with the flags it passes that matter. */
function findRunner(scripts, name, runners = RUNNERS, seen = new Set()) {
  const script = scripts[name];
  if (typeof script !== 'string' || seen.has(name)) return undefined;
  seen.add(name);
  for (const runner of runners) {
    const found = runner.pattern.exec(script);
    if (found) return { bin: runner.bin, args: [...runner.args, ...keptFlags(found[1] ?? '')], env: commandEnv(script, found.index + 1) };
  }
  // `TZ=UTC npm run unit`: the variables reach the runner of the script it runs.
  const calls = [...[...script.matchAll(NAMED_SCRIPT)].map((found) => ({ index: found.index, name: found[1] })), ...[...script.matchAll(MAKE_CALL)].map((found) => ({ index: found.index, name: `make ${found[1]}` }))];
  for (const found of calls.sort((a, b) => a.index - b.index)) {
    const next = findRunner(scripts, found.name, runners, seen);
    if (next) return { ...next, env: { ...commandEnv(script, found.index + 1), ...next.env } };
  }
  return undefined;
}

/**
 * What the words before a runner in its own command (`A=b`, also after `cross-env`; `node --flag`
 * before the runner's entry file) set in its environment: a native-ESM Jest needs
 * `--experimental-vm-modules` (lint-staged, documentation), a date library its `TZ`. Node's flags
 * join NODE_OPTIONS; `$NAME` in a value is read from this process's environment.
 */
function commandEnv(script, end) {
  const start = Math.max(...[';', '&', '|'].map((c) => script.lastIndexOf(c, end - 1))) + 1;
  const words = script.slice(start, end).match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
  const expand = (value) => value.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (_, name) => process.env[name] ?? '');
  const env = {};
  const nodeFlags = [];
  for (let i = 0; i < words.length; i++) {
    const assignment = /^([A-Za-z_]\w*)=(.*)$/s.exec(words[i]);
    if (assignment) env[assignment[1]] = expand(assignment[2].replace(/(["'])(.*?)\1/gs, '$2')).trim();
    if (words[i] === 'node') while (words[i + 1]?.startsWith('-')) nodeFlags.push(words[++i]);
  }
  if (nodeFlags.length > 0) env.NODE_OPTIONS = [env.NODE_OPTIONS ?? process.env.NODE_OPTIONS ?? '', ...nodeFlags].join(' ').trim();
  return env;
}

/** The flags that choose what runs (config, roots, environment); watch, coverage and reporters go. */
function keptFlags(text) {
  const words = text.trim().split(/\s+/).filter(Boolean).map((word) => word.replace(/^(['"])(.*)\1$/, '$2'));
  const kept = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!/^(--config|-c|--rootDir|--roots|--env|--testEnvironment|--selectProjects|--projects)(=|$)/.test(word)) continue;
    kept.push(word);
    if (!word.includes('=') && words[i + 1] !== undefined && !words[i + 1].startsWith('-')) kept.push(words[++i]);
  }
  return kept;
}

/** Set in a workspace package's run (testedPackages): the workspace root, whose node_modules hoists its tools. */
const WORKSPACE_ROOT = process.env.CODEMIGRATE_WORKSPACE_ROOT;

/** This folder, then (in a workspace package's run) each folder above it up to the workspace root. */
function moduleFolders() {
  const folders = [process.cwd()];
  if (WORKSPACE_ROOT === undefined) return folders;
  const root = resolve(WORKSPACE_ROOT);
  for (let dir = process.cwd(); dir !== root && dirname(dir) !== dir; ) folders.push((dir = dirname(dir)));
  return folders;
}

/** `node_modules/.bin/<bin>` (a workspace package's own, else the one its workspace hoisted); undefined when none has it. */
function binary(bin) {
  const found = moduleFolders().map((dir) => join(dir, 'node_modules', '.bin', bin)).find((file) => existsSync(file));
  return found === undefined ? undefined : [found === join(process.cwd(), 'node_modules', '.bin', bin) ? join('node_modules', '.bin', bin) : found];
}

/**
 * The environment a runner gets: the script's own (commandEnv), CI set, and the project's
 * node_modules/.bin first on PATH, as `npm run` puts it: tests that spawn the project's tools
 * (lint-staged's run prettier) found none when Jest was started directly.
 */
function runnerEnv(env) {
  const bins = moduleFolders().map((dir) => join(dir, 'node_modules', '.bin'));
  return { ...process.env, ...env, PATH: [...bins, env.PATH ?? process.env.PATH].filter(Boolean).join(delimiter), CI: 'true' };
}

function run(command, args, env = {}) {
  const set = Object.entries(env).map(([name, value]) => `${name}=${JSON.stringify(value)} `).join('');
  console.log(`[run-tests] ${set}${[...command, ...args].join(' ')}`);
  const launched = launchOf(command, args);
  const result = spawnSync(launched.command, launched.args, { stdio: 'inherit', env: runnerEnv(env) });
  if (result.error) {
    console.error(`[run-tests] could not run ${command.join(' ')}: ${result.error.message}`);
    return 127;
  }
  return result.status ?? 1;
}

const JEST_LAUNCH = join(dirname(fileURLToPath(import.meta.url)), 'jest-launch.cjs');

/**
 * How a runner's command is started. The project's Jest goes through jest-launch.cjs, which hands
 * it our arguments through its API: in band (one worker: 2 cores, one test file) a test's
 * `process.argv` is the Jest process's, and a test that parses the command line read our `--ci`
 * (commander's suite exited on it). Vitest needs nothing: each of its pools (forks, threads,
 * vmForks, vmThreads in Vitest 4) runs tests in a worker whose argv is its own worker file.
 */
function launchOf(command, args) {
  if (command.length !== 1 || !/(?:^|\/)jest$/.test(command[0])) return { command: command[0], args: [...command.slice(1), ...args] };
  return { command: process.execPath, args: [JEST_LAUNCH, command[0], ...args] };
}

const VITEST_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]vitest['"]/;
const TEST_FILE = /(?:\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)__tests__\/.*\.[cm]?[jt]sx?$)/;
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

function isVitestFile(file) {
  try {
    return VITEST_IMPORT.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

/** The config files Vitest looks for in its root, in its order. */
const VITEST_CONFIGS = ['vitest.config', 'vite.config'].flatMap((name) => ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'].map((ext) => `${name}${ext}`));
const ALLOW_CONFIG = 'vitest.codemigrate-allow.config.mts';

/**
 * The real folder of a node_modules that is a link to outside the project (codemigrate's verify
 * worktrees link the checkout's or an install's), else undefined.
 */
function linkedModulesOutside(dir) {
  const modules = join(dir, 'node_modules');
  try {
    if (!lstatSync(modules).isSymbolicLink()) return undefined;
    const target = realpathSync(modules);
    const rel = relative(realpathSync(dir), target);
    return rel.startsWith('..') || isAbsolute(rel) ? target : undefined;
  } catch {
    return undefined;
  }
}

/**
 * With node_modules linked from outside the project, Node resolves a package to its real path out
 * there, and Vite loads nothing outside server.fs.allow (the project root and Vitest's own folder)
 * for an environment of the client kind (jsdom, happy-dom): a setupFiles entry naming a package
 * ('@testing-library/react/dont-cleanup-after-each.js') failed with "Cannot find module
 * '/@fs/…/node_modules/.pnpm/…'", where the project's own checkout runs it. Vitest then gets a
 * config of the project's own (the first of Vitest's names, as Vitest picks it) plus that folder
 * allowed; its text, or undefined when nothing is linked.
 */
function allowConfigText(dir) {
  // In a workspace package, the workspace root's node_modules (hoisted packages) too.
  const modules = [...new Set(moduleFolders().map((folder) => linkedModulesOutside(folder)).filter((folder) => folder !== undefined))];
  if (modules.length === 0) return undefined;
  const own = VITEST_CONFIGS.find((file) => existsSync(join(dir, file)));
  const allowed = `{ server: { fs: { allow: [${modules.map((folder) => JSON.stringify(folder)).join(', ')}] } } }`;
  return [
    "// Written by codemigrate's run-tests.mjs for one run in a worktree whose node_modules is linked from elsewhere; removed after it.",
    ...(own === undefined
      ? [`export default ${allowed};`]
      : [
          "import { mergeConfig } from 'vitest/config';",
          `import * as own from './${own}';`,
          'const config: any = (own as any).default ?? own;',
          `export default async (env: any) => mergeConfig(typeof config === 'function' ? await config(env) : await config, ${allowed});`,
        ]),
    '',
  ].join('\n');
}

/** Variables of the time zone and locale, which decide how dates and numbers format. */
const LOCALE_VARIABLE = /^(?:TZ|LANG|LANGUAGE|LC_[A-Z]+)$/;
const TEST_COMMAND = /(?:^|[\s;&|(])(?:(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?(?:test|t)\b|(?:npx\s+|yarn\s+|pnpm\s+(?:exec\s+)?)?jest\b)/;

/**
 * The time zone and locale a GitHub workflow runs the tests in (luxon's: `env: TZ:
 * America/New_York, LANG: en_US.utf8` on the job), from the first step (workflows by name) whose
 * `run` starts them: the workflow's, the job's and the step's `env`, values with `${{ }}` left out.
 * The baseline and every step's checks get the same, so tests written for that zone count; the
 * script's own variables win.
 */
function ciLocale() {
  const dir = '.github/workflows';
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort() : [];
  const plain = (env) => Object.fromEntries(Object.entries(env && typeof env === 'object' ? env : {}).filter(([name, value]) => LOCALE_VARIABLE.test(name) && ['string', 'number'].includes(typeof value) && !String(value).includes('${{')).map(([name, value]) => [name, String(value)]));
  for (const file of files) {
    let workflow;
    try {
      workflow = parseYaml(readFileSync(join(dir, file), 'utf8'));
    } catch {
      continue;
    }
    for (const job of Object.values(workflow?.jobs ?? {})) {
      const step = (Array.isArray(job?.steps) ? job.steps : []).find((each) => typeof each?.run === 'string' && TEST_COMMAND.test(each.run));
      if (step) return { ...plain(workflow.env), ...plain(job.env), ...plain(step.env) };
    }
  }
  return {};
}

function readJsonOr(file, fallback) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return fallback;
  }
}

/** The last line of `text` that parses as JSON (Jest prints the list after any warnings). */
function parseJsonLine(text, fallback) {
  for (const line of (text ?? '').trim().split('\n').reverse()) {
    try {
      return JSON.parse(line);
    } catch {
      // not this line
    }
  }
  return fallback;
}

/**
 * `--forceExit`: the report is written when the tests end, and a handle a test left open must not
 * hold the run until its timeout. Jest runs in band when it has one worker (on 2 cores, and for a
 * step's few files), and then the handles are its own process's: koa's suite (395 passed) never
 * exited, where its CI's `--maxWorkers 2` ends the workers that hold them.
 */
function jestArgs(runner, outputFile, paths) {
  return [...runner.args, '--ci', '--json', '--forceExit', `--outputFile=${outputFile}`, ...(paths ? ['--passWithNoTests', '--runTestsByPath', ...paths] : [])];
}

/**
 * The tests Jest still runs that load a module among `files` that is not a test (a helper, a manual
 * mock), as Jest's own resolver finds them (`--findRelatedTests`: relative paths, aliases, module
 * folders, mocks): a step that migrates such a module breaks them under Jest while its own tests
 * pass, so its check runs them too — without them a step whose files hold no test passed with no
 * test run and broke the suite only at land. Vitest's tests are not asked for: a module a migrated
 * test loads still runs there (compat gives unmigrated code its `jest`).
 */
function relatedJestTests(files) {
  const modules = files.filter((file) => SOURCE_FILE.test(file) && !TEST_FILE.test(file) && existsSync(file));
  if (!jest || modules.length === 0) return [];
  const listed = spawnSync(jest[0], [...jest.slice(1), ...runner.args, '--listTests', '--json', '--findRelatedTests', ...modules], { encoding: 'utf8', env: runnerEnv(runner.env) });
  const root = `${process.cwd()}/`;
  return parseJsonLine(listed.stdout, []).map((file) => String(file)).map((file) => (file.startsWith(root) ? file.slice(root.length) : file));
}

/**
 * The runner of the `test` script; failing that, of the first `test:*` script that reaches one
 * (Vue CLI projects run Jest from `test:unit`, with flags the tests need, and have no `test`).
 */
function projectRunner(scripts) {
  // Unit and CI suites before the rest (a `test:e2e` may need a server).
  const rank = (name) => (/^test[:-](?:unit|ci|jest)$/.test(name) ? 0 : 1);
  const tests = (prefix) => Object.keys(scripts).filter((name) => name.startsWith(prefix) && /^test[:-]/.test(name.slice(prefix.length))).sort((a, b) => rank(a.slice(prefix.length)) - rank(b.slice(prefix.length)) || (a < b ? -1 : 1));
  // The Makefile's after package.json's: its `test` target, then its test-* ones.
  const names = ['test', ...tests(''), 'make test', ...tests('make ')];
  for (const name of names) {
    const found = findRunner(scripts, name);
    if (found) return found;
  }
  return undefined;
}

/** The folders pnpm-workspace.yaml's `packages` or package.json's `workspaces` name (pnpm's file wins, as in pnpm). */
function workspaceGlobs() {
  try {
    const packages = existsSync('pnpm-workspace.yaml') ? parseYaml(readFileSync('pnpm-workspace.yaml', 'utf8'))?.packages : undefined;
    if (Array.isArray(packages)) return packages.filter((glob) => typeof glob === 'string');
  } catch {
    // not YAML: package.json's field
  }
  const field = manifest?.workspaces;
  const listed = Array.isArray(field) ? field : field?.packages;
  return Array.isArray(listed) ? listed.filter((glob) => typeof glob === 'string') : [];
}

/** Whether the package.json in `dir` (with its folder) runs tests itself: a script reaching Jest or Vitest, a Jest key or dependency, a config of either. */
function runsTests(dir) {
  const own = readJsonOr(join(dir, 'package.json'), {});
  const scripts = own && typeof own.scripts === 'object' && own.scripts !== null ? own.scripts : {};
  const viaScript = ['test', ...Object.keys(scripts).filter((name) => /^test[:-]/.test(name))].some((name) => findRunner(scripts, name) ?? findRunner(scripts, name, [VITEST_RUNNER]));
  const listed = ['dependencies', 'devDependencies'].some((field) => own?.[field] && typeof own[field] === 'object' && ('jest' in own[field] || 'vitest' in own[field]));
  const configs = ['jest.config', ...VITEST_CONFIGS.map((file) => file.replace(/\.[^.]+$/, ''))].some((name) => ['js', 'ts', 'cjs', 'mjs', 'cts', 'mts', 'json'].some((ext) => existsSync(join(dir, `${name}.${ext}`))));
  return viaScript || listed || configs || (own && typeof own === 'object' && 'jest' in own);
}

/**
 * The workspace packages that run their own tests, in a root that runs none itself (no script of
 * its reaches Jest or Vitest, no Jest config, no Vitest config): turbo-boilerplate's root `test`
 * is `turbo run test` over packages that each run `jest`, and the baseline ran a root Jest that
 * found no config (no test counted, so no verdict could compare). Folders are walked (a few levels,
 * node_modules and dot folders skipped) and matched against the globs; hand-walked because Node 20
 * has no fs.glob, and picomatch (already the recipe's) does the matching.
 */
function testedPackages() {
  if (process.env.CODEMIGRATE_WORKSPACE_ROOT !== undefined) return [];
  const scripts = readScripts();
  // A Jest the root only declares (hoisted for its packages) is not one it runs.
  const rootConfig = (manifest && typeof manifest === 'object' && 'jest' in manifest) || ['js', 'ts', 'cjs', 'mjs', 'cts', 'mts', 'json'].some((ext) => existsSync(`jest.config.${ext}`));
  if (projectRunner(scripts) || findRunner(scripts, 'test', [VITEST_RUNNER]) || rootConfig || VITEST_CONFIGS.some((file) => existsSync(file))) return [];
  const globs = workspaceGlobs().map((glob) => glob.replaceAll('\\', '/').replace(/^\.\//, '').replace(/\/+$/, ''));
  const included = picomatch(globs.filter((glob) => !glob.startsWith('!')));
  const excluded = picomatch(globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1)));
  const found = [];
  const walk = (dir, depth) => {
    for (const entry of readdirSync(dir === '' ? '.' : dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (included(path) && !excluded(path) && existsSync(join(path, 'package.json')) && runsTests(path)) found.push(path);
      if (depth < 4) walk(path, depth + 1);
    }
  };
  if (globs.length > 0) walk('', 1);
  return found.sort();
}

/** The reports of the runs in `outputs` summed into REPORT_FILE (the same shape as each). */
function writeMerged(outputs, code) {
  const merged = { numTotalTests: 0, numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, success: code === 0, testResults: [] };
  for (const file of outputs) {
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8'));
    for (const key of ['numTotalTests', 'numPassedTests', 'numFailedTests', 'numPendingTests', 'numTodoTests']) merged[key] += json[key] ?? 0;
    merged.testResults.push(...(json.testResults ?? []));
  }
  writeFileSync(report, JSON.stringify(merged));
}

/**
 * Each package in its folder, as a project of its own: this script run there (with the given files
 * that lie in it, relative to it; a package none of them is in is not run), the workspace root and
 * the CI's time zone and locale handed on; the reports summed, the exit code the first failing one's.
 */
function runPackages(dirs) {
  const scratch = mkdtempSync(join(tmpdir(), 'run-tests-ws-'));
  const outputs = [];
  let code = 0;
  const env = { ...process.env, ...ciLocale(), CODEMIGRATE_WORKSPACE_ROOT: process.cwd() };
  for (const dir of dirs) {
    const own = files.filter((file) => file.startsWith(`${dir}/`)).map((file) => file.slice(dir.length + 1));
    if (files.length > 0 && own.length === 0) continue;
    const output = join(scratch, `${outputs.length}.json`);
    console.log(`[run-tests] workspace package ${dir}`);
    const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...(baseline ? ['--baseline', output] : [output, ...own])], { cwd: dir, stdio: 'inherit', env });
    code ||= result.status ?? 1;
    outputs.push(output);
  }
  const outside = files.filter((file) => TEST_FILE.test(file) && !dirs.some((dir) => file.startsWith(`${dir}/`)));
  if (outside.length > 0) console.error(`[run-tests] ${outside.length} test file(s) in no workspace package that runs tests: not run (${outside.slice(0, 5).join(', ')})`);
  writeMerged(outputs, code);
  rmSync(scratch, { recursive: true, force: true });
  return code;
}

const packages = testedPackages();
if (packages.length > 0) process.exit(runPackages(packages));

const named = projectRunner(readScripts());
const locale = ciLocale();
const runner = { ...(named ?? { bin: 'jest', args: [], env: {} }) };
runner.env = { ...locale, ...runner.env };
// While both run, the script's `jest` and `vitest run` share their prefix (package-json.ts); after finish, Vitest's alone.
const vitestEnv = named ? runner.env : { ...locale, ...(findRunner(readScripts(), 'test', [VITEST_RUNNER]) ?? findRunner(readScripts(), 'make test', [VITEST_RUNNER]))?.env };
if (baseline) {
  const command = binary(runner.bin) ?? ['npx', '--no-install', runner.bin];
  process.exit(run(command, jestArgs(runner, report), runner.env));
}

const given = files.length > 0;
// Once the project names no Jest (after finish), a test file that imports nothing is Vitest's: with
// `globals: true` its tests need no import (commonjs-globals.ts takes them out where TypeScript
// reads the file as CommonJS), and nobody else would run it.
const jestGone = named === undefined && !projectHasJest();
const vitestFiles = files.filter((file) => isVitestFile(file) || (jestGone && TEST_FILE.test(file)));
const jestFiles = files.filter((file) => TEST_FILE.test(file) && !vitestFiles.includes(file));
const jest = jestGone ? undefined : binary(runner.bin);
jestFiles.push(...relatedJestTests(files).filter((file) => !jestFiles.includes(file) && !isVitestFile(file)));
const scratch = mkdtempSync(join(tmpdir(), 'run-tests-'));
const reports = [];
let status = 0;
const vitest = binary('vitest');
const allowText = vitest ? allowConfigText('.') : undefined;
if (allowText !== undefined) writeFileSync(ALLOW_CONFIG, allowText);
const vitestConfig = allowText === undefined ? [] : ['--config', ALLOW_CONFIG];
if (vitest && (!given || vitestFiles.length > 0)) {
  const output = join(scratch, 'vitest.json');
  const code = run(vitest, ['run', ...vitestConfig, '--passWithNoTests', '--reporter=default', '--reporter=json', `--outputFile.json=${output}`, ...vitestFiles], vitestEnv);
  status ||= code;
  reports.push(output);
} else if (vitestFiles.length > 0) {
  console.error(`[run-tests] Vitest is not installed: ${vitestFiles.length} file(s) not run`);
  status ||= 1;
}
if (jest && (!given || jestFiles.length > 0)) {
  const output = join(scratch, 'jest.json');
  // Run even when Vitest failed: `status ||= run(…)` would skip Jest, and every test it keeps would
  // count as missing (luxon's land: 787).
  const code = run(jest, jestArgs(runner, output, given ? jestFiles : undefined), runner.env);
  status ||= code;
  reports.push(output);
} else if (jestFiles.length > 0) {
  console.error(`[run-tests] ${jestFiles.length} test file(s) import nothing from 'vitest' and Jest is not installed: not run (${jestFiles.slice(0, 5).join(', ')}${jestFiles.length > 5 ? ', …' : ''})`);
}
// While both runners are installed, each must leave the other's files alone as the project's own
// configs set them up (its `npm test` runs both): the runs above name their files explicitly and
// would not notice a config that gives a file to both. Asked of the configs whenever Jest files
// are among those given (a partial land), or none are given.
// `vitest list` came with Vitest 1; an older one would take "list" for a filter and run tests.
const vitestMajor = Number(String(readJsonOr(join('node_modules', 'vitest', 'package.json'), {}).version ?? '1').split('.')[0]);
if (vitest && jest && (!given || jestFiles.length > 0) && vitestMajor < 1) {
  console.error('[run-tests] Vitest before 1.0 has no `vitest list`: which runner the configs give each file was not checked');
} else if (vitest && jest && (!given || jestFiles.length > 0)) {
  const listed = join(scratch, 'vitest-list.json');
  spawnSync(vitest[0], ['list', ...vitestConfig, '--filesOnly', `--json=${listed}`], { stdio: ['ignore', 'ignore', 'inherit'], env: runnerEnv(vitestEnv) });
  const jestListed = spawnSync(jest[0], [...runner.args, '--listTests', '--json'], { encoding: 'utf8', env: runnerEnv(runner.env) });
  const relative = (file) => file.startsWith(`${process.cwd()}/`) ? file.slice(process.cwd().length + 1) : file;
  const underVitest = readJsonOr(listed, []).map((entry) => relative(String(entry.file)));
  const underJest = parseJsonLine(jestListed.stdout, []).map((file) => relative(String(file)));
  const both = [...underVitest.filter((file) => !isVitestFile(file)), ...underJest.filter((file) => isVitestFile(file))];
  if (both.length > 0) {
    console.error(`[run-tests] the project's configs give ${both.length} test file(s) to the wrong runner (its own \`npm test\` runs them there): ${both.slice(0, 5).join(', ')}${both.length > 5 ? ', …' : ''}`);
    status ||= 1;
  }
}

if (allowText !== undefined) rmSync(ALLOW_CONFIG, { force: true });

writeMerged(reports, status);
rmSync(scratch, { recursive: true, force: true });
process.exit(status);
