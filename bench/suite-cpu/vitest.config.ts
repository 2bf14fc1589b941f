// The suite as `npm test` runs it, with setup.ts recording CPU seconds per test file:
//   SUITE_CPU_LOG=/tmp/suite-cpu.ndjson npx vitest run --config bench/suite-cpu/vitest.config.ts
//   node bench/suite-cpu/summary.mjs /tmp/suite-cpu.ndjson
// As root in a container with a writable /sys/fs/cgroup/cpuacct, each worker counts in a cgroup of
// its own (setup.ts): sandboxed verify commands included. For the whole run, vitest's main process
// too, start it from a shell in a cgroup of its own and read that cgroup's cpuacct.usage after.

import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import base from '../../vitest.config.js';

export default mergeConfig(base, {
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: { setupFiles: [fileURLToPath(new URL('./setup.ts', import.meta.url))] },
});
