#!/usr/bin/env node
// The react-19 proof (issue 14): for each public React 18 project in corpus.json, at its pinned
// commit, install as it installs and run its tests and `tsc` before; run codemigrate (no model) and
// land; install the landed result from its own lockfile and run its tests and `tsc` again; print
// one table row per project. Nothing of those projects is committed here: each is cloned from
// `fetch`'s snapshot (/work/.mirror, or MIRROR) or GitHub.
//
//   node corpus.mjs [--only a,b] [--phases before,migrate,after] [--work DIR] [--table]
//
// Per project, in WORK/<name>/:
//   before/  the commit, installed (migrations/shared/install-deps.mjs), its `test` command
//            (`project.test`, else `npm test`; CI=true turns watch modes off), the project's own
//            `tsc --noEmit -p .` (migrations/shared/tsc-check.mjs), the React installed
//   repo/    the commit on branch `corpus`, before/'s node_modules linked; `codemigrate run`, `land`
//   after/   codemigrate/proof/result checked out, installed frozen from the landed lockfile (as
//            land's own check installs it), the same tests and `tsc`, the React installed
//   figures.json  what the table shows, and the tests that passed before and not after, by name
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { clone, corpusArgs, installedBefore, countTests, printTable, readJson, runAndLand, runCorpus, sh } from '../../shared/proof-kit.mjs';

const { root, codemigrate, installDeps, projects, phases, work, table: tableOnly } = corpusArgs(import.meta.url, '/tmp/react-19-corpus');
const recipe = join(root, 'recipes/react-19.json');
const tscCheck = join(root, 'migrations/shared/tsc-check.mjs');

/** Passed and failed test titles from a Jest or Vitest `--verbose` listing: ✓ / ✕ (Jest), ✓ / × (Vitest). */
function titles(output, mark) {
  return [...output.replace(/\x1b\[[0-9;]*m/g, '').matchAll(new RegExp(`^\\s*${mark}\\s+(.*?)(?:\\s+\\(\\d+(?:\\.\\d+)?\\s*m?s\\))?\\s*$`, 'gm'))].map((m) => m[1]);
}

function measure(project, checkout, log) {
  const tests = sh(project.test ?? 'npm test -- --verbose', checkout, log, 1800);
  const tsc = existsSync(join(checkout, 'tsconfig.json')) ? sh(`node ${tscCheck}`, checkout, log, 900) : undefined;
  return {
    exit: tests.status,
    tests: countTests(tests.output),
    passedTitles: titles(tests.output, '[✓√]'),
    tsc: tsc === undefined ? null : (tsc.output.match(/error TS\d+/g) ?? []).length,
    react: readJson(join(checkout, 'node_modules/react/package.json'))?.version ?? null,
  };
}

function before(project, dir) {
  const { checkout, log, failed } = installedBefore(project, dir, installDeps);
  return failed ?? measure(project, checkout, log);
}

function migrate(project, dir) {
  const log = join(dir, 'migrate.log');
  const repo = join(dir, 'repo');
  clone(project, repo, log);
  if (existsSync(join(dir, 'before/node_modules'))) symlinkSync(join(dir, 'before/node_modules'), join(repo, 'node_modules'));
  const landed = runAndLand(codemigrate, recipe, 'proof', repo, dir, log);
  // Finish's reports (peers that stop below React 19, a library's own peer range) as land printed them.
  const landLog = existsSync(join(dir, 'proof-land.log')) ? readFileSync(join(dir, 'proof-land.log'), 'utf8') : '';
  return { ...landed, finishReports: landLog.split('\n').filter((line) => /React 19/.test(line)).map((line) => line.trim().slice(0, 300)) };
}

function after(project, dir) {
  const log = join(dir, 'after.log');
  const checkout = join(dir, 'after');
  const cloned = sh(`rm -rf ${checkout} && git clone -q ${join(dir, 'repo')} ${checkout} && git -C ${checkout} checkout -q codemigrate/proof/result`, undefined, log);
  if (cloned.status !== 0) return { error: 'no result branch' };
  const install = sh(`node ${installDeps} --frozen`, checkout, log);
  if (install.status !== 0) return { install: install.status, error: `the landed result does not install from its lockfile (${log})` };
  const measured = measure(project, checkout, log);
  const was = new Set(readJson(join(dir, 'figures.json'))?.before?.passedTitles ?? []);
  const now = new Set(measured.passedTitles);
  return { ...measured, lost: [...was].filter((title) => !now.has(title)) };
}

const tests = (run) => (run?.error ? run.error : run?.tests ? `${run.tests.passed} passed${run.tests.failed ? `, ${run.tests.failed} failed` : ''}` : `exit ${run?.exit ?? '–'}`);
const tsc = (run) => (run?.tsc === null ? 'no tsconfig' : (run?.tsc ?? '–'));

function row(project, figures) {
  const { before: b = {}, migrate: m = {}, after: a = {} } = figures;
  const steps = m.steps ?? [];
  const counts = ['succeeded', 'unchanged', 'failed', 'needs-model'].map((status) => [status, steps.filter((s) => s.status === status).length]).filter(([, n]) => n > 0);
  const lost = a.lost?.length ? ` (${a.lost.length} passing before are not: ${a.lost.slice(0, 3).join('; ')})` : '';
  return `| ${project.name} (\`${project.repo}\` @ \`${project.commit.slice(0, 7)}\`)${figures.codemigrate ? ` at codemigrate \`${figures.codemigrate}\`` : ''} | ${project.kind} | ${b.react ?? '–'} → ${a.react ?? '–'} | ${tests(b)} | ${tests(a)}${lost} | ${tsc(b)} → ${tsc(a)} | ${counts.map(([status, n]) => `${n} ${status}`).join(', ') || '–'} | ${m.setupStopped ? `setup stopped: ${m.setupStopped}` : `exit ${m.landExit ?? '–'}: ${m.verdict ?? m.error ?? '–'}`} |`;
}

if (tableOnly) printTable('| project @ commit | kind | React installed before → after | tests before | tests after land | `tsc` errors before → after | steps without a model | land |', projects, work, row);
else runCorpus({ root, work, projects, phases }, { before, migrate, after }, row);
