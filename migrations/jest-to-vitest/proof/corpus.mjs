#!/usr/bin/env node
// The jest-to-vitest corpus (issue 11): for each public project in corpus.json, at its pinned
// commit, measure Jest before, run codemigrate (no model), land, install the landed result from
// its own lockfile, measure Vitest and `tsc` after, and print one table row per project.
// Nothing of those projects is committed here: each is cloned into WORK from a local snapshot
// (`fetch`'s /work/.mirror/<owner>+<name>/repo, or MIRROR) or, failing that, from GitHub.
//
//   node corpus.mjs [--only a,b] [--phases before,migrate,after] [--work DIR] [--table]
//
// Per project, in WORK/<name>/:
//   before/  the commit, installed as the project installs (migrations/shared/install-deps.mjs),
//            Jest with --json, `tsc --noEmit` (when there is a tsconfig.json and TypeScript)
//   repo/    the commit on branch `corpus`, before/'s node_modules linked (the user's checkout has
//            its dependencies: the baseline runs there); `codemigrate run` then `land`
//   after/   codemigrate/corpus/result checked out, installed frozen from the landed lockfile
//            (install-deps.mjs --frozen, as land's own check), Vitest with --reporter=json, `tsc`
//   figures.json  what the table shows, and the lost tests and new diagnostics by name
// Plain JavaScript with no dependencies: it runs with the repository's node only.
import { existsSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { clone, corpusArgs, readJson, runCorpus, sh, stepsOf } from '../../shared/proof-kit.mjs';

// `skip` in corpus.json: why a project stays in the list but is not run (said in the table).
const { root, codemigrate, installDeps, projects, phases, work, table: tableOnly } = corpusArgs(import.meta.url, '/tmp/corpus');
const recipe = join(root, 'recipes/jest-to-vitest.json');

/** Test id → times passed, and id → statuses, from a Jest or Vitest --json report. */
function testsOf(reportFile, dir) {
  const report = readJson(reportFile);
  if (!report?.testResults) return undefined;
  const passed = new Map();
  const all = new Map();
  for (const file of report.testResults) {
    const rel = relative(dir, file.name);
    for (const a of file.assertionResults ?? []) {
      // Vitest 0.34 starts ancestorTitles with its file suite's empty name (as the verify parser knows).
      const ancestors = a.ancestorTitles[0] === '' ? a.ancestorTitles.slice(1) : a.ancestorTitles;
      const id = [rel, ...ancestors, a.title].join(' > ');
      all.set(id, [...(all.get(id) ?? []), a.status]);
      if (a.status === 'passed') passed.set(id, (passed.get(id) ?? 0) + 1);
    }
  }
  // Vitest 0.34 marks a file that failed to load "passed", with no tests and the error as `message`.
  const failed = (f) => f.status === 'failed' || ((f.assertionResults ?? []).length === 0 && Boolean(f.message?.trim()));
  return { passed, all, failedFiles: report.testResults.filter(failed).map((f) => relative(dir, f.name)) };
}

/** `tsc` diagnostics in the project's own files, keyed without line numbers (edits move lines). */
function tscOf(dir, project, log) {
  const tsconfig = project.tsconfig ?? 'tsconfig.json';
  if (!existsSync(join(dir, tsconfig)) || !existsSync(join(dir, 'node_modules/typescript'))) return undefined;
  const run = sh(`npx --no-install tsc --noEmit --pretty false -p ${tsconfig}`, dir, log, 900);
  const all = run.output.split('\n').filter((line) => /error TS\d+/.test(line));
  const own = all.filter((line) => !line.startsWith('node_modules/') && !line.includes('/node_modules/'));
  return { total: all.length, own: own.map((line) => line.replace(/\(\d+,\d+\)/, '')) };
}

// Jest started through jest-launch.cjs, as run-tests.mjs starts it: in band (one worker on 2 cores)
// a test's process.argv is Jest's own, and commander's tests exited on its `--ci`.
const jestLaunch = join(root, 'migrations/jest-to-vitest/jest-launch.cjs');

function jestCommand(project, out) {
  const command = (project.jest ?? 'npx --no-install jest --ci').replace(/\bnpx --no-install jest\b/, `node ${jestLaunch} node_modules/.bin/jest`);
  return `${command} --json --forceExit --outputFile=${out}`;
}

function vitestCommand(project, out) {
  return `${project.vitest ?? 'npx --no-install vitest run'} --reporter=json --outputFile=${out}`;
}

function before(project, dir) {
  const log = join(dir, 'before.log');
  const checkout = join(dir, 'before');
  clone(project, checkout, log);
  const install = sh(`node ${installDeps}`, checkout, log);
  const figures = { install: install.status };
  if (install.status !== 0) return { ...figures, error: `install failed (${log})` };
  const tests = sh(jestCommand(project, join(dir, 'jest.json')), checkout, log, 1800);
  figures.jestExit = tests.status;
  figures.tsc = tscOf(checkout, project, log);
  return figures;
}

function migrate(project, dir) {
  const log = join(dir, 'migrate.log');
  const repo = join(dir, 'repo');
  clone(project, repo, log);
  if (existsSync(join(dir, 'before/node_modules'))) symlinkSync(join(dir, 'before/node_modules'), join(repo, 'node_modules'));
  if (project.config) writeFileSync(join(repo, 'migration.config.json'), JSON.stringify(project.config, null, 2));
  const run = sh(`node ${codemigrate} run ${recipe} --repo . --run-id corpus --concurrency 2 --json > ${join(dir, 'run.jsonl')}`, repo, log, 5400);
  const steps = stepsOf(codemigrate, 'corpus', repo);
  const land = sh(`node ${codemigrate} land corpus --repo .`, repo, join(dir, 'land.log'), 3600);
  const verdict = /^verdict: (.*)$/m.exec(land.output)?.[1];
  return {
    runExit: run.status,
    runSeconds: Math.round(run.seconds),
    steps: steps.map((s) => ({ step: s.step, status: s.status, reason: s.status === 'succeeded' ? undefined : s.reason?.split('\n')[0].slice(0, 300) })),
    landExit: land.status,
    verdict: verdict ?? `none: ${land.output.split('\n').slice(1, 4).join(' ').slice(0, 300)}`,
  };
}

function after(project, dir) {
  const log = join(dir, 'after.log');
  const checkout = join(dir, 'after');
  rmSync(checkout, { recursive: true, force: true });
  const cloned = sh(`git clone -q ${join(dir, 'repo')} ${checkout} && git -C ${checkout} checkout -q codemigrate/corpus/result`, work, log);
  if (cloned.status !== 0) return { error: 'no result branch' };
  const install = sh(`node ${installDeps} --frozen`, checkout, log);
  if (install.status !== 0) return { install: install.status, error: `frozen install of the result failed (${log})` };
  if (project.packages) return { install: 0, vitestExit: packagesVitest(project, checkout, dir, log), tsc: tscOf(checkout, project, log) };
  const tests = sh(vitestCommand(project, join(dir, 'vitest.json')), checkout, log, 1800);
  return { install: 0, vitestExit: tests.status, tsc: tscOf(checkout, project, log) };
}

/**
 * A workspace whose packages each run their own tests (`packages` in corpus.json): Vitest in each
 * package's folder (its own config), the workspace's hoisted bin where the package has none, the
 * reports summed into vitest.json; the exit code the first failing one's.
 */
function packagesVitest(project, checkout, dir, log) {
  const merged = { numTotalTests: 0, numPassedTests: 0, testResults: [] };
  let exit = 0;
  project.packages.forEach((pkg, index) => {
    const own = join(checkout, pkg, 'node_modules/.bin/vitest');
    const bin = existsSync(own) ? own : join(checkout, 'node_modules/.bin/vitest');
    const out = join(dir, `vitest-${index}.json`);
    const run = sh(`${bin} run --reporter=json --outputFile=${out}`, join(checkout, pkg), log, 1800);
    exit ||= run.status;
    const report = readJson(out);
    merged.numTotalTests += report?.numTotalTests ?? 0;
    merged.numPassedTests += report?.numPassedTests ?? 0;
    merged.testResults.push(...(report?.testResults ?? []));
  });
  writeFileSync(join(dir, 'vitest.json'), JSON.stringify(merged));
  return exit;
}

/** Passed under Jest and not passing (as often) under Vitest; titles compared without quotes too. */
function compare(dir) {
  const jest = testsOf(join(dir, 'jest.json'), join(dir, 'before'));
  const vitest = testsOf(join(dir, 'vitest.json'), join(dir, 'after'));
  if (!jest) return { error: 'no Jest report' };
  const loose = (id) => id.replace(/['"`]/g, '');
  const vitestLoose = new Map();
  for (const [id, n] of vitest?.passed ?? []) vitestLoose.set(loose(id), (vitestLoose.get(loose(id)) ?? 0) + n);
  let jestPassed = 0;
  let kept = 0;
  const lost = [];
  for (const [id, n] of jest.passed) {
    jestPassed += n;
    const now = Math.min(n, vitest?.passed.get(id) ?? vitestLoose.get(loose(id)) ?? 0);
    kept += now;
    if (now < n) lost.push(`${id}: ${(vitest?.all.get(id) ?? ['missing']).join(', ')}`);
  }
  let jestTotal = 0;
  for (const statuses of jest.all.values()) jestTotal += statuses.length;
  let vitestTotal = 0;
  let vitestPassed = 0;
  for (const statuses of vitest?.all.values() ?? []) { vitestTotal += statuses.length; vitestPassed += statuses.filter((s) => s === 'passed').length; }
  return { jestPassed, jestTotal, vitestPassed, vitestTotal, kept, lost, vitestFailedFiles: vitest?.failedFiles ?? [] };
}

function newDiagnostics(figures) {
  const beforeOwn = figures.before?.tsc?.own;
  const afterOwn = figures.after?.tsc?.own;
  if (!beforeOwn || !afterOwn) return undefined;
  const left = new Map();
  for (const line of beforeOwn) left.set(line, (left.get(line) ?? 0) + 1);
  const added = [];
  for (const line of afterOwn) {
    if (left.get(line)) left.set(line, left.get(line) - 1);
    else added.push(line);
  }
  // As the verdict judges them (src/verify/verdict.ts): an old diagnostic gone in its exact form and
  // one in the same file, same code, same words but for the types it quotes is the same error
  // reprinted (its types changed: jest's Mock became vitest's), not a new one.
  const shape = (line) => line.replace(/'[^'\n]*'/g, "'…'");
  const reprintable = new Map();
  for (const [line, count] of left) if (count > 0) reprintable.set(shape(line), (reprintable.get(shape(line)) ?? 0) + count);
  const reprinted = [];
  const isNew = added.filter((line) => {
    const count = reprintable.get(shape(line)) ?? 0;
    if (count === 0) return true;
    reprintable.set(shape(line), count - 1);
    reprinted.push(line);
    return false;
  });
  return Object.assign(isNew, { reprinted });
}

function row(project, figures) {
  const c = figures.compare ?? {};
  const pct = c.jestPassed ? `${((100 * c.kept) / c.jestPassed).toFixed(1)} %` : '–';
  const steps = figures.migrate?.steps ?? [];
  const green = steps.filter((s) => s.status === 'succeeded' || s.status === 'unchanged').length;
  const added = newDiagnostics(figures);
  const reprints = added?.reprinted.length ? `; ${added.reprinted.length} reprinted` : '';
  const tsc = figures.before?.tsc ? `${figures.before.tsc.own.length} → ${figures.after?.tsc?.own.length ?? '–'} (${added ? `+${added.length}${reprints}` : '–'})` : 'no tsconfig';
  return `| ${project.name} (\`${project.repo}\` @ \`${project.commit.slice(0, 10)}\`)${figures.codemigrate ? ` at codemigrate \`${figures.codemigrate}\`` : ''} | ${project.kind} | ${c.jestPassed ?? '–'} of ${c.jestTotal ?? '–'} | ${c.kept ?? '–'} (${pct}) | ${tsc} | ${green} of ${steps.length} | ${figures.migrate ? `exit ${figures.migrate.landExit}: ${figures.migrate.verdict}` : '–'} |`;
}

function table() {
  const lines = [
    '| project @ commit | kind | Jest before: passed of tests | of those, passing under Vitest after land | `tsc` own-file diagnostics before → after (new) | steps green without a model | land |',
    '|---|---|---|---|---|---|---|',
  ];
  const total = { jest: 0, kept: 0, steps: 0, green: 0 };
  for (const project of projects) {
    if (project.skip) { lines.push(`| ${project.name} (\`${project.repo}\` @ \`${project.commit.slice(0, 10)}\`) | ${project.kind} | not run: ${project.skip} | | | | |`); continue; }
    const figures = readJson(join(work, project.name, 'figures.json'));
    if (!figures) { lines.push(`| ${project.name} | ${project.kind} | not run | | | | |`); continue; }
    lines.push(row(project, figures));
    total.jest += figures.compare?.jestPassed ?? 0;
    total.kept += figures.compare?.kept ?? 0;
    for (const s of figures.migrate?.steps ?? []) { total.steps++; if (s.status === 'succeeded' || s.status === 'unchanged') total.green++; }
  }
  lines.push(`| **all** | | ${total.jest} | ${total.kept} (${total.jest ? ((100 * total.kept) / total.jest).toFixed(1) : '–'} %) | | ${total.green} of ${total.steps} | |`);
  console.log(lines.join('\n'));
}

if (tableOnly) table();
else runCorpus({ root, work, projects, phases }, { before, migrate, after }, row, (dir, figures) => {
  figures.compare = compare(dir);
  figures.newDiagnostics = newDiagnostics(figures);
});
