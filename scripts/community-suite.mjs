#!/usr/bin/env node
// Runs a community jscodeshift codemod suite's fixtures two ways and compares them (issue 15):
// through the suite's own jscodeshift CLI, and through codemigrate, each transform unmodified in a
// one-step recipe (loaded with codemigrate's recipe loader and run by its jscodeshift engine, in
// this thread). Prints, per way, how many fixtures pass the suite's own test (the transform's output
// equals the fixture's .output file, trimmed, as jscodeshift's testUtils compares it), and how many
// fixtures end byte-identical with the same per-file outcome both ways; then every mismatch.
//
// The suite is a checkout of a package whose tests call jscodeshift's `defineTest(__dirname,
// transform, options, prefix, { parser })` in <transforms>/__tests__/ (reactjs/react-codemod's
// shape), with its dependencies installed:
//   git clone <mirror of reactjs/react-codemod> /tmp/rc-jscs && (cd /tmp/rc-jscs && npm install --legacy-peer-deps)
//   npm run build && node scripts/community-suite.mjs --suite /tmp/rc-jscs [--codemigrate DIR] [--json FILE]
// --codemigrate: a codemigrate checkout with a built dist/ (default: this one), to measure another
// version the same way. Writes only under <suite>/.codemigrate-suite/ (removed first).
//
// How the tests are read: each test file runs with describe/it/beforeEach as plain calls and
// defineTest recording its arguments; a `jest.mock(transform, factory)` that sets `parser: '<name>'`
// (how react-codemod's tests pick a parser) is read from the factory's text and becomes the
// fixture's parser, given to the CLI as --parser and to the recipe as "parser". Fixtures whose
// transform, parser and options match run as one CLI invocation and one codemod run.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const suite = resolve(flag('--suite') ?? '/tmp/rc-jscs');
const codemigrate = resolve(flag('--codemigrate') ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const jsonOut = flag('--json');
const cliBin = join(suite, 'node_modules/jscodeshift/bin/jscodeshift.js');
if (!existsSync(cliBin)) throw new Error(`${cliBin} not found: install the suite's dependencies first (see the header)`);

const { loadRecipeFile } = await import(pathToFileURL(join(codemigrate, 'dist/config/index.js')).href);
const { createCodemodEngine } = await import(pathToFileURL(join(codemigrate, 'dist/codemods/index.js')).href);
const { createJiti } = createRequire(join(codemigrate, 'package.json'))('jiti');

const work = join(suite, '.codemigrate-suite'); // inside the suite: a transform's config lookups see the same ancestors
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// ---- read the suite's tests -------------------------------------------------------------------
const recorder = join(work, 'test-utils-recorder.cjs');
writeFileSync(recorder, 'exports.defineTest = (...args) => globalThis.__suiteDefine(...args);\nexports.defineInlineTest = () => {};\nexports.defineSnapshotTest = () => {};\n');
// CommonJS test files load natively (jiti does not transform them, so its alias misses them).
const Module = createRequire(import.meta.url)('node:module');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'jscodeshift/dist/testUtils' ? recorder : resolveFilename.call(this, request, ...rest);
};
const fixtures = [];
for (const testsDir of findTestDirs(suite)) {
  for (const name of readdirSync(testsDir).filter((file) => /\.[jt]sx?$/.test(file)).sort()) {
    const scopes = [{ parser: undefined }];
    const parserNow = () => scopes.findLast((scope) => scope.parser !== undefined)?.parser;
    globalThis.__suiteDefine = (dirName, transformName, options, prefix = transformName, testOptions = {}) => {
      const ext = ['ts', 'tsx'].includes(testOptions.parser) ? testOptions.parser : 'js';
      const base = join(dirName, '..', '__testfixtures__', prefix);
      fixtures.push({
        test: relative(suite, join(testsDir, name)),
        transform: resolveTransform(join(dirName, '..', transformName)),
        options: options ?? {},
        parser: testOptions.parser ?? parserNow(),
        input: `${base}.input.${ext}`,
        output: `${base}.output.${ext}`,
      });
    };
    const scoped = (fn) => {
      scopes.push({ parser: undefined });
      try {
        fn?.();
      } finally {
        scopes.pop();
      }
    };
    Object.assign(globalThis, {
      describe: (_name, fn) => scoped(fn),
      it: () => {},
      test: () => {},
      beforeEach: (fn) => fn(),
      afterEach: () => {},
      beforeAll: (fn) => fn(),
      afterAll: () => {},
      jest: {
        mock: (_path, factory) => {
          const parser = /parser:\s*['"](\w+)['"]/.exec(String(factory))?.[1];
          if (parser) scopes[scopes.length - 1].parser = parser;
        },
        resetModules: () => {},
      },
    });
    const jiti = createJiti(join(testsDir, name), { alias: { 'jscodeshift/dist/testUtils': recorder }, moduleCache: false, fsCache: false });
    jiti(join(testsDir, name));
  }
}
Module._resolveFilename = resolveFilename;

function findTestDirs(root) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.name === '__tests__' && existsSync(join(dir, '__testfixtures__'))) found.push(full);
      else walk(full);
    }
  };
  walk(root);
  return found.sort();
}

function resolveTransform(base) {
  for (const ext of ['', '.js', '.ts', '.tsx', '.mjs', '.cjs']) if (existsSync(base + ext) && statSync(base + ext).isFile()) return base + ext;
  throw new Error(`transform not found: ${base}`);
}

// ---- run each group both ways -----------------------------------------------------------------
const groups = new Map();
for (const fixture of fixtures) {
  const key = JSON.stringify([fixture.transform, fixture.parser ?? null, fixture.options]);
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(fixture);
}

