// (a) the jscodeshift 17 CLI computing the edits (--dry) vs (b) `codemigrate run` committing one
// branch per module, on the same files with the same transform, alternating within each round.
// `baseline` (another checkout of codemigrate, built) adds its `run` as a variant, so that a change
// is measured beside what it changes, in the same rounds under the same load.

import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { benchEnv, git } from './git-env.mjs';
import { measure } from './measure.mjs';
import { waitForQuiet } from './quiet.mjs';

export function variants({ root, full, baseline, only }) {
  const jscodeshift = join(root, 'node_modules/jscodeshift/bin/jscodeshift.js');
  const cli = join(root, 'bin/codemigrate.js');
  const transform = (name) => join(root, 'bench/transforms', name);
  const recipe = (name) => join(root, 'bench/recipes', name);
  const jscs = (id, file, cpus) => ({
    id,
    kind: 'jscodeshift',
    label: `jscodeshift 17 CLI --cpus=${cpus}${file.includes('prefilter') ? ' (prefilter file)' : ''}`,
    args: (files) => [jscodeshift, '-t', transform(file), '--parser=ts', '--extensions=ts', '--dry', `--cpus=${cpus}`, ...files],
  });
  const codemigrate = (id, file, workers, label, program = cli) => ({
    id,
    kind: 'codemigrate',
    label,
    recipe: recipe(file),
    workers,
    args: (runId, repo) => [program, 'run', recipe(file), '--repo', repo, '--run-id', runId],
  });
  const list = [
    jscs('jscs-1', 'rewrite-import.cjs', 1),
    codemigrate('cm', 'rewrite-import.json', undefined, 'codemigrate run (default: worker threads)'),
    jscs('jscs-2', 'rewrite-import.cjs', 2),
    codemigrate('cm-inline', 'rewrite-import.json', 0, 'codemigrate run, no worker threads'),
    codemigrate('cm-prefilter', 'rewrite-import-prefilter.json', undefined, 'codemigrate run, transform with prefilter'),
  ];
  if (full) list.push(jscs('jscs-prefilter', 'rewrite-import-prefilter.cjs', 2));
  if (baseline !== undefined) list.push(codemigrate('cm-base', 'rewrite-import.json', undefined, `codemigrate run, baseline build (${baseline})`, join(baseline, 'bin/codemigrate.js')));
  return only === undefined ? list : list.filter((variant) => only.includes(variant.id));
}

export async function runCompare({ root, repo, files, rounds, full, baseline, only, log, quietWaitMs = 10_000 }) {
  const samples = new Map();
  const list = variants({ root, full, baseline, only });
  for (let round = 1; round <= rounds; round += 1) {
    // Alternate the order between rounds so that neither tool always runs first or warm.
    const ordered = round % 2 === 1 ? list : [...list].reverse();
    for (const variant of ordered) {
      const busy = await waitForQuiet({ maxWaitMs: quietWaitMs });
      const load = loadavg()[0];
      const result = await runVariant(variant, { repo, files, round });
      log(`  round ${round} ${variant.id}: ${result.seconds.toFixed(2)} s (CPU ${result.cpuSeconds.toFixed(1)} s${result.mainThreadCpuSeconds === undefined ? '' : `, main thread ${result.mainThreadCpuSeconds.toFixed(1)} s`}), peak ${result.peakMb.toFixed(0)} MB, ${result.check} (CPU busy before: ${Math.round(busy * 100)} %, load ${load.toFixed(1)})`);
      if (!samples.has(variant.id)) samples.set(variant.id, { variant, runs: [] });
      samples.get(variant.id).runs.push({ ...result, busy, load });
    }
  }
  return [...samples.values()];
}

async function runVariant(variant, { repo, files, round }) {
  if (variant.kind === 'jscodeshift') {
    const result = await measure(process.execPath, variant.args(files), { cwd: repo });
    const ok = /(\d+) ok/.exec(result.stdout)?.[1];
    const errors = /(\d+) errors/.exec(result.stdout)?.[1];
    if (result.code !== 0 || ok === undefined) throw new Error(`${variant.id} failed (${result.code}): ${result.stderr.slice(0, 500)}`);
    return { seconds: result.seconds, cpuSeconds: result.cpuSeconds, peakMb: result.peakMb, modified: Number(ok), check: `${ok} files modified, ${errors} errors` };
  }
  const runId = `bench-${variant.id}-${round}-${process.pid}`;
  const env = benchEnv();
  if (variant.workers !== undefined) env.CODEMIGRATE_CODEMOD_WORKERS = String(variant.workers);
  else delete env.CODEMIGRATE_CODEMOD_WORKERS;
  try {
    const result = await measure(process.execPath, variant.args(runId, repo), { cwd: repo, env });
    const summary = result.stdout.trim().split('\n').at(-1) ?? '';
    if (result.code !== 0) throw new Error(`${variant.id} failed (${result.code}): ${summary}\n${result.stderr.slice(0, 500)}`);
    const branches = git(repo, 'for-each-ref', '--format=%(refname)', `refs/heads/codemigrate/${runId}/`).split('\n').filter(Boolean);
    const modified = countModified(repo, runId);
    return {
      seconds: result.seconds,
      cpuSeconds: result.cpuSeconds,
      mainThreadCpuSeconds: result.mainThreadCpuSeconds,
      peakMb: result.peakMb,
      modified,
      branches: branches.length - 1,
      check: `${modified} files modified on ${branches.length - 1} step branches`,
    };
  } finally {
    removeRun(repo, runId);
  }
}

/** Files changed on the run's step branches, from each step commit's diff against its parent. */
function countModified(repo, runId) {
  const out = git(repo, 'for-each-ref', '--format=%(refname)', `refs/heads/codemigrate/${runId}/`);
  let count = 0;
  for (const ref of out.split('\n').filter((name) => name && !name.endsWith('/base'))) {
    count += git(repo, 'diff', '--name-only', `${ref}^`, ref).split('\n').filter(Boolean).length;
  }
  return count;
}

export function removeRun(repo, runId) {
  const refs = git(repo, 'for-each-ref', '--format=delete %(refname)', `refs/heads/codemigrate/${runId}/`);
  if (refs) git(repo, 'update-ref', '--stdin', { input: `${refs}\n` });
  rmSync(join(repo, '.git', 'codemigrate', runId), { recursive: true, force: true });
}
