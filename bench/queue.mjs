#!/usr/bin/env node
// Distributed runs (issue 16): the same run with 1 worker and with 3 worker processes, on a local
// Redis and a bare remote. STEPS modules, each a step whose verify sleeps SLEEP_MS (the work a
// worker waits on: tests, a typecheck). Reports the coordinator's wall time and the CPU of all.
//   npm run build && node bench/queue.mjs [STEPS=40] [SLEEP_MS=2000] [WORKERS=1,3]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(root, 'bin', 'codemigrate.js');
const steps = Number(process.argv[2] ?? 40);
const sleepMs = Number(process.argv[3] ?? 2000);
const counts = (process.argv[4] ?? '1,3').split(',').map(Number);
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
const work = mkdtempSync(join(tmpdir(), 'bench-queue-'));

const check = `const fs = require('fs');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${sleepMs});
for (const file of process.argv.slice(2)) new Function(fs.readFileSync(file, 'utf8'));
`;
const recipe = {
  id: 'bench-queue',
  description: 'var → let, verify sleeps (bench/queue.mjs)',
  modules: { by: 'directory', include: ['src/**/*.js'] },
  steps: [{ codemod: join(root, 'test/fixtures/e2e/transforms/var-to-let.js'), engine: 'jscodeshift', parser: 'babel' }],
  verify: [{ run: 'node check.js {files}', timeoutSeconds: 120 }],
};
writeFileSync(join(work, 'recipe.json'), JSON.stringify(recipe, null, 2));

function makeRepo(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'check.js'), check);
  writeFileSync(join(dir, 'package.json'), '{ "name": "bench-queue" }\n');
  for (let index = 0; index < steps; index += 1) {
    mkdirSync(join(dir, 'src', `m${index}`), { recursive: true });
    writeFileSync(join(dir, 'src', `m${index}`, 'a.js'), `var x = ${index};\nmodule.exports = x;\n`);
  }
  const git = (...args) => execFileSync('git', args, { cwd: dir, env });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'bench');
}

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => redis.stdout.on('data', (chunk) => String(chunk).includes('Ready to accept') && resolve()));
const queue = `redis://127.0.0.1:${port}`;

/** BENCH_PROF=DIR: CPU profiles of the workers and the coordinator, in DIR/worker and DIR/coordinator. */
function prof(role) {
  return process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', join(process.env.BENCH_PROF, role)] : [];
}

/** Runs a command under /usr/bin/time; resolves with its wall seconds and CPU seconds (user+sys, children included). */
function timed(args, extraEnv = {}) {
  const out = join(work, `time-${Math.random().toString(36).slice(2)}.txt`);
  const nodeArgs = args[0] === '--cpu-prof' ? args.splice(0, 3) : [];
  const child = spawn('/usr/bin/time', ['-f', '%e %U %S', '-o', out, process.execPath, ...nodeArgs, CLI, ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr, times: () => execFileSync('cat', [out], { encoding: 'utf8' }).trim().split('\n').pop().split(' ').map(Number) })));
  return { child, done };
}

const rows = [];
{
  // The same run without a queue, one step at a time: what one worker is measured against.
  const repo = join(work, 'repo-local');
  makeRepo(repo);
  const run = timed(['run', join(work, 'recipe.json'), '--repo', repo, '--run-id', 'local', '--concurrency', '1', '--json']);
  const result = await run.done;
  if (result.code !== 0) throw new Error(`local run exited ${result.code}: ${result.stderr}`);
  const [wall, user, sys] = result.times();
  rows.push({ count: 'local, --concurrency 1', wall, cpu: user + sys });
  console.error(`local: ${wall.toFixed(1)} s wall, ${(user + sys).toFixed(1)} CPU-s`);
}
for (const count of counts) {
  const repo = join(work, `repo-${count}`);
  const remote = join(work, `remote-${count}.git`);
  makeRepo(repo);
  execFileSync('git', ['init', '-q', '--bare', remote], { env });
  const workers = Array.from({ length: count }, (_, index) => timed([...prof('worker'), 'worker', '--queue', queue, '--cache-dir', join(work, `cache-${count}-${index}`), '--json']));
  const run = timed([...prof('coordinator'), 'run', join(work, 'recipe.json'), '--repo', repo, '--run-id', `w${count}`, '--queue', queue, '--remote', remote, '--json']);
  const result = await run.done;
  if (result.code !== 0) throw new Error(`run with ${count} worker(s) exited ${result.code}: ${result.stderr}`);
  // /usr/bin/time does not pass a signal on: stop the worker it runs (its one child), by pid.
  for (const { child } of workers) process.kill(Number(execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).trim()), 'SIGTERM');
  const ended = await Promise.all(workers.map(({ done }) => done));
  const [wall, user, sys] = result.times();
  const workerCpu = ended.reduce((sum, { times }) => {
    const [, u, s] = times();
    return sum + u + s;
  }, 0);
  rows.push({ count, wall, cpu: user + sys + workerCpu, split: { coordinator: user + sys, workers: workerCpu } });
  console.error(`${count} worker(s): ${wall.toFixed(1)} s wall, ${(user + sys + workerCpu).toFixed(1)} CPU-s (run ${(user + sys).toFixed(1)}, workers ${workerCpu.toFixed(1)})`);
}
redis.kill('SIGTERM');
const load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
console.log(`${steps} steps, verify sleeps ${sleepMs} ms, load ${load}\n`);
console.log('| workers | wall s | CPU-s (all processes) | CPU-s per step: coordinator + workers | speed-up over 1 worker |\n|---|---|---|---|---|');
for (const row of rows) {
  const perStep = row.split ? `${(row.split.coordinator / steps).toFixed(2)} + ${(row.split.workers / steps).toFixed(2)}` : (row.cpu / steps).toFixed(2);
  console.log(`| ${row.count} | ${row.wall.toFixed(1)} | ${row.cpu.toFixed(1)} | ${perStep} | ${(rows[1].wall / row.wall).toFixed(2)}× |`);
}
rmSync(work, { recursive: true, force: true });