const CLI_STATUS = { OKK: 'modified', NOC: 'unchanged', SKIP: 'skipped', ERR: 'error' };
const engine = createCodemodEngine({ workers: 0 });
const results = [];
let groupIndex = 0;
for (const members of groups.values()) {
  groupIndex += 1;
  const { transform, parser, options } = members[0];
  // Unique inputs: two tests may share a fixture file with the same transform, parser and options.
  const inputs = [...new Set(members.map((fixture) => relative(suite, fixture.input)))];

  const cliDir = join(work, 'cli', String(groupIndex));
  for (const path of inputs) cpSync(join(suite, path), join(cliDir, path));
  const flags = Object.entries(options).map(([key, value]) => `--${key}=${JSON.stringify(value)}`);
  let stdout = '';
  try {
    stdout = execFileSync(process.execPath, [cliBin, '-t', transform, '--run-in-band', '--verbose=2', ...(parser ? [`--parser=${parser}`] : []), ...flags, ...inputs], {
      cwd: cliDir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    stdout = String(error.stdout ?? '');
  }
  const cliStatus = new Map();
  for (const line of stdout.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    const match = /^ (OKK|NOC|SKIP|ERR) (\S+)/.exec(line);
    if (match) cliStatus.set(relative(cliDir, resolve(cliDir, match[2])), CLI_STATUS[match[1]]);
  }

  const recipeFile = join(work, 'recipes', `suite-${groupIndex}.json`);
  mkdirSync(dirname(recipeFile), { recursive: true });
  const step = { codemod: transform, engine: 'jscodeshift', ...(parser ? { parser } : {}), ...(Object.keys(options).length > 0 ? { options } : {}) };
  writeFileSync(recipeFile, JSON.stringify({ id: `suite-${groupIndex}`, description: relative(suite, transform), modules: { include: ['**'] }, steps: [step] }, null, 2));
  const recipe = await loadRecipeFile(recipeFile, { builtin: false });
  const cmDir = join(work, 'codemigrate', String(groupIndex));
  for (const path of inputs) cpSync(join(suite, path), join(cmDir, path));
  const cwd = process.cwd();
  process.chdir(cmDir); // as `codemigrate run` does: transforms run with the repository root as working directory
  let run;
  try {
    run = await engine.run(recipe.steps[0], inputs.map((path) => ({ path, text: readFileSync(join(cmDir, path), 'utf8') })));
  } catch (error) {
    run = { files: inputs.map((path) => ({ path, status: 'error', error: String(error.message ?? error) })) };
  } finally {
    process.chdir(cwd);
  }
  const ours = new Map(run.files.map((file) => [file.path, file]));

  for (const path of inputs) {
    const source = readFileSync(join(suite, path), 'utf8');
    const expected = readFileSync(join(suite, path.replace(/\.input\.(\w+)$/, '.output.$1')), 'utf8');
    const cliText = readFileSync(join(cliDir, path), 'utf8');
    const cli = { status: cliStatus.get(path) ?? 'error', text: cliText };
    const file = ours.get(path) ?? { status: 'error', error: 'no outcome' };
    const cm = { status: file.status, text: file.status === 'modified' ? file.text : source, ...(file.error ? { error: file.error } : {}) };
    results.push({
      fixture: path,
      transform: relative(suite, transform),
      parser: parser ?? 'babel',
      jscodeshift: run.jscodeshift,
      cli: { status: cli.status, passes: passes(cli, expected) },
      codemigrate: { status: cm.status, passes: passes(cm, expected), ...(cm.error ? { error: cm.error.split('\n')[0] } : {}) },
      identical: cli.text === cm.text,
      sameOutcome: cli.status === cm.status,
    });
  }
}
await engine.close();

/** As testUtils: the transform's return value, or '' for a falsy one, trimmed, equals the expected output trimmed. */
function passes(outcome, expected) {
  if (outcome.status === 'error') return false;
  const output = outcome.status === 'skipped' ? '' : outcome.text;
  return output.trim() === expected.trim();
}

// ---- report -----------------------------------------------------------------------------------
const count = (predicate) => results.filter(predicate).length;
const used = [...new Set(results.map((result) => (result.jscodeshift ? `${result.jscodeshift.version} (${result.jscodeshift.by}${result.jscodeshift.from ? ` ${result.jscodeshift.from}` : ''})` : 'unknown')))];
const summary = {
  suite,
  codemigrate,
  fixtures: results.length,
  tests: fixtures.length,
  identical: count((result) => result.identical),
  identicalAndSameOutcome: count((result) => result.identical && result.sameOutcome),
  passes: { cli: count((result) => result.cli.passes), codemigrate: count((result) => result.codemigrate.passes) },
  jscodeshift: used,
};
console.log(`${summary.fixtures} fixtures (${summary.tests} defineTest calls) of ${suite}, codemigrate from ${codemigrate}`);
console.log(`codemigrate ran with jscodeshift ${used.join('; ')}`);
console.log(`byte-identical: ${summary.identical} of ${summary.fixtures}; identical with the same outcome: ${summary.identicalAndSameOutcome}`);
console.log(`passes: CLI ${summary.passes.cli}, codemigrate ${summary.passes.codemigrate}`);
for (const result of results.filter((result) => !result.identical || !result.sameOutcome || result.cli.passes !== result.codemigrate.passes)) {
  const error = result.codemigrate.error ? `: ${result.codemigrate.error.slice(0, 140)}` : '';
  console.log(`  ${result.fixture} [${result.parser}] CLI ${result.cli.status}${result.cli.passes ? ' pass' : ''}, codemigrate ${result.codemigrate.status}${result.codemigrate.passes ? ' pass' : ''}${result.identical ? '' : ', bytes differ'}${error}`);
}
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ summary, results }, null, 2)}\n`);
