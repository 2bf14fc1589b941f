// A Vitest setup file that records, per test file, the CPU seconds its worker process spent and
// those of every child it reaped (the CLI runs, and through them git, verify and sandbox
// processes): a figure other sessions on the same cores barely move, unlike wall time.
// Linux only (/proc/self/stat). Used by bench/suite-cpu/vitest.config.ts, never by `npm test`.

import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';

const LOG = process.env['SUITE_CPU_LOG'] ?? 'suite-cpu.ndjson';

/** utime + stime + cutime + cstime of this process, in seconds (clock ticks of 1/100 s). */
function cpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ", field 0 is the state; utime, stime, cutime, cstime are fields 11–14.
  return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0) / 100;
}

let start = 0;
let startedAt = 0;
beforeAll(() => {
  start = cpuSeconds();
  startedAt = Date.now();
});

afterAll(({}, suite) => {
  const end = cpuSeconds();
  // `sinceStart` also counts the worker's start and the file's imports and collection (a describe
  // body that runs the CLI); it is the file's own only where the worker ran no other file (isolate).
  appendFileSync(
    LOG,
    `${JSON.stringify({ file: (suite as { filepath?: string }).filepath, pid: process.pid, cpu: end - start, sinceStart: end, wall: (Date.now() - startedAt) / 1000 })}\n`,
  );
});
