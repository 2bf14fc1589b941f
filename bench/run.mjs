#!/usr/bin/env node
// The codemigrate benchmark (issue 5). One command: `node bench/run.mjs [--full] [--only=a,b]`.
// Sections: compare (jscodeshift CLI vs codemigrate run), compare-small (the same on a corpus of
// small modules), floor (jscodeshift's own per-file cost
// and how it scales on 2 cores), ts-morph, checkpoint, scale (memory at
// 2,000 vs 20,000 files, status/resume of a finished 1,000-step run). Prints a Markdown summary
// and writes every sample to bench/.corpus/results/<time>.json. See bench/README.md.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_MODES, runCache } from './lib/cache.mjs';
import { measureCheckpoints } from './lib/checkpoint.mjs';
import { runCompare } from './lib/compare.mjs';
import { runFloor } from './lib/floor.mjs';
import { corpusSourceFiles, CORPUS_PACKAGES, prepareCorpus, SMALL_CORPUS_DROP, SMALL_CORPUS_PACKAGES } from './lib/corpus.mjs';
import { git } from './lib/git-env.mjs';
import { runScale } from './lib/scale.mjs';
import { fmt, median } from './lib/stats.mjs';
import { syntheticRepo } from './lib/synthetic.mjs';
import { runTsMorph, TS_MORPH_MODES } from './lib/ts-morph.mjs';
import { runTypecheck, TYPECHECK_MODES } from './lib/typecheck.mjs';

const SECTIONS = ['compare', 'compare-small', 'floor', 'ts-morph', 'checkpoint', 'scale', 'cache', 'typecheck'];
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.corpus');
const args = process.argv.slice(2);
const full = args.includes('--full');
const option = (name) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = option('only')?.split(',') ?? SECTIONS;
// --baseline=DIR: another built checkout of codemigrate, run beside this one in the compare sections.
const baseline = option('baseline') && resolve(option('baseline'));
// --variants=id,…: only these variants of the compare sections (ids as in lib/compare.mjs).
const onlyVariants = option('variants')?.split(',');
const rounds = option('rounds') && Number(option('rounds'));
const unknown = args.filter((arg) => arg !== '--full' && !/^--(only|baseline|variants|rounds)=/.test(arg));
if (unknown.length > 0 || only.some((name) => !SECTIONS.includes(name)) || (rounds !== undefined && !(rounds >= 1)) || (baseline && !existsSync(join(baseline, 'dist', 'cli')))) {
  console.error(`usage: node bench/run.mjs [--full] [--only=${SECTIONS.join(',')}] [--baseline=BUILT-CHECKOUT] [--variants=jscs-1,jscs-2,cm,cm-inline,cm-prefilter,cm-base] [--rounds=N]`);
  process.exit(2);
}
const settings = full
  ? { rounds: 7, tsMorphRounds: 5, checkpoints: 1000, repeats: 7 }
  : { rounds: 3, tsMorphRounds: 3, checkpoints: 200, repeats: 3 };
if (rounds) settings.rounds = rounds;
const log = (line) => console.error(line);

if (!existsSync(join(root, 'dist', 'cli'))) {
  log('building dist/ (npm run build)');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}

const started = Date.now();
log(`machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${git(root, '--version')}`);
const results = { settings, full };
// The typecheck section brings its own project; the others share the corpus.
let corpus;
let files = [];
if (only.some((name) => name !== 'typecheck' && name !== 'compare-small')) {
  log(`preparing the corpus (${CORPUS_PACKAGES.join(', ')})`);
  corpus = prepareCorpus(work, log);
  files = corpusSourceFiles(corpus);
  const corpusSize = git(corpus, 'ls-files').split('\n').length;
  log(`corpus: ${files.length} .ts files to transform, ${corpusSize} files in the repository`);
  results.corpus = { packages: CORPUS_PACKAGES, files: files.length, repoFiles: corpusSize };
}

