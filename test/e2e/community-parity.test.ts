// Public community jscodeshift transforms, vendored unmodified in test/fixtures/community-parity
// (README there: sources, commits, licences), each run once over its fixture files through the
// jscodeshift CLI the transform would be run with and once through `codemigrate run` with a
// one-step recipe: every file must end with the same bytes and the same outcome both ways.
// The set covers the flow, babel, ts and tsx parsers, and react-codemod, which carries its own
// jscodeshift (0.11, not codemigrate's 17): its CLI and codemigrate must both run that one.

import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const PARITY = join(PROJECT_ROOT, 'test/fixtures/community-parity');
const OWN_CLI = join(PROJECT_ROOT, 'node_modules/jscodeshift/bin/jscodeshift.js');
/** react-codemod's jscodeshift: the npm alias package.json installs it under (README). */
const CARRIED = join(PROJECT_ROOT, 'node_modules/jscodeshift-0.11');

const OUTCOMES = ['modified', 'unchanged', 'skipped', 'error'] as const;
type Outcome = (typeof OUTCOMES)[number];

interface Group {
  readonly name: string;
  /** Folder under test/fixtures/community-parity holding the vendored package. */
  readonly source: string;
  /** The transform, relative to the source. */
  readonly transform: string;
  /** Given to the CLI as --parser and to the recipe as "parser"; absent: neither says one. */
  readonly parser?: 'babel' | 'flow' | 'ts' | 'tsx';
  /** The parser that actually runs: a transform's own `parser` export wins over both. */
  readonly parses: 'babel' | 'flow' | 'ts' | 'tsx';
  /** Given to the CLI as --key=<JSON> and to the recipe as "options" (the upstream test's options). */
  readonly options?: Record<string, unknown>;
  /** The fixture files: source-relative paths matching this. */
  readonly files: RegExp;
  /** Whether the source carries its own jscodeshift (node_modules/jscodeshift, made by beforeAll). */
  readonly carried: boolean;
}

const GROUPS: readonly Group[] = [
  { name: 'react-codemod create-element-to-jsx', source: 'react-codemod', transform: 'transforms/create-element-to-jsx.js', parser: 'flow', parses: 'flow', files: /^transforms\/__testfixtures__\/.*\.input\.js$/, carried: true },
  { name: 'js-codemod arrow-function', source: 'js-codemod', transform: 'transforms/arrow-function.js', parser: 'babel', parses: 'babel', options: { 'inline-single-expressions': true, printOptions: { trailingComma: true } }, files: /^transforms\/__testfixtures__\/.*\.input\.js$/, carried: false },
  { name: 'js-codemod flow-bool-to-boolean', source: 'js-codemod', transform: 'transforms/flow-bool-to-boolean.js', parser: 'flow', parses: 'flow', files: /^transforms\/__testfixtures__\/.*\.input\.js$/, carried: false },
  { name: 'TanStack query-codemods v4 key-transformation', source: 'query-codemods', transform: 'src/v4/key-transformation.cjs', parser: 'tsx', parses: 'tsx', files: /__testfixtures__\/.*\.input\.tsx$/, carried: false },
  { name: 'apollo-client ac2-to-ac3 imports', source: 'apollo-codemods', transform: 'ac2-to-ac3/imports.js', parser: 'ts', parses: 'ts', files: /\.ts$/, carried: false },
  // Its `export const parser = 'tsx'` picks the parser on both sides.
  { name: 'redux-toolkit rtk-codemods createSliceBuilder', source: 'rtk-codemods', transform: 'transforms/createSliceBuilder/index.ts', parses: 'tsx', files: /__testfixtures__\/.*\.input\.(js|ts)$/, carried: false },
];

interface FileRow {
  readonly file: string;
  readonly cli: Outcome;
  readonly codemigrate: Outcome;
  readonly identical: boolean;
}

interface GroupResult {
  readonly rows: readonly FileRow[];
  readonly cliCounts: Record<Outcome, number>;
  readonly codemigrateCounts: Record<Outcome, number>;
  readonly exitCode: number | null;
  readonly stderr: string;
  readonly jscodeshift: unknown;
}

const results = new Map<string, GroupResult>();
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  if (!existsSync(join(CARRIED, 'package.json'))) throw new Error(`${CARRIED} is missing: run npm ci (package.json's "jscodeshift-0.11" devDependency)`);
  linkCarriedJscodeshift(join(PARITY, 'react-codemod'));
  // Two groups at a time, each running its CLI and codemigrate side by side: 2 cores, more would only queue.
  const queue = [...GROUPS];
  const worker = async () => {
    for (let group = queue.shift(); group !== undefined; group = queue.shift()) results.set(group.name, await runGroup(group));
  };
  await Promise.all([worker(), worker()]);
  // A backstop, not a budget: twelve runs of real transforms over 101 files took more than the
  // suite's 120 s on a 2-core machine at load 15–18, with three test files at a time.
}, 600_000);

