// Named failpoints for crash tests: CODEMIGRATE_FAILPOINT=<name>:<k> kills this process with
// SIGKILL at the k-th time <name> is reached (k defaults to 1). When CODEMIGRATE_FAILPOINT_LOG
// names a file, every hit of the armed point is appended to it first, so that a test can check
// that its failpoint was actually reached. Unset, a failpoint costs one comparison.

import { appendFileSync } from 'node:fs';

export const FAILPOINTS = [
  'after-plan-saved', // run-planned recorded, nothing committed yet
  'after-journal-append', // an event is in events.jsonl, state.json not yet rewritten
  'after-base-commit', // base commit object written, base ref not yet created
  'after-verify', // a step's verify passed, its ref not yet created
  'after-commit-object', // a step's commit object written, verify not yet run
  'after-ref', // a step's ref created, its step-finished event not yet recorded
  'after-setup-recorded', // setup-finished recorded
] as const;
export type Failpoint = (typeof FAILPOINTS)[number];

const armed = parse(process.env.CODEMIGRATE_FAILPOINT);
let hits = 0;

export function failpoint(name: Failpoint): void {
  if (armed === undefined || armed.name !== name) return;
  hits += 1;
  const log = process.env.CODEMIGRATE_FAILPOINT_LOG;
  if (log) appendFileSync(log, `${name} ${hits}\n`);
  if (hits === armed.k) process.kill(process.pid, 'SIGKILL');
}

function parse(value: string | undefined): { name: string; k: number } | undefined {
  if (!value) return undefined;
  const [name = '', k = '1'] = value.split(':');
  return { name, k: Math.max(1, Number(k) || 1) };
}
