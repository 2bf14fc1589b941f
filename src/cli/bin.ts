// The process around the command line: argv, the two-step interrupt, and how the process ends.

import { hideBin } from 'yargs/helpers';
import { main } from './main.js';

const controller = new AbortController();
let interrupts = 0;
const onSignal = () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(130);
  process.stderr.write('codemigrate: interrupted; no new step starts, the steps in flight end at their next checkpoint (Ctrl-C again to quit at once)\n');
  controller.abort(new Error('interrupted'));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// A reader that goes away (`codemigrate run --json | head -3`) closes the pipe. Node ignores SIGPIPE,
// so the next write fails with EPIPE as an 'error' event that nothing handled: a crash with a
// stack, mid-step. The command stops as on a first interrupt instead (resume goes on from there),
// and what it would still print is dropped (later writes fail as ERR_STREAM_DESTROYED).
const closed = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (!closed.has(error.code ?? '')) throw error;
  if (controller.signal.aborted) return;
  // Counted as the first interrupt: one Ctrl-C then quits at once, as after a first SIGINT.
  interrupts += 1;
  process.stderr.write('codemigrate: stdout was closed; stopping as on an interrupt (`codemigrate resume` goes on)\n');
  controller.abort(new Error('stdout closed'));
});
// Nowhere left to say anything: stderr's own closed pipe is not worth a crash.
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  if (!closed.has(error.code ?? '')) throw error;
});

const code = await main(hideBin(process.argv), { stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
process.exitCode = code;
// Let stdout drain, then end even if a library left a handle open.
process.stdout.write('', () => process.exit(code));
