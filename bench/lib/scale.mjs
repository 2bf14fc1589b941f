// Scale: peak memory of `codemigrate run` on 2,000 vs 20,000 files; `status` and `resume` of the
// finished 1,000-step run that the 20,000-file run leaves; where resume spends its time.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEnv, git } from './git-env.mjs';
import { measure } from './measure.mjs';
import { waitForQuiet } from './quiet.mjs';
import { median } from './stats.mjs';

export async function runScale({ root, repos, repeats, log }) {
  const cli = join(root, 'bin/codemigrate.js');
  const recipe = join(root, 'bench/recipes/rewrite-import-prefilter.json');
  const env = benchEnv();
  const runs = [];
  for (const { files, repo } of repos) {
    const runId = `bench-scale-${process.pid}`;
    const busy = await waitForQuiet({ maxWaitMs: 10_000 });
    const result = await measure(process.execPath, [cli, 'run', recipe, '--repo', repo, '--run-id', runId], { cwd: repo, env });
    if (result.code !== 0) throw new Error(`scale run on ${files} files failed: ${result.stdout.slice(-500)}${result.stderr.slice(0, 500)}`);
    const steps = readState(repo, runId).steps;
    const branches = git(repo, 'for-each-ref', '--format=%(refname)', `refs/heads/codemigrate/${runId}/`).split('\n').filter(Boolean).length - 1;
    const largestStep = Math.max(...steps.map((step) => step.files.length));
    log(`  ${files} files: ${steps.length} steps, ${branches} branches, ${result.seconds.toFixed(1)} s, peak ${result.peakMb.toFixed(0)} MB (CPU busy before: ${Math.round(busy * 100)} %)`);
    runs.push({ files, repo, runId, steps: steps.length, branches, largestStep, seconds: result.seconds, peakMb: result.peakMb });
  }

  // The largest run is the finished many-step run that status and resume reconcile.
  const finished = runs.at(-1);
  const timings = { status: [], resume: [] };
  for (let index = 0; index < repeats; index += 1) {
    for (const command of ['status', 'resume']) {
      await waitForQuiet({ maxWaitMs: 10_000 });
      const args = command === 'status' ? [cli, 'status', finished.runId, '--repo', finished.repo, '--json'] : [cli, 'resume', finished.runId, '--repo', finished.repo];
      const result = await measure(process.execPath, args, { cwd: finished.repo, env });
      if (result.code !== 0) throw new Error(`${command} failed (${result.code}): ${result.stderr.slice(0, 500)}`);
      timings[command].push(result.seconds);
    }
  }
  const profile = await profileResume({ cli, finished, env });
  for (const run of runs) removeScaleRun(run.repo, run.runId);
  return {
    runs,
    status: median(timings.status),
    resume: median(timings.resume),
    finishedSteps: finished.steps,
    profile,
  };
}

function readState(repo, runId) {
  return JSON.parse(readFileSync(join(repo, '.git', 'codemigrate', runId, 'state.json'), 'utf8'));
}

function removeScaleRun(repo, runId) {
  const refs = git(repo, 'for-each-ref', '--format=delete %(refname)', `refs/heads/codemigrate/${runId}/`);
  if (refs) git(repo, 'update-ref', '--stdin', { input: `${refs}\n` });
  rmSync(join(repo, '.git', 'codemigrate', runId), { recursive: true, force: true });
}

/** One resume under --cpu-prof: self time by function and by area, top entries. */
async function profileResume({ cli, finished, env }) {
  const dir = mkdtempSync(join(tmpdir(), 'codemigrate-bench-prof-'));
  try {
    await measure(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, cli, 'resume', finished.runId, '--repo', finished.repo], { cwd: finished.repo, env });
    const [file] = readdirSync(dir);
    return summarizeProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function summarizeProfile(profile) {
  const selfMs = new Map();
  profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
  const byFunction = new Map();
  const byArea = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    total += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/^file:\/\//, '').replace(/.*\/(dist|node_modules)\//, '$1/');
    const name = `${functionName || '(anonymous)'} ${where}${where ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    const area = where.startsWith('dist/') ? where.split('/').slice(0, 2).join('/') : where.startsWith('node_modules/') ? where.split('/').slice(0, 2).join('/') : where.startsWith('node:') ? 'node internals' : functionName || '(other)';
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
  }
  const top = (map, count) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, ms]) => ({ name, ms: Math.round(ms) }));
  return { totalMs: Math.round(total), functions: top(byFunction, 8), areas: top(byArea, 8) };
}
