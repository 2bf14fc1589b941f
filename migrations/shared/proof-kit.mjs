// What the recipes' corpus drivers (migrations/*/proof/corpus.mjs) share: the environment a public
// project runs in here, a logged shell command, and a checkout of a pinned commit from `fetch`'s
// local snapshot (or GitHub). Plain JavaScript with no dependencies: the drivers run with the
// repository's node only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// No binaries from outside the npm registry (the machine reaches nothing else), no git hooks.
export const env = {
  ...process.env,
  CI: 'true',
  HUSKY: '0',
  CYPRESS_INSTALL_BINARY: '0',
  PUPPETEER_SKIP_DOWNLOAD: '1',
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  GIT_AUTHOR_NAME: 'corpus',
  GIT_AUTHOR_EMAIL: 'corpus@example.invalid',
  GIT_COMMITTER_NAME: 'corpus',
  GIT_COMMITTER_EMAIL: 'corpus@example.invalid',
};

/**
 * A driver's command line, `[--only a,b] [--phases before,migrate,after] [--work DIR] [--table]`,
 * and where things are: the driver's folder (`here`, holding corpus.json), the repository root,
 * the CLI and the install script. `projects` are corpus.json's, filtered by --only.
 */
export function corpusArgs(driverUrl, defaultWork) {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      phases: { type: 'string', default: 'before,migrate,after' },
      work: { type: 'string', default: process.env.WORK ?? defaultWork },
      table: { type: 'boolean', default: false },
    },
  });
  const here = dirname(fileURLToPath(driverUrl));
  const root = resolve(here, '../../..');
  const only = values.only?.split(',');
  return {
    here,
    root,
    codemigrate: process.env.CODEMIGRATE ?? join(root, 'bin/codemigrate.js'),
    installDeps: join(root, 'migrations/shared/install-deps.mjs'),
    projects: readJson(join(here, 'corpus.json')).projects.filter((p) => !only || only.includes(p.name)),
    phases: values.phases.split(','),
    work: resolve(values.work),
    table: values.table,
  };
}

/** Runs `command` in bash; its output (and exit, seconds) is appended to `logFile` when given. */
export function sh(command, cwd, logFile, timeoutSeconds = 1800) {
  const started = Date.now();
  const result = spawnSync('bash', ['-c', command], { cwd, env, encoding: 'utf8', timeout: timeoutSeconds * 1000, maxBuffer: 1 << 30 });
  const output = `$ ${command}\n${result.stdout ?? ''}${result.stderr ?? ''}\n[exit ${result.status ?? result.signal} in ${((Date.now() - started) / 1000).toFixed(0)} s]\n`;
  if (logFile) writeFileSync(logFile, output, { flag: 'a' });
  return { status: result.status ?? 1, stdout: result.stdout ?? '', output, seconds: (Date.now() - started) / 1000 };
}

function source(project) {
  const mirror = join(process.env.MIRROR ?? '/work/.mirror', project.repo.replace('/', '+'), 'repo');
  return existsSync(mirror) ? mirror : `https://github.com/${project.repo}.git`;
}

/**
 * A fresh clone of `project.repo` at `project.commit`, on a branch named `corpus`. `--no-checkout`:
 * a snapshot lacks files of 4 MiB and more, so checking out the default branch first failed for a
 * commit pinned before such a file was added (PonceGL/theme's demo GIF).
 */
export function clone(project, into, log) {
  rmSync(into, { recursive: true, force: true });
  const cloned = sh(`git clone -q --no-checkout ${JSON.stringify(source(project))} ${JSON.stringify(into)} && git -C ${JSON.stringify(into)} checkout -q -B corpus ${project.commit}`, undefined, log);
  if (cloned.status !== 0) throw new Error(`cannot check out ${project.repo} @ ${project.commit} (see ${log})`);
}

export const readJson = (file) => { try { return JSON.parse(readFileSync(file, 'utf8')); } catch { return undefined; } };

/** The codemigrate commit a row measured: rows of one table may come from runs at several commits. */
export function codemigrateCommit(root) {
  return spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || undefined;
}

/** The `step` events of `codemigrate status RUN --json`. */
export function stepsOf(codemigrate, run, repo) {
  const status = sh(`node ${codemigrate} status ${run} --repo . --json`, repo, undefined);
  return status.stdout.split('\n').filter(Boolean).map((line) => { try { return JSON.parse(line); } catch { return undefined; } }).filter((e) => e?.type === 'step');
}

/**
 * The `before` phase's checkout: the pinned commit in DIR/before, installed as the project installs
 * (install-deps.mjs), logged to DIR/before.log; `failed` is the phase's figures when the install failed.
 */
export function installedBefore(project, dir, installDeps) {
  const log = join(dir, 'before.log');
  const checkout = join(dir, 'before');
  clone(project, checkout, log);
  const install = sh(`node ${installDeps}`, checkout, log);
  return { checkout, log, failed: install.status === 0 ? undefined : { install: install.status, error: `install failed (${log})` } };
}

/**
 * `codemigrate run RECIPE` (no model, 2 steps at a time) then `land`, as run id `run`, in `repo`:
 * the steps' statuses and land's verdict; the run's JSON lines go to DIR/<run>.jsonl.
 */