afterAll(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('community jscodeshift transforms: the CLI and codemigrate agree on every fixture file', () => {
  for (const group of GROUPS) {
    it(`${group.name} (${group.parses}${group.carried ? ', its own jscodeshift 0.11' : ''})`, () => {
      const result = results.get(group.name)!;
      expect(result.rows.length).toBeGreaterThan(0);
      expect(result.rows.filter((row) => !row.identical || row.cli !== row.codemigrate)).toEqual([]);
      expect(result.codemigrateCounts).toEqual(result.cliCounts);
      // A step with a file that threw fails (exit 1) and keeps the other files' edits on its branch.
      expect(result.exitCode, result.stderr).toBe(result.cliCounts.error > 0 ? 1 : 0);
      expect(result.cliCounts.modified, 'the transform changed no file: the comparison would prove nothing').toBeGreaterThan(0);
      expect(result.jscodeshift).toEqual(
        group.carried
          ? { version: '0.11.0', by: 'resolved', from: expect.stringMatching(/jscodeshift-0\.11$/) }
          : expect.objectContaining({ by: 'codemigrate' }),
      );
    });
  }

  it('covers the flow, babel, ts and tsx parsers and every outcome, also with the carried jscodeshift', () => {
    const rows = (filter: (group: Group) => boolean) => GROUPS.filter(filter).flatMap((group) => results.get(group.name)!.rows);
    expect(new Set(GROUPS.map((group) => group.parses))).toEqual(new Set(['flow', 'babel', 'ts', 'tsx']));
    for (const parser of ['flow', 'babel', 'ts', 'tsx']) expect(rows((group) => group.parses === parser).length, parser).toBeGreaterThanOrEqual(2);
    const seen = (filter: (group: Group) => boolean) =>
      new Set(GROUPS.filter(filter).flatMap((group) => OUTCOMES.filter((outcome) => results.get(group.name)!.cliCounts[outcome] > 0)));
    expect(seen(() => true)).toEqual(new Set(OUTCOMES));
    expect(seen((group) => group.carried)).toEqual(new Set(OUTCOMES));
  });
});

/**
 * `<source>/node_modules/jscodeshift` → the installed jscodeshift 0.11, as npm would lay out the
 * package's own dependency. Made here, not committed (node_modules is ignored by git), and left in
 * place: another run of this file in the same checkout may be using it.
 */
function linkCarriedJscodeshift(source: string): void {
  const link = join(source, 'node_modules', 'jscodeshift');
  const target = relative(dirname(link), CARRIED);
  mkdirSync(dirname(link), { recursive: true });
  try {
    if (lstatSync(link).isSymbolicLink() && readlinkSync(link) === target) return;
    rmSync(link, { recursive: true, force: true });
  } catch {
    // not there yet
  }
  try {
    symlinkSync(target, link, 'dir');
  } catch (error) {
    // Another run of this file in the same checkout made the same link first.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || readlinkSync(link) !== target) throw error;
  }
}

async function runGroup(group: Group): Promise<GroupResult> {
  const source = join(PARITY, group.source);
  const transform = join(source, group.transform);
  const files = listFiles(source).filter((path) => group.files.test(path) && path !== group.transform);

  // The CLI writes in place: a copy of the files, addressed as relative paths from its root, so
  // that the transform gets the same `file.path` as from codemigrate (repo-relative).
  const cliDir = makeTempDir('community-parity-cli-');
  cleanups.push(() => rmSync(cliDir, { recursive: true, force: true }));
  for (const path of files) cpSync(join(source, path), join(cliDir, path));
  const repo = makeTempRepo();
  cleanups.push(() => repo.cleanup());
  for (const path of files) cpSync(join(source, path), join(repo.dir, path));
  repo.commitAll('fixtures');

  const bin = group.carried ? join(source, 'node_modules/jscodeshift/bin/jscodeshift.js') : OWN_CLI;
  const flags = Object.entries(group.options ?? {}).map(([key, value]) => `--${key}=${JSON.stringify(value)}`);
  const cliArgs = [bin, '-t', transform, '--run-in-band', '--verbose=2', ...(group.parser ? [`--parser=${group.parser}`] : []), ...flags, ...files];
  const [cliStdout, ours] = await Promise.all([spawnText(cliArgs, cliDir), runCodemigrate(group, transform, repo)]);

  const cliStatus = parseCliStatuses(cliStdout, cliDir);
  const unreported = files.filter((file) => !cliStatus.has(file));
  if (unreported.length > 0) throw new Error(`${group.name}: the CLI printed no status for ${unreported.join(', ')}:\n${cliStdout}`);
  const rows = files.map((file): FileRow => {
    const base = readFileSync(join(source, file));
    const cliText = readFileSync(join(cliDir, file));
    const oursText = ours.branch === undefined ? base : gitBlob(repo, `${ours.branch}:${file}`);
    const codemigrate: Outcome = ours.threw.has(file) ? 'error' : oursText.equals(base) ? 'unchanged' : 'modified';
    // The CLI's "skipped" (falsy return) leaves the file as "unchanged" does; the counts tell them apart.
    const cli = cliStatus.get(file)!;
    return { file, cli: cli === 'skipped' ? 'unchanged' : cli, codemigrate, identical: cliText.equals(oursText) };
  });
  const cliCounts = countOutcomes([...cliStatus.values()]);
  return { rows, cliCounts, codemigrateCounts: ours.counts, exitCode: ours.exitCode, stderr: ours.stderr, jscodeshift: ours.jscodeshift };
}

async function runCodemigrate(group: Group, transform: string, repo: TempRepo) {
  const dir = makeTempDir('community-parity-recipe-');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const recipe = join(dir, 'recipe.json');
  const step = { codemod: transform, engine: 'jscodeshift', ...(group.parser && { parser: group.parser }), ...(group.options && { options: group.options }) };
  // One module for all files ('package' grouping with no workspaces): one step, one branch.
  writeFileSync(recipe, JSON.stringify({ id: 'parity', description: group.name, modules: { by: 'package', include: ['**/*'], maxFilesPerStep: 100 }, steps: [step] }));
  const run = await runCliHere(['run', recipe, '--repo', repo.dir, '--run-id', 'parity', '--json']);
  const events = run.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  const finished = events.filter((event) => event.type === 'step-finished');
  if (finished.length !== 1) throw new Error(`${group.name}: expected one step, got ${finished.length}:\n${run.stdout}\n${run.stderr}`);
  const event = finished[0] as { step: string; branch?: string; codemods: { modified: number; unchanged: number; skipped: number; errors: number; jscodeshift?: unknown }[] };
  const summary = event.codemods[0]!;
  // Which files threw: the step's leftovers, in review (asked only when some file threw).
  let reports: { file: string; message: string }[] = [];
  if (summary.errors > 0) {
    const review = await runCliHere(['review', 'parity', event.step, '--repo', repo.dir, '--json']);
    reports = (JSON.parse(review.stdout) as { reports: typeof reports }).reports;
  }
  return {
    branch: event.branch,
    threw: new Set(reports.filter((report) => / threw on this file/.test(report.message)).map((report) => report.file)),
    counts: { modified: summary.modified, unchanged: summary.unchanged, skipped: summary.skipped, error: summary.errors },
    jscodeshift: summary.jscodeshift,
    exitCode: run.code,
    stderr: run.stderr,
  };
}

/** The CLI's --verbose=2 lines: ` OKK <file>`, ` NOC`, ` SKIP`, ` ERR` (colours stripped). */
function parseCliStatuses(stdout: string, cliDir: string): Map<string, Outcome> {
  const names: Record<string, Outcome> = { OKK: 'modified', NOC: 'unchanged', SKIP: 'skipped', ERR: 'error' };
  const statuses = new Map<string, Outcome>();
  for (const line of stripAnsi(stdout).split('\n')) {
    const match = /^ (OKK|NOC|SKIP|ERR) (\S+)/.exec(line);
    if (match) statuses.set(relative(cliDir, join(cliDir, match[2]!)), names[match[1]!]!);
  }
  return statuses;
}

function countOutcomes(outcomes: readonly Outcome[]): Record<Outcome, number> {
  const counts = { modified: 0, unchanged: 0, skipped: 0, error: 0 };
  for (const outcome of outcomes) counts[outcome] += 1;
  return counts;
}

function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Source-relative paths of the files under a folder, skipping node_modules. */
function listFiles(root: string, dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .flatMap((entry) => {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(root, path);
      return entry.isFile() ? [path] : [];
    })
    .sort();
}

/** A blob's exact bytes (the repo helper trims its output). */
function gitBlob(repo: TempRepo, spec: string): Buffer {
  return execFileSync('git', ['cat-file', 'blob', spec], { cwd: repo.dir });
}

/** Runs node with the args in cwd; its stdout whatever the exit code (a file that throws makes the CLI exit 0 or 1 by version). */
function spawnText(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', () => resolve(stdout));
  });
}
