import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'migrations/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/__testfixtures__/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two test files at a time on the 2-core CI machine (Vitest's default there is one): the
    // end-to-end files mostly wait on the CLIs they spawn. 120–134 s instead of ~220 s.
    maxWorkers: 2,
  },
});