if (only.includes('compare')) {
  log(`compare: ${settings.rounds} rounds`);
  results.compare = await runCompare({ root, repo: corpus, files, rounds: settings.rounds, full, baseline, only: onlyVariants, log });
}
if (only.includes('compare-small')) {
  log(`preparing the small-module corpus (${SMALL_CORPUS_PACKAGES.length} packages)`);
  const small = prepareCorpus(work, log, { folder: 'small-repo', packages: SMALL_CORPUS_PACKAGES, drop: SMALL_CORPUS_DROP });
  const smallFiles = corpusSourceFiles(small);
  const folders = new Map();
  for (const path of smallFiles) folders.set(dirname(path), (folders.get(dirname(path)) ?? 0) + 1);
  const under16 = [...folders.values()].filter((count) => count < 16);
  log(`small-module corpus: ${smallFiles.length} .ts files in ${folders.size} folders (${under16.length} folders, ${under16.reduce((sum, count) => sum + count, 0)} files, in folders of fewer than 16)`);
  results.smallCorpus = { packages: SMALL_CORPUS_PACKAGES, dropped: SMALL_CORPUS_DROP, files: smallFiles.length, folders: folders.size, smallFolders: under16.length, filesInSmallFolders: under16.reduce((sum, count) => sum + count, 0) };
  log(`compare-small: ${settings.rounds} rounds`);
  results.compareSmall = await runCompare({ root, repo: small, files: smallFiles, rounds: settings.rounds, full: false, baseline, only: onlyVariants?.filter((id) => id !== 'cm-prefilter') ?? ['jscs-1', 'jscs-2', 'cm', 'cm-inline', 'cm-base'], log });
}
if (only.includes('floor')) {
  log(`floor: ${settings.rounds} rounds of jscodeshift's per-file work without a runner`);
  results.floor = await runFloor({ root, repo: corpus, files, listFile: join(work, 'ts-files.json'), rounds: settings.rounds, log });
}
if (only.includes('ts-morph')) {
  log(`ts-morph: ${settings.tsMorphRounds} rounds`);
  results.tsMorph = await runTsMorph({ root, repo: corpus, files, listFile: join(work, 'ts-files.json'), rounds: settings.tsMorphRounds, log });
}
if (only.includes('checkpoint')) {
  log(`checkpoint: ${settings.checkpoints} commits per repository`);
  const tmpParent = mkdtempSync(join(tmpdir(), 'codemigrate-bench-'));
  try {
    const repos = [
      { name: `corpus (${results.corpus.repoFiles} files, under ${work})`, repo: corpus, files },
      { name: 'synthetic 2,000 files', repo: syntheticRepo(join(work, 'synthetic-2000'), { files: 2000 }) },
      { name: 'synthetic 20,000 files', repo: syntheticRepo(join(work, 'synthetic-20000'), { files: 20000 }) },
      { name: `synthetic 2,000 files under ${tmpdir()}`, repo: syntheticRepo(join(tmpParent, 'synthetic-2000'), { files: 2000 }) },
    ];
    results.checkpoint = [];
    for (const entry of repos) {
      const paths = entry.files ?? git(entry.repo, 'ls-files', '*.ts').split('\n');
      const figures = await measureCheckpoints({ distDir: join(root, 'dist'), repo: entry.repo, files: paths, commits: settings.checkpoints });
      log(`  ${entry.name}: p50 ${fmt(figures.total.p50, 2)} ms, p90 ${fmt(figures.total.p90, 2)} ms (writeCommit p50 ${fmt(figures.writeCommit.p50, 2)}, createRef p50 ${fmt(figures.createRef.p50, 2)})`);
      results.checkpoint.push({ name: entry.name, ...figures });
    }
  } finally {
    rmSync(tmpParent, { recursive: true, force: true });
  }
}
if (only.includes('scale')) {
  log('scale: codemigrate run (prefilter transform) on 2,000 and 20,000 synthetic files, then status/resume');
  const repos = [2000, 20000].map((count) => ({ files: count, repo: syntheticRepo(join(work, `synthetic-${count}`), { files: count }) }));
  results.scale = await runScale({ root, repos, repeats: settings.repeats, log });
}
if (only.includes('cache')) {
  log(`cache: ${settings.rounds} rounds of a 5-transform run cold, after editing one transform, unchanged`);
  results.cache = await runCache({ root, repo: corpus, rounds: settings.rounds, log });
}

if (only.includes('typecheck')) {
  log(`typecheck: ${settings.rounds} rounds of a step's tsc-check.mjs on 1,200 modules, cold and from the baseline's build info, and of tsc-kept.mjs kept from the baseline`);
  mkdirSync(work, { recursive: true });
  results.typecheck = await runTypecheck({ root, work, rounds: settings.rounds, log });
}

