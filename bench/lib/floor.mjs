// The floor under b/a: what jscodeshift's own per-file work costs on this machine, whoever runs
// it. Each phase runs in a fresh process over the same 1,818 files (no git, no runner), and the
// whole transform once more as two processes on alternate halves of the list at the same time, to
// see how far two cores carry it. `a` is the jscodeshift CLI (`--cpus=2`) in the same round. A
// runner with no cost of its own and a perfect split over both cores would still take
// `transform ×2` seconds: that over `a` is the lowest b/a a jscodeshift-compatible runner reaches
// here without changing the transform or the parser.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { measure } from './measure.mjs';
import { waitForQuiet } from './quiet.mjs';
import { median } from './stats.mjs';

const PHASES = ['babel', 'recast', 'transform'];

function task(root, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bench/lib/floor-task.cjs'), root, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`floor-task ${args.join(' ')} exited ${code}`))));
  });
}

export async function runFloor({ root, repo, files, listFile, rounds, log, quietWaitMs = 10_000 }) {
  const samples = { babel: [], recast: [], transform: [], parallel: [], a: [] };
  for (let round = 1; round <= rounds; round += 1) {
    for (const phase of PHASES) {
      await waitForQuiet({ maxWaitMs: quietWaitMs });
      const result = await task(root, [phase, listFile]);
      samples[phase].push(result.ms / 1000);
      log(`  round ${round} ${phase}: ${(result.ms / 1000).toFixed(2)} s over ${result.files} files`);
    }
    await waitForQuiet({ maxWaitMs: quietWaitMs });
    const started = performance.now();
    const halves = await Promise.all([0, 1].map((share) => task(root, ['transform', listFile, String(share), '2'])));
    const seconds = (performance.now() - started) / 1000;
    samples.parallel.push(seconds);
    log(`  round ${round} transform ×2 processes: ${seconds.toFixed(2)} s (halves ${halves.map((h) => (h.ms / 1000).toFixed(2)).join(' + ')} s, ${halves.reduce((n, h) => n + h.changed, 0)} changed)`);
    await waitForQuiet({ maxWaitMs: quietWaitMs });
    const jscodeshift = join(root, 'node_modules/jscodeshift/bin/jscodeshift.js');
    const a = await measure(process.execPath, [jscodeshift, '-t', join(root, 'bench/transforms/rewrite-import.cjs'), '--parser=ts', '--extensions=ts', '--dry', '--cpus=2', ...files], { cwd: repo });
    samples.a.push(a.seconds);
    log(`  round ${round} a (jscodeshift CLI --cpus=2): ${a.seconds.toFixed(2)} s`);
  }
  const med = Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, median(values)]));
  return { samples, medians: med, scaling: med.transform / med.parallel, lowestRatio: med.parallel / med.a };
}
