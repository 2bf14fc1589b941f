// A step's typecheck, incremental vs cold (issue 16.2): migrations/shared/tsc-check.mjs, the
// check the jest-to-vitest recipe runs, on a synthetic TypeScript project of 1,200 modules (each
// imports up to three others). The baseline's run leaves its build info in `{cache}`; a step
// (a copy of the project in another folder, as a scratch worktree is) changes one file and is
// checked from a copy of it, as codemigrate seeds each step, or from cold, as it did before.
// Two kinds of step: a function body (its declaration unchanged: only that file is re-checked)
// and an exported type every dependent reads (they are re-checked too).
// The same two steps are also checked by tsc-kept.mjs, one process kept from the baseline for the
// whole bench as a run keeps it: its CPU per step is what the process spent answering that step
// (process.cpuUsage over the check, GC threads included), in the same rounds as the others.

import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { measure } from './measure.mjs';
import { busyFraction, waitForQuiet } from './quiet.mjs';

export const TYPECHECK_MODES = ['cold', 'body', 'signature', 'kept-body', 'kept-signature'];
const MODULES = 1200;
const CACHE = '.codemigrate-check-cache/tsc';

function writeProject(dir, typescript) {
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < MODULES; i += 1) {
    const folder = join(dir, 'src', `m${Math.floor(i / 20)}`);
    mkdirSync(folder, { recursive: true });
    const deps = [i - 1, i - 7, i - 31].filter((d) => d >= 0);
    const imports = deps.map((d) => `import { f${d}, type T${d} } from '../m${Math.floor(d / 20)}/f${d}';`).join('\n');
    const calls = deps.map((d) => ` + f${d}({ id: x.id + 1, name: x.name, tags: [...x.tags] } as T${d})`).join('');
    writeFileSync(
      join(folder, `f${i}.ts`),
      `${imports}\nexport interface T${i} { id: number; name: string; tags: string[] }\nexport function f${i}(x: T${i}): number {\n  const parts = x.tags.map((t) => t.length).filter((n) => n > 0);\n  return parts.reduce((a, b) => a + b, 0)${calls};\n}\n`,
    );
  }
  writeFileSync(join(dir, 'package.json'), '{ "name": "bench-typecheck", "private": true }\n');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', module: 'nodenext', types: [] }, include: ['src'] }));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(typescript, join(dir, 'node_modules', 'typescript'));
}

/** The step's edit: f600's body, or its interface (T600 gains a field its 3 importers' casts lack). */
function editStep(dir, mode) {
  const file = join(dir, 'src/m30/f600.ts');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, mode === 'body' ? text.replace('a + b, 0)', 'a + b, 1)') : text.replace('tags: string[] }', 'tags: string[]; note?: string }'));
}

export async function runTypecheck({ root, work, rounds, log }) {
  const typescript = join(root, 'node_modules', 'typescript');
  const script = join(root, 'migrations', 'shared', 'tsc-check.mjs');
  const baseline = join(work, 'typecheck-baseline');
  const step = join(work, 'typecheck-step');
  writeProject(baseline, typescript);
  const baselineRun = await measure(process.execPath, [script, join(baseline, CACHE)], { cwd: baseline });
  if (baselineRun.code !== 0) throw new Error(`typecheck: the baseline's tsc failed: ${baselineRun.stdout}${baselineRun.stderr}`);
  const version = JSON.parse(readFileSync(join(typescript, 'package.json'), 'utf8')).version;
  const kept = startKept(join(root, 'migrations', 'shared', 'tsc-kept.mjs'), baseline);
  const keptBaseline = await kept.first;
  if (keptBaseline.exitCode !== 0) throw new Error(`typecheck: the kept checker's baseline failed: ${JSON.stringify(keptBaseline)}`);
  log(`  typecheck kept checker's baseline: ${(keptBaseline.cpuMs / 1000).toFixed(2)} CPU s`);
  const runs = Object.fromEntries(TYPECHECK_MODES.map((mode) => [mode, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const mode of TYPECHECK_MODES) {
      writeProject(step, typescript);
      editStep(step, mode === 'cold' ? 'body' : mode.replace('kept-', ''));
      if (mode.startsWith('kept-')) {
        const busy = (await waitForQuiet()) ?? (await busyFraction());
        const started = performance.now();
        const answer = await kept.check(step);
        const seconds = (performance.now() - started) / 1000;
        if (answer.exitCode !== 0 || answer.mode !== 'incremental') throw new Error(`typecheck: ${mode}: ${JSON.stringify(answer).slice(0, 500)}`);
        runs[mode].push({ seconds, cpuSeconds: answer.cpuMs / 1000, busy, diagnostics: answer.output.split('\n').filter(Boolean).length });
        log(`  typecheck round ${round + 1} ${mode}: ${seconds.toFixed(2)} s wall, ${(answer.cpuMs / 1000).toFixed(2)} CPU s`);
        continue;
      }
      const args = [script];
      if (mode !== 'cold') {
        cpSync(join(baseline, CACHE), join(step, CACHE), { recursive: true });
        args.push(join(step, CACHE));
      }
      const busy = (await waitForQuiet()) ?? (await busyFraction());
      const run = await measure(process.execPath, args, { cwd: step });
      if (run.code !== 0) throw new Error(`typecheck: ${mode} failed: ${run.stdout}${run.stderr}`);
      runs[mode].push({ seconds: run.seconds, cpuSeconds: run.cpuSeconds, peakMb: run.peakMb, busy });
      log(`  typecheck round ${round + 1} ${mode}: ${run.seconds.toFixed(2)} s wall, ${run.cpuSeconds?.toFixed(2)} CPU s`);
    }
  }
  kept.stop();
  rmSync(baseline, { recursive: true, force: true });
  rmSync(step, { recursive: true, force: true });
  return { modules: MODULES, typescript: version, baselineSeconds: baselineRun.seconds, keptBaselineCpuSeconds: keptBaseline.cpuMs / 1000, ...runs };
}

/** tsc-kept.mjs serving `baseline`: its first answer (the baseline's check), and a check per step folder. */
function startKept(script, baseline) {
  const child = spawn(process.execPath, [script, '--serve', baseline], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(JSON.parse(line)));
  const next = () => new Promise((resolve) => waiting.push(resolve));
  const first = next();
  let id = 0;
  return {
    first,
    check(root) {
      const answer = next();
      child.stdin.write(`${JSON.stringify({ id: (id += 1), root })}\n`);
      return answer;
    },
    stop: () => child.stdin.end(),
  };
}
