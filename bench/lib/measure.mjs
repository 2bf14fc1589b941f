// Runs one command and measures its wall time and the peak memory of its whole process tree
// (the jscodeshift CLI forks worker processes; codemigrate uses threads in one process), by
// summing VmRSS over the tree every 50 ms. /usr/bin/time would report only the largest process.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const SAMPLE_MS = 50;
// CPU seconds (user + system, threads and waited-for child processes included) do not depend on
// what else the machine runs, unlike wall time: GNU time reports them when it is installed.
const GNU_TIME = '/usr/bin/time';

export function measure(command, args, { cwd, env = process.env } = {}) {
  const timeDir = existsSync(GNU_TIME) ? mkdtempSync(join(tmpdir(), 'codemigrate-bench-time-')) : undefined;
  const timeFile = timeDir && join(timeDir, 'time.txt');
  const [program, argv] = timeFile ? [GNU_TIME, ['-f', '%U %S', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(program, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    // CPU of the measured program's main thread (the last reading before it ended): the part of its
    // work that no other core can take, whatever the load (wall on an idle machine ≥ main / 1 core).
    let mainTicks = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setInterval(() => {
      peakKb = Math.max(peakKb, treeRssKb(child.pid));
      mainTicks = Math.max(mainTicks, mainThreadTicks(timeFile ? childPid(child.pid) : child.pid));
    }, SAMPLE_MS);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      let cpuSeconds = NaN;
      if (timeDir) {
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '';
        const [user, system] = last.split(' ').map(Number);
        cpuSeconds = user + system;
        rmSync(timeDir, { recursive: true, force: true });
      }
      resolve({ code, seconds, cpuSeconds, mainThreadCpuSeconds: mainTicks / CLOCK_TICKS, peakMb: peakKb / 1024, stdout, stderr });
    });
  });
}

/** USER_HZ: /proc's CPU times are in these ticks per second (100 on Linux for x86 and arm). */
const CLOCK_TICKS = 100;

/** The one child of `pid` (the program GNU time runs), or undefined. */
function childPid(pid) {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ').filter(Boolean);
    return children.length === 1 ? Number(children[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** utime + stime of `pid`'s main thread, in clock ticks; 0 when it is gone. */
function mainThreadTicks(pid) {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function treeRssKb(root) {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch {
      // the process ended between readdir and read
    }
  }
  const inTree = (pid) => {
    for (let current = pid, hops = 0; current > 1 && hops < 64; current = parents.get(current) ?? 0, hops += 1) {
      if (current === root) return true;
    }
    return false;
  };
  let total = 0;
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) total += Number(match[1]);
    } catch {
      // ended meanwhile
    }
  }
  return total;
}
