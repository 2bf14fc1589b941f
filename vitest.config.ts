import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'migrations/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/__testfixtures__/**', 'dist/**'],
    // Backstops only: no test waits on time. An e2e test of a few CLI runs takes 4–8 s on an idle
    // machine and took 20 s with other suites running on the same 2 cores (load ~10), too close to 30 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two test files at a time on the 2-core CI machine (Vitest's default there is one): the
    // end-to-end files mostly wait on the CLIs they spawn. 120–134 s instead of ~220 s.
    maxWorkers: 2,
  },
});
