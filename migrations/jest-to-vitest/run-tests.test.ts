// run-tests.mjs runs the project's own runners: stand-ins in node_modules/.bin record the
// arguments they were given and write a one-test JSON report where they were told to.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-repo.js';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'run-tests.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const STAND_IN = (bin: string, exitCode: number) => `#!/usr/bin/env node
const fs = require('fs');
const args = process.argv.slice(2);
// The config named with --config, as it read while the runner ran.
const config = args.includes('--config') && fs.existsSync(args[args.indexOf('--config') + 1]) ? fs.readFileSync(args[args.indexOf('--config') + 1], 'utf8') : undefined;
// The environment a script's command gives its runner (run-tests clears both in \`runTests\`).
const env = Object.fromEntries(['NODE_OPTIONS', 'TZ', 'LANG'].filter((name) => process.env[name]).map((name) => [name, process.env[name]]));
// $RECORD_PATH: the first folder of PATH, where the project's own tools must be found.
const pathHead = process.env.RECORD_PATH ? { pathHead: process.env.PATH.split(require('path').delimiter)[0] } : {};
fs.appendFileSync('ran.jsonl', JSON.stringify({ bin: '${bin}', args, ci: process.env.CI, config, ...(Object.keys(env).length > 0 ? { env } : {}), ...pathHead }) + '\\n');
// What the configs give this runner (the \`list\` / \`--listTests\` answers): $LISTED_<BIN>, comma-separated.
const listed = (process.env['LISTED_${bin}'] || '').split(',').filter(Boolean).map((f) => process.cwd() + '/' + f);
if (args[0] === 'list') { fs.writeFileSync(args.find((a) => a.startsWith('--json=')).slice(7), JSON.stringify(listed.map((file) => ({ file })))); process.exit(0); }
if (args.includes('--listTests')) { console.log(JSON.stringify(listed)); process.exit(0); }
const output = args.find((a) => a.startsWith('--outputFile'));
if (output) fs.writeFileSync(output.split('=')[1], JSON.stringify({ numTotalTests: 1, numPassedTests: 1, testResults: [{ name: '${bin}-file', status: 'passed', assertionResults: [{ title: 't', ancestorTitles: [], status: 'passed' }] }] }));
process.exit(${exitCode});
`;

/**
 * STAND_IN in sh, for the runners run-tests.mjs starts as commands (all but Jest, which it starts
 * through jest-launch.cjs, in Node): the same record and answers without a Node start each
 * (~0.1 CPU-s), four of them in a case where both runners are asked.
 */
const SH_STAND_IN = (bin: string, exitCode: number) => `#!/bin/sh
# A JSON string of $1 (backslashes, quotes and newlines escaped).
j() {
  case $1 in *[\\\\\\"]*|*'
'*) printf '"'; printf '%s' "$1" | sed -e 's/\\\\/\\\\\\\\/g' -e 's/"/\\\\"/g' | awk 'NR > 1 { printf "\\\\n" } { printf "%s", $0 }'; printf '"' ;;
  *) printf '"%s"' "$1" ;;
  esac
}
args=''; sep=''; prev=''; config=''
for arg in "$@"; do args="$args$sep$(j "$arg")"; sep=','; [ "$prev" = --config ] && [ -z "$config" ] && config=$arg; prev=$arg; done
line="{\\"bin\\":\\"${bin}\\",\\"args\\":[$args]"
[ -n "\${CI+set}" ] && line="$line,\\"ci\\":$(j "$CI")"
[ -n "$config" ] && [ -e "$config" ] && line="$line,\\"config\\":$(j "$(cat "$config")")"
env=''; sep=''
for name in NODE_OPTIONS TZ LANG; do eval "value=\\\${$name:-}"; [ -n "$value" ] && env="$env$sep\\"$name\\":$(j "$value")" && sep=','; done
[ -n "$env" ] && line="$line,\\"env\\":{$env}"
[ -n "\${RECORD_PATH:-}" ] && line="$line,\\"pathHead\\":$(j "\${PATH%%:*}")"
printf '%s}\\n' "$line" >> ran.jsonl
cwd=$(pwd -P); files=''; sep=''; IFS=','
for file in $(printenv "LISTED_${bin}"); do [ -n "$file" ] && files="$files$sep$(j "$cwd/$file")" && sep=','; done
unset IFS
if [ "$1" = list ]; then
  for arg in "$@"; do case $arg in --json=*) out=\${arg#--json=};; esac; done
  printf '%s' "[$files]" | sed -e 's/"\\([^"]*\\)"/{"file":"\\1"}/g' > "$out"; exit 0
fi
for arg in "$@"; do [ "$arg" = --listTests ] && { printf '[%s]\\n' "$files"; exit 0; }; done
for arg in "$@"; do case $arg in --outputFile*) printf '%s' '{"numTotalTests":1,"numPassedTests":1,"testResults":[{"name":"${bin}-file","status":"passed","assertionResults":[{"title":"t","ancestorTitles":[],"status":"passed"}]}]}' > "\${arg#*=}";; esac; done
exit ${exitCode}
`;

interface Ran { bin: string; args: string[]; ci: string; config?: string; env?: Record<string, string>; pathHead?: string }

/** Runs the script in a project with these scripts, files and stand-in runners; returns what ran. */
function runTests(scripts: Record<string, string>, args: string[], options: { exitCode?: number; files?: Record<string, string>; bins?: string[]; env?: Record<string, string>; linkedModules?: string } = {}) {
  const dir = makeTempDir();
  dirs.push(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts }));
  for (const [path, text] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  // linkedModules: node_modules is a link to that folder (a verify worktree's), else a folder.
  if (options.linkedModules) symlinkSync(options.linkedModules, join(dir, 'node_modules'), 'dir');
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  for (const bin of options.bins ?? ['jest', 'react-scripts', 'craco', 'vitest']) {
    const file = join(dir, 'node_modules/.bin', bin);
    writeFileSync(file, (bin === 'jest' ? STAND_IN : SH_STAND_IN)(bin, options.exitCode ?? 0));
    chmodSync(file, 0o755);
  }
  const { NODE_OPTIONS: _nodeOptions, TZ: _tz, LANG: _lang, ...outer } = process.env;
  const child = spawnSync(process.execPath, [SCRIPT, ...args.map((arg) => arg.replace('REPORT', join(dir, 'report.json')))], { cwd: dir, encoding: 'utf8', env: { ...outer, ...options.env } });
  const { status, stderr } = child;
  const left = existsSync(join(dir, 'vitest.codemigrate-allow.config.mts'));
  const ran = existsSync(join(dir, 'ran.jsonl')) ? readFileSync(join(dir, 'ran.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Ran) : [];
  const report = existsSync(join(dir, 'report.json')) ? (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { numPassedTests: number; testResults: { name: string }[] }) : undefined;
  const own = (text: string) => text.replace(realpathSync(dir), '<dir>').replace(dir, '<dir>');
  const clean = (records: Ran[]) => records.map((r) => ({ ...r, args: r.args.map((a) => own(a).replace(/=\/\S*run-tests-[\w-]+\//, '=<tmp>/')), ...(r.pathHead !== undefined && { pathHead: own(r.pathHead) }) }));
  // What ran in a subfolder (a workspace package's run), as `ran` is for the project's root.
  const ranIn = (sub: string) => (existsSync(join(dir, sub, 'ran.jsonl')) ? clean(readFileSync(join(dir, sub, 'ran.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Ran)) : []);
  return { ran: clean(ran), ranIn, status, stderr, report, left };
}

describe('run-tests.mjs --baseline', () => {
  it('follows the test script through package-manager runs to jest and keeps its --config', () => {
    const { ran, status } = runTests({ test: 'yarn test:tsc', 'test:tsc': 'jest --config ./ts-jest.config.json --coverage --watch' }, ['--baseline', 'REPORT']);
    expect(ran).toEqual([{ bin: 'jest', args: ['--config', './ts-jest.config.json', '--ci', '--json', '--forceExit', '--outputFile=<dir>/report.json'], ci: 'true' }]);
    expect(status).toBe(0);
  });

  it('runs react-scripts test with watch mode off, and gives back the runner exit code', () => {
    const { ran, status } = runTests({ test: 'npm run lint && react-scripts test --env=jsdom', lint: 'eslint .' }, ['--baseline', 'REPORT'], { exitCode: 1 });
    expect(ran).toEqual([{ bin: 'react-scripts', args: ['test', '--watchAll=false', '--env=jsdom', '--ci', '--json', '--forceExit', '--outputFile=<dir>/report.json'], ci: 'true' }]);
    expect(status).toBe(1);
  });

  it("gives Jest the environment and node flags its script's command sets (a native-ESM suite needs --experimental-vm-modules)", () => {
    const crossEnv = runTests({ test: 'npx cross-env NODE_OPTIONS=--experimental-vm-modules jest --coverage' }, ['--baseline', 'REPORT']).ran;
    expect(crossEnv).toEqual([{ bin: 'jest', args: ['--ci', '--json', '--forceExit', '--outputFile=<dir>/report.json'], ci: 'true', env: { NODE_OPTIONS: '--experimental-vm-modules' } }]);
    const quoted = runTests({ test: 'TZ=UTC cross-env NODE_OPTIONS="$NODE_OPTIONS --experimental-vm-modules" jest' }, ['--baseline', 'REPORT'], { env: { NODE_OPTIONS: '--no-warnings' } }).ran;
    expect(quoted[0]!.env).toEqual({ TZ: 'UTC', NODE_OPTIONS: '--no-warnings --experimental-vm-modules' });
    const byPath = runTests({ test: 'eslint . && node --experimental-vm-modules node_modules/jest/bin/jest.js --runInBand' }, ['--baseline', 'REPORT']).ran;
    expect(byPath).toEqual([{ bin: 'jest', args: ['--ci', '--json', '--forceExit', '--outputFile=<dir>/report.json'], ci: 'true', env: { NODE_OPTIONS: '--experimental-vm-modules' } }]);
  });

  it("puts the project's node_modules/.bin first on PATH, as `npm test` does (tests that spawn its tools)", () => {
    const { ran } = runTests({ test: 'jest' }, ['--baseline', 'REPORT'], { env: { RECORD_PATH: '1' } });
    expect(ran.map((r) => r.pathHead)).toEqual(['<dir>/node_modules/.bin']);
  });

  it("follows `npm run x` to x's runner with the variables both commands set, and takes `npm run jest` for the script named jest", () => {
    const scripts = { test: 'npm run lint && TZ=America/New_York npm run jest', jest: 'cross-env LANG=en_US.utf8 jest --config j.json --coverage', lint: 'FOO=1 eslint .' };
    const { ran } = runTests(scripts, ['--baseline', 'REPORT']);
    expect(ran).toEqual([{ bin: 'jest', args: ['--config', 'j.json', '--ci', '--json', '--forceExit', '--outputFile=<dir>/report.json'], ci: 'true', env: { TZ: 'America/New_York', LANG: 'en_US.utf8' } }]);
  });

  it("runs the tests in the time zone and locale of the CI step that starts them (luxon's workflow), the script's own winning", () => {
    const workflow = [
      'env:',
      '  LANG: en_US.utf8',
      'jobs:',
      '  lint:',
      '    env: { TZ: Europe/Paris }',
      '    steps: [{ run: npm run lint }]',
      '  build-and-test:',
      '    env:',
      '      TZ: America/New_York',
      '      LIMIT_JEST: yes',
      '      LC_ALL: ${{ matrix.locale }}',
      '    steps:',
      '      - uses: actions/checkout@v3',
      '      - run: npm ci',
      '      - run: npm run test',
      '',
    ].join('\n');
    const files = { '.github/workflows/test.yml': workflow, '.github/workflows/broken.yml': 'jobs: [' };
    const { ran } = runTests({ test: 'jest --coverage' }, ['--baseline', 'REPORT'], { files });
    expect(ran.map((r) => r.env)).toEqual([{ TZ: 'America/New_York', LANG: 'en_US.utf8' }]);
    const own = runTests({ test: 'TZ=UTC jest' }, ['--baseline', 'REPORT'], { files });
    expect(own.ran.map((r) => r.env)).toEqual([{ TZ: 'UTC', LANG: 'en_US.utf8' }]);
    const both = runTests({ test: 'jest' }, ['REPORT', 'src/a.test.js', 'src/b.test.js'], { files: { ...files, 'src/a.test.js': "import { it } from 'vitest';\n", 'src/b.test.js': "it('b', () => {});\n" } });
    expect(both.ran.map((r) => [r.bin, r.args[0], r.env?.TZ])).toEqual([['vitest', 'run', 'America/New_York'], ['jest', '--ci', 'America/New_York'], ['vitest', 'list', 'America/New_York'], ['jest', '--listTests', 'America/New_York']]);
    const after = runTests({ test: 'vitest run' }, ['REPORT'], { files, bins: ['vitest'] });
    expect(after.ran.map((r) => [r.bin, r.env?.TZ])).toEqual([['vitest', 'America/New_York']]);
  });

  it('takes the runner of a test:* script when `test` reaches none (Vue CLI: test:unit; unit and CI suites before e2e), `test` first when it does', () => {
    const vueCli = runTests({ 'test:e2e': 'jest --config e2e.config.js', 'test:unit': 'jest --config unit.config.js', lint: 'jest --config lint.js' }, ['--baseline', 'REPORT']).ran;
    expect(vueCli.map((r) => r.args.slice(0, 2))).toEqual([['--config', 'unit.config.js']]);
    const both = runTests({ test: 'jest --config main.js', 'test:unit': 'jest --config unit.config.js' }, ['--baseline', 'REPORT']).ran;
    expect(both.map((r) => r.args.slice(0, 2))).toEqual([['--config', 'main.js']]);
  });

  it("follows the Makefile's test target when no script reaches a runner (Hexlet's gendiff: `make test` in CI, npm init's stub as the test script), and `make x` in a script", () => {
    const makefile = ['install:', '\t\tnpm ci', '', '.PHONY: test', 'test: install', '\t@echo testing', '\t\tNODE_OPTIONS=--experimental-vm-modules npx jest --coverage', 'coverage:', '\tNODE_OPTIONS=--experimental-vm-modules npx jest --config c.json', ''].join('\n');
    const expected = [{ bin: 'jest', args: ['--ci', '--json', '--forceExit', '--outputFile=<dir>/report.json'], ci: 'true', env: { NODE_OPTIONS: '--experimental-vm-modules' } }];
    const stub = runTests({ test: 'echo "Error: no test specified" && exit 1' }, ['--baseline', 'REPORT'], { files: { Makefile: makefile } }).ran;
    expect(stub).toEqual(expected);
    const called = runTests({ test: 'TZ=UTC make -s coverage' }, ['--baseline', 'REPORT'], { files: { Makefile: makefile } }).ran;
    expect(called).toEqual([{ ...expected[0], args: ['--config', 'c.json', ...expected[0]!.args], env: { TZ: 'UTC', NODE_OPTIONS: '--experimental-vm-modules' } }]);
  });

  it('runs plain jest when no script names a runner', () => {
    expect(runTests({ test: 'node test.js' }, ['--baseline', 'REPORT']).ran[0]!.args).toEqual(['--ci', '--json', '--forceExit', '--outputFile=<dir>/report.json']);
  });
});

describe('run-tests.mjs while both runners are installed', () => {
  const files = {
    'src/a/a.test.js': "import { it } from 'vitest';\nit('a', () => {});\n",
    'src/b/b.test.js': "it('b', () => {});\n",
    'src/b/__mocks__/m.js': 'module.exports = {};\n',
  };

  it('gives each runner its own files among those named, and merges the two reports', () => {
    const { ran, report, status } = runTests({ test: 'jest --config jest.config.cjs && vitest run' }, ['REPORT', 'src/a/a.test.js', 'src/b/b.test.js', 'src/b/__mocks__/m.js'], { files });
    expect(ran).toEqual([
      // The mock is no test: Jest is asked which of its tests load it (none here: LISTED_jest is unset).
      { bin: 'jest', args: ['--config', 'jest.config.cjs', '--listTests', '--json', '--findRelatedTests', 'src/b/__mocks__/m.js'], ci: 'true' },
      { bin: 'vitest', args: ['run', '--passWithNoTests', '--reporter=default', '--reporter=json', '--outputFile.json=<tmp>/vitest.json', 'src/a/a.test.js'], ci: 'true' },
      { bin: 'jest', args: ['--config', 'jest.config.cjs', '--ci', '--json', '--forceExit', '--outputFile=<tmp>/jest.json', '--passWithNoTests', '--runTestsByPath', 'src/b/b.test.js'], ci: 'true' },
      // Then the configs are asked which files they give each runner.
      { bin: 'vitest', args: ['list', '--filesOnly', '--json=<tmp>/vitest-list.json'], ci: 'true' },
      { bin: 'jest', args: ['--config', 'jest.config.cjs', '--listTests', '--json'], ci: 'true' },
    ]);
    expect(report).toMatchObject({ numPassedTests: 2, testResults: [{ name: 'vitest-file' }, { name: 'jest-file' }] });
    expect(status).toBe(0);
  });

  it('runs the Jest tests that load a module among the files that is not a test, as Jest finds them', () => {
    const helper = { ...files, 'test/helper.js': "import { vi } from 'vitest';\nexport const spy = vi.fn();\n" };
    const { ran, status } = runTests({ test: 'jest' }, ['REPORT', 'test/helper.js'], { files: helper, env: { LISTED_jest: 'src/b/b.test.js' } });
    expect(ran.map((r) => [r.bin, r.args.join(' ')])).toEqual([
      ['jest', '--listTests --json --findRelatedTests test/helper.js'],
      ['vitest', 'run --passWithNoTests --reporter=default --reporter=json --outputFile.json=<tmp>/vitest.json test/helper.js'],
      ['jest', '--ci --json --forceExit --outputFile=<tmp>/jest.json --passWithNoTests --runTestsByPath src/b/b.test.js'],
      ['vitest', 'list --filesOnly --json=<tmp>/vitest-list.json'],
      ['jest', '--listTests --json'],
    ]);
    expect(status).toBe(0);
    // Without Jest there is nobody to ask, and nothing more to run.
    expect(runTests({ test: 'vitest run' }, ['REPORT', 'test/helper.js'], { files: helper, bins: ['vitest'] }).ran.map((r) => r.bin)).toEqual(['vitest']);
  });

  it("gives both runners the environment of the script's command, and Vitest its own once Jest is gone", () => {
    const both = runTests({ test: 'cross-env NODE_OPTIONS=--experimental-vm-modules jest && cross-env NODE_OPTIONS=--experimental-vm-modules vitest run' }, ['REPORT', 'src/a/a.test.js', 'src/b/b.test.js'], { files });
    expect(both.ran.map((r) => [r.bin, r.env])).toEqual([['vitest', { NODE_OPTIONS: '--experimental-vm-modules' }], ['jest', { NODE_OPTIONS: '--experimental-vm-modules' }], ['vitest', { NODE_OPTIONS: '--experimental-vm-modules' }], ['jest', { NODE_OPTIONS: '--experimental-vm-modules' }]]);
    const finished = runTests({ test: 'TZ=America/New_York vitest run' }, ['REPORT', 'src/a/a.test.js'], { files, bins: ['vitest'] });
    expect(finished.ran.map((r) => [r.bin, r.env])).toEqual([['vitest', { TZ: 'America/New_York' }]]);
  });

  it('runs Jest for its files when Vitest failed, and gives back the failure', () => {
    const { ran, report, status } = runTests({ test: 'jest' }, ['REPORT', 'src/a/a.test.js', 'src/b/b.test.js'], { files, exitCode: 1 });
    expect(ran.map((r) => [r.bin, r.args[0] ?? ''])).toEqual([['vitest', 'run'], ['jest', '--ci'], ['vitest', 'list'], ['jest', '--listTests']]);
    expect(report).toMatchObject({ testResults: [{ name: 'vitest-file' }, { name: 'jest-file' }] });
    expect(status).toBe(1);
  });

  it('starts neither runner for files that are not its own, and runs both whole suites when no file is named', () => {
    expect(runTests({ test: 'jest' }, ['REPORT', 'src/a/a.test.js'], { files }).ran.map((r) => r.bin)).toEqual(['vitest']);
    expect(runTests({ test: 'jest' }, ['REPORT'], { files }).ran.map((r) => [r.bin, r.args[0] ?? ''])).toEqual([['vitest', 'run'], ['jest', '--ci'], ['vitest', 'list'], ['jest', '--listTests']]);
  });

  it("fails when the project's configs give a file to the wrong runner, which explicit file lists would not show", () => {
    const wrong = runTests({ test: 'jest' }, ['REPORT', 'src/a/a.test.js', 'src/b/b.test.js'], { files, env: { LISTED_vitest: 'src/a/a.test.js,src/b/b.test.js', LISTED_jest: 'src/b/b.test.js' } });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain("the project's configs give 1 test file(s) to the wrong runner (its own `npm test` runs them there): src/b/b.test.js");
    const right = runTests({ test: 'jest' }, ['REPORT', 'src/a/a.test.js', 'src/b/b.test.js'], { files, env: { LISTED_vitest: 'src/a/a.test.js', LISTED_jest: 'src/b/b.test.js' } });
    expect(right.status).toBe(0);
  });

  it("leaves alone a Jest the project does not name (react-scripts' own, after finish), but not one it depends on", () => {
    const cra = runTests({ test: 'vitest', build: 'react-scripts build' }, ['REPORT'], { files });
    expect(cra.ran.map((r) => r.bin)).toEqual(['vitest']);
    const declared = runTests({ test: 'node run.js' }, ['REPORT'], { files: { ...files, 'jest.config.js': 'module.exports = {};\n' } });
    expect(declared.ran.map((r) => r.bin)).toEqual(['vitest', 'jest', 'vitest', 'jest']);
  });

  it('gives Vitest the test files that import nothing once the project names no Jest (after finish: its globals), helpers not', () => {
    const finished = runTests({ test: 'vitest run' }, ['REPORT', 'src/a/a.test.js', 'src/b/b.test.js', 'src/b/__mocks__/m.js'], { files, bins: ['vitest'] });
    expect(finished.ran.map((r) => [r.bin, r.args.slice(-2)])).toEqual([['vitest', ['src/a/a.test.js', 'src/b/b.test.js']]]);
    expect(finished.stderr).not.toContain('not run');
    expect(finished.status).toBe(0);
    const declared = runTests({ test: 'vitest run' }, ['REPORT', 'src/b/b.test.js'], { files: { ...files, 'jest.config.js': 'module.exports = {};\n' }, bins: ['vitest'] });
    expect(declared.ran.map((r) => r.bin)).toEqual([]);
  });

  it('names the Jest files it cannot run when the project names a Jest that is not installed, and fails when Vitest is missing for its files', () => {
    const noJest = runTests({ test: 'jest' }, ['REPORT', 'src/a/a.test.js', 'src/b/b.test.js'], { files, bins: ['vitest'] });
    expect(noJest.ran.map((r) => r.bin)).toEqual(['vitest']);
    expect(noJest.stderr).toContain("1 test file(s) import nothing from 'vitest' and Jest is not installed: not run (src/b/b.test.js)");
    const noVitest = runTests({ test: 'jest' }, ['REPORT', 'src/a/a.test.js'], { files, bins: ['jest'] });
    expect(noVitest.status).toBe(1);
    expect(noVitest.stderr).toContain('Vitest is not installed: 1 file(s) not run');
  });
});

describe('run-tests.mjs in a workspace whose packages run their own tests (the root runs none itself)', () => {
  const files = {
    'package.json': JSON.stringify({ workspaces: ['packages/*', '!packages/skipped'], scripts: { test: 'turbo run test' } }),
    'packages/api/package.json': JSON.stringify({ scripts: { test: 'jest --detectOpenHandles && vitest run' }, devDependencies: { jest: '^30.0.0' } }),
    'packages/api/src/a.test.ts': "import { it } from 'vitest';\nit('a', () => {});\n",
    'packages/logger/package.json': JSON.stringify({ scripts: { test: 'jest --config jest.config.json' } }),
    'packages/logger/src/b.test.ts': "it('b', () => {});\n",
    'packages/ui/package.json': JSON.stringify({ scripts: { build: 'tsc' } }),
    'packages/skipped/package.json': JSON.stringify({ scripts: { test: 'jest' } }),
  };

  it("runs each package's Jest in its folder with the workspace's hoisted runner for the baseline, and sums their reports", () => {
    const { ran, ranIn, report, status } = runTests({}, ['--baseline', 'REPORT'], { files, bins: ['jest', 'vitest'] });
    expect(status).toBe(0);
    expect(ran).toEqual([]);
    expect(ranIn('packages/api')).toEqual([{ bin: 'jest', args: ['--ci', '--json', '--forceExit', '--outputFile=<tmp>/0.json'], ci: 'true' }]);
    expect(ranIn('packages/logger')).toEqual([{ bin: 'jest', args: ['--config', 'jest.config.json', '--ci', '--json', '--forceExit', '--outputFile=<tmp>/1.json'], ci: 'true' }]);
    expect(ranIn('packages/ui')).toEqual([]);
    expect(ranIn('packages/skipped')).toEqual([]);
    expect(report?.numPassedTests).toBe(2);
  });

  it('gives each package the named files in its folder, relative to it, and runs no other package', () => {
    const { ranIn, report, status } = runTests({}, ['REPORT', 'packages/api/src/a.test.ts'], { files, bins: ['jest', 'vitest'] });
    expect(status).toBe(0);
    expect(ranIn('packages/api').filter((r) => r.args[0] === 'run').map((r) => r.args.at(-1))).toEqual(['src/a.test.ts']);
    expect(ranIn('packages/logger')).toEqual([]);
    expect(report?.numPassedTests).toBe(1);
  });
});

describe('run-tests.mjs in a worktree whose node_modules is linked from elsewhere', () => {
  const files = { 'src/a.test.ts': "import { it } from 'vitest';\nit('a', () => {});\n" };

  it("runs Vitest with the project's config plus the linked folder allowed to Vite, and removes that config after", () => {
    const modules = makeTempDir();
    dirs.push(modules);
    const { ran, status, left } = runTests({ test: 'jest' }, ['REPORT', 'src/a.test.ts'], { files: { ...files, 'vitest.config.mts': 'export default {};\n', 'vite.config.ts': 'export default {};\n' }, linkedModules: modules });
    expect(status).toBe(0);
    expect(ran.map((r) => r.args.slice(0, 3))).toEqual([['run', '--config', 'vitest.codemigrate-allow.config.mts']]);
    const config = ran[0]!.config!;
    // Vitest's own choice among the project's configs: vitest.config.* before vite.config.*.
    expect(config).toContain("import * as own from './vitest.config.mts';");
    expect(config).toContain(`mergeConfig(typeof config === 'function' ? await config(env) : await config, { server: { fs: { allow: [${JSON.stringify(realpathSync(modules))}] } } })`);
    expect(left).toBe(false);
  });

  it('allows the folder alone when the project has no config, and leaves a project with its own node_modules as it was', () => {
    const modules = makeTempDir();
    dirs.push(modules);
    const bare = runTests({ test: 'jest' }, ['REPORT', 'src/a.test.ts'], { files, linkedModules: modules });
    expect(bare.ran[0]!.config).toContain(`export default { server: { fs: { allow: [${JSON.stringify(realpathSync(modules))}] } } };`);
    const own = runTests({ test: 'jest' }, ['REPORT', 'src/a.test.ts'], { files });
    expect(own.ran[0]!.args).not.toContain('--config');
  });
});

describe('run-tests.mjs with the real runners', () => {
  // This repository's Jest 29 and Vitest 4; one test file, so Jest runs it in band, in its own process.
  const modules = realpathSync(join(dirname(fileURLToPath(import.meta.url)), '../../node_modules'));
  const fixture = join(dirname(fileURLToPath(import.meta.url)), 'compat-fixtures/runner-argv');

  function runReal(file: string, args: string[]) {
    const dir = makeTempDir();
    dirs.push(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { test: 'jest' } }));
    writeFileSync(join(dir, file), readFileSync(join(fixture, file)));
    symlinkSync(modules, join(dir, 'node_modules'), 'dir');
    const { NODE_OPTIONS: _nodeOptions, ...outer } = process.env;
    const child = spawnSync(process.execPath, [SCRIPT, ...args.map((arg) => arg.replace('REPORT', join(dir, 'report.json')))], { cwd: dir, encoding: 'utf8', env: { ...outer, NO_COLOR: '1' } });
    const report = existsSync(join(dir, 'report.json')) ? (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { numPassedTests: number; numTotalTests: number }) : undefined;
    return { status: child.status, report, output: `${child.stdout}${child.stderr}` };
  }

  it("keeps Jest's flags out of the test process's argv in band (a test that parses the command line exited on --ci)", () => {
    const { status, report, output } = runReal('argv.test.js', ['--baseline', 'REPORT']);
    expect(report, output).toMatchObject({ numTotalTests: 1, numPassedTests: 1 });
    expect(status).toBe(0);
  });

  it("gives Vitest's tests no flag of ours either", () => {
    const { status, report, output } = runReal('argv.vitest.test.js', ['REPORT', 'argv.vitest.test.js']);
    expect(report, output).toMatchObject({ numTotalTests: 1, numPassedTests: 1 });
    expect(status).toBe(0);
  });
});