export function runAndLand(codemigrate, recipeFile, run, repo, dir, log) {
  const started = sh(`node ${codemigrate} run ${recipeFile} --repo . --run-id ${run} --concurrency 2 --json > ${join(dir, `${run}.jsonl`)}`, repo, log, 5400);
  const steps = stepsOf(codemigrate, run, repo);
  const land = sh(`node ${codemigrate} land ${run} --repo .`, repo, join(dir, `${run}-land.log`), 3600);
  const verdict = /^verdict: (.*)$/m.exec(land.output)?.[1];
  return {
    runExit: started.status,
    // `codemigrate: setup stopped the run: <codemod> reported <file>: <cause>` on stderr
    setupStopped: /setup stopped the run: .*? reported (.*)$/m.exec(started.output)?.[1]?.slice(0, 300),
    steps: steps.map((s) => ({ step: s.step, status: s.status, reason: s.status === 'succeeded' ? undefined : s.reason?.split('\n')[0].slice(0, 300) })),
    landExit: land.status,
    verdict: verdict ?? `none: ${land.output.split('\n').slice(1, 4).join(' ').slice(0, 300)}`,
  };
}

/**
 * Passing and failing test counts from a runner's summary (mocha, Jest, Vitest, Jasmine, TAP). Only the runners' own summary lines
 * are read (no reporter is forced on the package's `npm test`), so an unknown runner gives none.
 */
export function countTests(printed) {
  // Vitest colours its summary even in CI; the counts are read without the escapes.
  const output = printed.replace(/\x1b\[[0-9;]*m/g, '');
  const last = (re) => { const all = [...output.matchAll(re)]; return all.length ? Number(all[all.length - 1][1]) : undefined; };
  const mochaPassing = last(/^\s*(\d+) passing\b/gm);
  if (mochaPassing !== undefined) return { runner: 'mocha', passed: mochaPassing, failed: last(/^\s*(\d+) failing\b/gm) ?? 0 };
  const jest = /^Tests:\s+(.*\btotal)$/m.exec(output)?.[1];
  if (jest) return { runner: 'jest', passed: Number(/(\d+) passed/.exec(jest)?.[1] ?? 0), failed: Number(/(\d+) failed/.exec(jest)?.[1] ?? 0) };
  const vitest = /^\s*Tests\s+((?:\d+ \w+(?: \| )?)+)\s*\(\d+\)\s*$/m.exec(output)?.[1];
  if (vitest) return { runner: 'vitest', passed: Number(/(\d+) passed/.exec(vitest)?.[1] ?? 0), failed: Number(/(\d+) failed/.exec(vitest)?.[1] ?? 0) };
  const jasmine = /^(\d+) specs?, (\d+) failures?(?:, (\d+) pending)?/m.exec(output);
  if (jasmine) return { runner: 'jasmine', passed: Number(jasmine[1]) - Number(jasmine[2]) - Number(jasmine[3] ?? 0), failed: Number(jasmine[2]) };
  const tapPass = last(/^(?:#|ℹ) pass\s+(\d+)/gm); // node:test (tap and spec reporters), tape
  if (tapPass !== undefined) return { runner: 'tap', passed: tapPass, failed: last(/^(?:#|ℹ) fail\s+(\d+)/gm) ?? 0 };
  return undefined;
}

/**
 * The asked phases of one project, in order, each given its folder WORK/<name>; each phase's
 * figures (or its error) are saved to figures.json as soon as it ends, so a later `--phases`
 * run goes on from them. Returns the folder, the figures file and the figures.
 */
export function runPhases(work, project, phases, run) {
  const dir = join(work, project.name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'figures.json');
  const figures = readJson(file) ?? {};
  for (const phase of ['before', 'migrate', 'after']) {
    if (!phases.includes(phase)) continue;
    console.error(`${new Date().toISOString().slice(11, 19)} ${project.name}: ${phase}`);
    try {
      figures[phase] = run[phase](project, dir);
    } catch (error) {
      figures[phase] = { error: error.message };
    }
    writeFileSync(file, JSON.stringify(figures, null, 2));
  }
  return { dir, file, figures };
}

/**
 * A driver's table: `header` (its first line, `| a | b |`), its separator, then one row per
 * project from its figures.json (`row(project, figures)`), or "not run" (with the reason of a
 * `skip`) where there are none.
 */
export function printTable(header, projects, work, row) {
  const columns = header.split('|').length - 2;
  const notRun = (project, why) => `| ${project.name} | ${project.kind} | ${why} |${' |'.repeat(Math.max(0, columns - 3))}`;
  const lines = [header, `|${'---|'.repeat(columns)}`];
  for (const project of projects) {
    const figures = project.skip ? undefined : readJson(join(work, project.name, 'figures.json'));
    lines.push(figures ? row(project, figures) : notRun(project, project.skip ? `not run: ${project.skip}` : 'not run'));
  }
  console.log(lines.join('\n'));
}

/**
 * A driver's main loop: each project not marked `skip`, its asked phases (runPhases), then
 * `measured(dir, figures)` for what the driver derives from them, the codemigrate commit when it
 * migrated, figures.json written, and its table row printed.
 */
export function runCorpus({ root, work, projects, phases }, run, row, measured = () => {}) {
  mkdirSync(work, { recursive: true });
  for (const project of projects.filter((p) => !p.skip)) {
    const { dir, file, figures } = runPhases(work, project, phases, run);
    measured(dir, figures);
    if (phases.includes('migrate')) figures.codemigrate = codemigrateCommit(root);
    writeFileSync(file, JSON.stringify(figures, null, 2));
    console.log(row(project, figures));
  }
}
