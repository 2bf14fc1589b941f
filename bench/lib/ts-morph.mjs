// ts-morph: codemigrate's engine (only a step's files, in memory, no language service) against the
// usual `new Project({ tsConfigFilePath })` over every file, same edit, each in its own process.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchEnv } from './git-env.mjs';
import { removeRun } from './compare.mjs';
import { measure } from './measure.mjs';
import { waitForQuiet } from './quiet.mjs';

export const TS_MORPH_MODES = ['project', 'engine', 'engine-prefilter', 'cli'];

export async function runTsMorph({ root, repo, files, listFile, rounds, log }) {
  writeFileSync(listFile, JSON.stringify(files));
  const task = join(root, 'bench/lib/ts-morph-task.mjs');
  const samples = Object.fromEntries(TS_MORPH_MODES.map((mode) => [mode, []]));
  for (let round = 1; round <= rounds; round += 1) {
    const ordered = round % 2 === 1 ? TS_MORPH_MODES : [...TS_MORPH_MODES].reverse();
    for (const mode of ordered) {
      await waitForQuiet({ maxWaitMs: 10_000 });
      const sample = mode === 'cli' ? await runCli(root, repo, round) : await runTask(task, mode, root, repo, listFile);
      log(`  round ${round} ts-morph ${mode}: ${sample.seconds.toFixed(2)} s, peak ${sample.peakMb.toFixed(0)} MB, ${sample.modified} modified`);
      samples[mode].push(sample);
    }
  }
  return samples;
}

async function runTask(task, mode, root, repo, listFile) {
  const result = await measure(process.execPath, [task, mode, root, repo, listFile], { cwd: repo });
  if (result.code !== 0) throw new Error(`ts-morph ${mode} failed: ${result.stderr.slice(0, 500)}`);
  const reported = JSON.parse(result.stdout.trim().split('\n').at(-1));
  return { seconds: result.seconds, cpuSeconds: result.cpuSeconds, peakMb: result.peakMb, modified: reported.modified };
}

async function runCli(root, repo, round) {
  const runId = `bench-ts-morph-${round}-${process.pid}`;
  const recipe = join(root, 'bench/recipes/rewrite-import-ts-morph.json');
  try {
    const result = await measure(process.execPath, [join(root, 'bin/codemigrate.js'), 'run', recipe, '--repo', repo, '--run-id', runId], { cwd: repo, env: benchEnv() });
    if (result.code !== 0) throw new Error(`codemigrate ts-morph run failed: ${result.stdout.slice(-300)} ${result.stderr.slice(0, 300)}`);
    const summary = result.stdout.trim().split('\n').at(-1) ?? '';
    const branches = /(\d+) succeeded/.exec(summary)?.[1] ?? '0';
    return { seconds: result.seconds, cpuSeconds: result.cpuSeconds, peakMb: result.peakMb, modified: `${branches} step branches` };
  } finally {
    removeRun(repo, runId);
  }
}