results.minutes = (Date.now() - started) / 60000;
mkdirSync(join(work, 'results'), { recursive: true });
const file = join(work, 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(summary(results));
log(`samples: ${file}; ${results.minutes.toFixed(1)} minutes`);

function summary(r) {
  const lines = [`# codemigrate bench (${r.full ? '--full' : 'default'}; ${new Date().toISOString().slice(0, 10)})`, ''];
  if (r.compare) lines.push(...compareSummary(`jscodeshift CLI vs codemigrate run — ${r.corpus.files} files`, r.compare, r.corpus.files, r.settings.rounds));
  if (r.compareSmall) {
    const c = r.smallCorpus;
    lines.push(...compareSummary(`small modules: jscodeshift CLI vs codemigrate run — ${c.files} files in ${c.folders} folders (${c.filesInSmallFolders} files in ${c.smallFolders} folders of fewer than 16)`, r.compareSmall, c.files, r.settings.rounds));
  }
  if (r.cache) {
    lines.push(`## codemod result cache — 5 jscodeshift transforms over ${r.corpus.files} files, medians of ${r.settings.rounds}`, '', '| run | wall s | CPU s | file results from the cache | wall vs cold | CPU vs cold |', '|---|---|---|---|---|---|');
    const cold = { seconds: median(r.cache.cold.map((run) => run.seconds)), cpu: median(r.cache.cold.map((run) => run.cpuSeconds)) };
    const labels = { cold: 'cold (cache emptied)', edited: 'after editing the 3rd of 5 transforms', unchanged: 'again, nothing changed' };
    for (const mode of CACHE_MODES) {
      const seconds = median(r.cache[mode].map((run) => run.seconds));
      const cpu = median(r.cache[mode].map((run) => run.cpuSeconds));
      lines.push(`| ${labels[mode]} | ${fmt(seconds, 2)} | ${fmt(cpu, 1)} | ${median(r.cache[mode].map((run) => run.cached))} | ${fmt(seconds / cold.seconds, 2)} | ${fmt(cpu / cold.cpu, 2)} |`);
    }
    lines.push('');
  }
  if (r.typecheck) {
    const t = r.typecheck;
    lines.push(`## a step's typecheck (tsc-check.mjs, TypeScript ${t.typescript}) — ${t.modules} modules, one file changed, medians of ${r.settings.rounds}`, '', '| step | wall s | CPU s | wall vs cold | CPU vs cold |', '|---|---|---|---|---|');
    const cold = { seconds: median(t.cold.map((run) => run.seconds)), cpu: median(t.cold.map((run) => run.cpuSeconds)) };
    const labels = { cold: 'cold (no build info), a function body changed', body: 'from the baseline\'s build info, a function body changed', signature: 'from the baseline\'s build info, an exported interface changed (3 importers)', 'kept-body': 'kept checker (tsc-kept.mjs), a function body changed', 'kept-signature': 'kept checker (tsc-kept.mjs), an exported interface changed (3 importers; TypeScript re-checks the 600 files downstream)' };
    for (const mode of TYPECHECK_MODES) {
      const seconds = median(t[mode].map((run) => run.seconds));
      const cpu = median(t[mode].map((run) => run.cpuSeconds));
      lines.push(`| ${labels[mode]} | ${fmt(seconds, 2)} | ${fmt(cpu, 1)} | ${fmt(seconds / cold.seconds, 2)} | ${fmt(cpu / cold.cpu, 2)} |`);
    }
    lines.push('', `The baseline's own run (cold, writing the build info): ${fmt(t.baselineSeconds, 2)} s; the kept checker's baseline (once per run): ${fmt(t.keptBaselineCpuSeconds, 1)} CPU s. CPU busy before each run: ${TYPECHECK_MODES.flatMap((mode) => t[mode].map((run) => Math.round(run.busy * 100))).join(', ')} %.`, '');
  }
  if (r.floor) {
    const m = r.floor.medians;
    lines.push(`## floor: jscodeshift's per-file work without a runner — ${r.corpus.files} files, one thread, medians of ${r.settings.rounds}`, '', '| phase | s | ms per file |', '|---|---|---|');
    const row = (label, seconds) => lines.push(`| ${label} | ${fmt(seconds, 2)} | ${fmt((seconds * 1000) / r.corpus.files, 2)} |`);
    row('@babel/parser, jscodeshift ts options (tokens)', m.babel);
    row("j(source): babel + recast's token-preserving copy", m.recast);
    row('the whole transform (parse, 4 find, toSource where changed)', m.transform);
    row('the whole transform, 2 processes on alternate halves (wall)', m.parallel);
    row('a: jscodeshift CLI --cpus=2 (wall)', m.a);
    lines.push('', `Two processes run it ${fmt(r.floor.scaling, 2)}× as fast as one. Lowest b/a for a runner with no cost of its own: ${fmt(r.floor.lowestRatio, 2)}.`, '');
  }
  if (r.tsMorph) {
    lines.push(`## ts-morph, same edit, ${r.corpus.files} files, medians of ${r.settings.tsMorphRounds}`, '', '| approach | wall s | peak RSS MB |', '|---|---|---|');
    const labels = {
      project: 'new Project({ tsConfigFilePath }), edit every file',
      engine: 'codemigrate engine, one in-memory Project per directory',
      'engine-prefilter': 'codemigrate engine, transform with prefilter',
      cli: 'codemigrate run (ts-morph recipe, commits included)',
    };
    for (const mode of TS_MORPH_MODES) {
      const runs = r.tsMorph[mode];
      lines.push(`| ${labels[mode]} | ${fmt(median(runs.map((run) => run.seconds)), 2)} | ${fmt(median(runs.map((run) => run.peakMb)), 0)} |`);
    }
    lines.push('');
  }
  if (r.checkpoint) {
    lines.push(`## checkpoint (writeCommit + createRef, 10 changed files), ${r.settings.checkpoints} commits each`, '', '| repository | p50 ms | p90 ms | writeCommit p50 | createRef p50 |', '|---|---|---|---|---|');
    for (const c of r.checkpoint) lines.push(`| ${c.name} | ${fmt(c.total.p50, 2)} | ${fmt(c.total.p90, 2)} | ${fmt(c.writeCommit.p50, 2)} | ${fmt(c.createRef.p50, 2)} |`);
    lines.push('');
  }
  if (r.scale) {
    lines.push('## scale (prefilter transform, 20 files per step)', '', '| files | steps | branches | largest step | wall s | peak RSS MB |', '|---|---|---|---|---|---|');
    for (const run of r.scale.runs) lines.push(`| ${run.files} | ${run.steps} | ${run.branches} | ${run.largestStep} | ${fmt(run.seconds, 1)} | ${fmt(run.peakMb, 0)} |`);
    lines.push('', `Finished ${r.scale.finishedSteps}-step run: status ${fmt(r.scale.status, 2)} s, resume ${fmt(r.scale.resume, 2)} s (medians of ${r.settings.repeats}).`);
    lines.push('', `resume profile (${r.scale.profile.totalMs} ms sampled): ${r.scale.profile.areas.map((area) => `${area.name} ${area.ms} ms`).join(', ')}`);
    lines.push('', `top functions: ${r.scale.profile.functions.map((fn) => `${fn.name} ${fn.ms} ms`).join('; ')}`);
  }
  return lines.join('\n');
}

function compareSummary(title, entries, files, rounds) {
  const lines = [`## ${title}, medians of ${rounds}`, ''];
  // Main-thread CPU (codemigrate only: jscodeshift's work is in a child process) is the part that
  // no other core can take: on an idle machine wall ≥ max(main thread, CPU / cores).
  lines.push('| variant | wall s (median) | CPU s (median) | main-thread CPU s (median) | files/s | peak RSS MB (median) | check |', '|---|---|---|---|---|---|---|');
  const wall = new Map();
  const cpu = new Map();
  for (const { variant, runs } of entries) {
    const seconds = median(runs.map((run) => run.seconds));
    wall.set(variant.id, seconds);
    cpu.set(variant.id, median(runs.map((run) => run.cpuSeconds)));
    const main = runs.every((run) => run.mainThreadCpuSeconds !== undefined) ? fmt(median(runs.map((run) => run.mainThreadCpuSeconds)), 1) : '–';
    lines.push(`| ${variant.label} | ${fmt(seconds, 2)} | ${fmt(cpu.get(variant.id), 1)} | ${main} | ${fmt(files / seconds, 0)} | ${fmt(median(runs.map((run) => run.peakMb)), 0)} | ${runs[0].check} |`);
  }
  const best = (map) => Math.min(map.get('jscs-1') ?? Infinity, map.get('jscs-2') ?? Infinity);
  const ids = entries.map((entry) => entry.variant.id).filter((id) => id.startsWith('cm'));
  const a = best(wall);
  if (!Number.isFinite(a)) {
    lines.push('', 'No jscodeshift variant ran (--variants): no b/a.', '');
    return lines;
  }
  lines.push('', `a = best jscodeshift median = ${fmt(a, 2)} s. b/a (wall): ${ids.map((id) => `${id} ${fmt(wall.get(id) / a, 2)}`).join(', ')}. CPU b/a: ${ids.map((id) => `${id} ${fmt(cpu.get(id) / best(cpu), 2)}`).join(', ')}.`);
  // Per round, b/a from the runs of that round (neighbours in time share the machine's load).
  const runsOf = (id) => entries.find((entry) => entry.variant.id === id)?.runs ?? [];
  const roundRatios = (id) => runsOf(id).map((run, index) => run.seconds / Math.min(runsOf('jscs-1')[index]?.seconds ?? Infinity, runsOf('jscs-2')[index]?.seconds ?? Infinity));
  lines.push(`Per-round b/a (median): ${ids.map((id) => `${id} ${fmt(median(roundRatios(id)), 2)}`).join(', ')}.`);
  const all = entries.flatMap((entry) => entry.runs);
  lines.push(`CPU busy before each run (other processes): ${all.map((run) => Math.round(run.busy * 100)).join(', ')} %; load average (1 min): ${all.map((run) => fmt(run.load, 1)).join(', ')}.`);
  if (wall.has('jscs-prefilter')) lines.push(`jscodeshift on the prefilter transform file: ${fmt(wall.get('jscs-prefilter'), 2)} s (it ignores the export).`);
  lines.push('');
  return lines;
}
