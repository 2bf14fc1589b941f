#!/usr/bin/env node
// Where one test file's CPU goes, process by process: runs a command in a cpuacct cgroup of its own
// (cgroup v1, writable: a root container, as setup.ts needs) and polls /proc every 50 ms for the
// CPU of each process in it, sandboxed verify commands included.
//   node bench/suite-cpu/per-process.mjs npx vitest run test/e2e/run.test.ts
// Prints the cgroup's total, then the sampled processes grouped by command (the first 100
// characters of the command line, numbers and temp paths folded), heaviest first. Processes that
// live less than a poll are missed (git, `node check.js`): the difference between the total and
// the sampled sum is theirs. A child seen between its fork and its exec is counted under its
// parent's command line. Linux only; a tool for finding what to cut, not a figure for RESULTS.md.

import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';

const CPUACCT = '/sys/fs/cgroup/cpuacct';
const TICKS = 100; // USER_HZ: /proc/<pid>/stat counts CPU in 1/100 s

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node bench/suite-cpu/per-process.mjs COMMAND [ARG…]');
  process.exit(2);
}
const line = readFileSync('/proc/self/cgroup', 'utf8').split('\n').find((entry) => /^\d+:[^:]*\bcpuacct\b[^:]*:/.test(entry));
const name = `per-process-${process.pid}`;
const dir = join(CPUACCT, line?.split(':')[2] ?? '/', name);
mkdirSync(dir);

/** pid → { cpu, sys, cmd } as last seen. */
const seen = new Map();
function poll() {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cgroup`, 'utf8').includes(`/${name}`)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      const [user, sys] = [Number(fields[11]) / TICKS, Number(fields[12]) / TICKS];
      const cmd = seen.get(pid)?.cmd ?? readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      seen.set(pid, { cpu: user + sys, sys, cmd: cmd || '?' });
    } catch {
      // Ended between readdir and read.
    }
  }
}

// The shell moves itself into the cgroup before it becomes the command: every descendant is counted.
const child = spawn('sh', ['-c', `echo $$ > ${join(dir, 'cgroup.procs')} && exec "$@"`, 'sh', ...command], { stdio: 'inherit' });
const timer = setInterval(poll, 50);
const code = await new Promise((resolve) => child.on('close', (status) => resolve(status ?? 1)));
clearInterval(timer);
poll();
const total = Number(readFileSync(join(dir, 'cpuacct.usage'), 'utf8')) / 1e9;
rmdirSync(dir);

const fold = (cmd) => cmd.replace(/\/tmp\/[\w.-]+/g, '/tmp/…').replace(/\d+/g, 'N').slice(0, 100);
const groups = new Map();
for (const { cpu, sys, cmd } of seen.values()) {
  const group = groups.get(fold(cmd)) ?? { cpu: 0, sys: 0, count: 0 };
  groups.set(fold(cmd), { cpu: group.cpu + cpu, sys: group.sys + sys, count: group.count + 1 });
}
const sampled = [...seen.values()].reduce((sum, { cpu }) => sum + cpu, 0);
console.log(`\n${total.toFixed(1)} CPU-s in the cgroup; ${sampled.toFixed(1)} sampled in ${seen.size} processes`);
console.log('| CPU-s | of it sys | processes | command |\n|---:|---:|---:|---|');
for (const [cmd, group] of [...groups].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 25)) {
  console.log(`| ${group.cpu.toFixed(2)} | ${group.sys.toFixed(2)} | ${group.count} | \`${cmd.replaceAll('|', '\\|')}\` |`);
}
process.exit(code);
