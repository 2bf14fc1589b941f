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

const code = await main(hideBin(process.argv), { stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
process.exitCode = code;
// Let stdout drain, then end even if a library left a handle open.
process.stdout.write('', () => process.exit(code));
