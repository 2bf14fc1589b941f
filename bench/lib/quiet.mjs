// The bench shares its machine: before each timed run, wait (a bounded time) until the CPUs are
// mostly idle, and say how busy they were, so that a figure taken under load can be recognised.

import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

function cpuTimes() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + (fields[4] ?? 0);
  return { idle, total: fields.reduce((sum, value) => sum + value, 0) };
}

/** Fraction of CPU time used by anything over `ms` milliseconds (0 = idle, 1 = every core busy). */
export async function busyFraction(ms = 1000) {
  const before = cpuTimes();
  await sleep(ms);
  const after = cpuTimes();
  const total = after.total - before.total;
  return total === 0 ? 0 : 1 - (after.idle - before.idle) / total;
}

/** Waits until less than `threshold` of the CPUs is busy, for at most `maxWaitMs`; returns the last reading. */
export async function waitForQuiet({ threshold = 0.15, maxWaitMs = 60_000 } = {}) {
  const deadline = Date.now() + maxWaitMs;
  let busy = await busyFraction();
  while (busy >= threshold && Date.now() < deadline) busy = await busyFraction();
  return busy;
}
