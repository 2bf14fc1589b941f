// The suite as `npm test` runs it, with setup.ts recording CPU seconds per test file:
//   SUITE_CPU_LOG=/tmp/suite-cpu.ndjson npx vitest run --config bench/suite-cpu/vitest.config.ts
//   node bench/suite-cpu/summary.mjs /tmp/suite-cpu.ndjson

import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import base from '../../vitest.config.js';

export default mergeConfig(base, {
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: { setupFiles: [fileURLToPath(new URL('./setup.ts', import.meta.url))] },
});
