// A Vitest setup file that records, per test file, the CPU seconds its worker process spent and
// those of every process it started: a figure other sessions on the same cores barely move, unlike
// wall time. Linux only. Used by bench/suite-cpu/vitest.config.ts, never by `npm test`.
//
// Two counts per file. `cpu`/`sinceStart`: this process's utime + stime and its reaped children's
// (/proc/self/stat). That misses every command run in the verify sandbox: bwrap's outer process
// exits without reaping the namespace's init, so the kernel charges that CPU to whoever reaps the
// orphans, not to us (`bwrap --unshare-pid … node -e busy` shows 0.00 s under /usr/bin/time).
// `cgroup`: where a cgroup v1 cpuacct hierarchy is writable (a root container), the worker moves
// itself into a cgroup of its own on first use, and its `cpuacct.usage` counts everything the
// worker and all its descendants ran, sandboxed or not.

import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

const LOG = process.env['SUITE_CPU_LOG'] ?? 'suite-cpu.ndjson';
const CPUACCT = '/sys/fs/cgroup/cpuacct';

/** utime + stime + cutime + cstime of this process, in seconds (clock ticks of 1/100 s). */
function cpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ", field 0 is the state; utime, stime, cutime, cstime are fields 11–14.
  return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0) / 100;
}

/** This worker's own cpuacct cgroup, made once (under the one it was started in), or undefined. */
function workerCgroup(): string | undefined {
  const key = Symbol.for('codemigrate.suite-cpu.cgroup');
  const store = globalThis as { [key]?: string | null };
  if (store[key] !== undefined) return store[key] ?? undefined;
  try {
    const line = readFileSync('/proc/self/cgroup', 'utf8').split('\n').find((entry) => /^\d+:[^:]*\bcpuacct\b[^:]*:/.test(entry));
    const current = line?.split(':')[2];
    if (current === undefined) throw new Error('no cpuacct cgroup');
    const parent = join(CPUACCT, current);
    // Earlier workers' cgroups, empty once their worker ended: a cgroup cannot remove itself.
    for (const name of readdirSync(parent).filter((entry) => /^suite-cpu-worker-\d+$/.test(entry))) {
      if (!existsSync(`/proc/${name.slice('suite-cpu-worker-'.length)}`)) rmdirSync(join(parent, name));
    }
    const dir = join(parent, `suite-cpu-worker-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cgroup.procs'), String(process.pid));
    store[key] = dir;
  } catch {
    store[key] = null; // not Linux, cgroup v2 only, or not writable: the /proc figures only
  }
  return store[key] ?? undefined;
}

const cgroupSeconds = (dir: string | undefined) => (dir === undefined ? undefined : Number(readFileSync(join(dir, 'cpuacct.usage'), 'utf8')) / 1e9);

let start = 0;
let startedAt = 0;
beforeAll(() => {
  workerCgroup();
  start = cpuSeconds();
  startedAt = Date.now();
});

afterAll(({}, suite) => {
  const end = cpuSeconds();
  const cgroup = cgroupSeconds(workerCgroup());
  // `sinceStart` also counts the worker's start and the file's imports and collection (a describe
  // body that runs the CLI); summary.mjs charges each file the growth since the file before it in
  // the same worker. `cgroup` is the same growth measured by the cgroup (all descendants), from
  // the moment the worker entered it (its first file's setup).
  appendFileSync(
    LOG,
    `${JSON.stringify({ file: (suite as { filepath?: string }).filepath, pid: process.pid, cpu: end - start, sinceStart: end, ...(cgroup !== undefined && { cgroup }), wall: (Date.now() - startedAt) / 1000 })}\n`,
  );
});
