import { defineConfig } from 'vitest/config';

const exclude = ['**/node_modules/**', '**/__testfixtures__/**', 'dist/**'];

// End-to-end files that keep a fresh process each, each for its reason (none now: lock.test.ts,
// which set CODEMIGRATE_SANDBOX=off in process.env, now gives it to the runs it spawns).
const E2E_ISOLATED: string[] = [];

export default defineConfig({
  test: {
    // Backstops only: no test waits on time. An e2e test of a few CLI runs takes 4–8 s on an idle
    // machine and took 20 s with other suites running on the same 2 cores (load ~10); many-files'
    // first test (~20 s idle) took 78–116 s at load 20, too close to 120 s. A hung test costs 10
    // minutes of a 90-minute CI; a backstop that a busy machine reaches fails a test that works.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // Two test files at a time on the 2-core CI machine (Vitest's default there is one): the
    // end-to-end files mostly wait on the CLIs they spawn. 120–134 s instead of ~220 s.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'migrations/**/*.test.ts'],
          exclude,
          // The unit files share their worker processes instead of a fresh process each: 73 files,
          // 103 → 65 CPU-s. They change no global state they do not put back (process.env,
          // cwd, umask are restored in their hooks); hermetic git is the same for all of them.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e-shared',
          include: ['test/**/*.test.ts'],
          exclude: [...exclude, ...E2E_ISOLATED],
          // These files share their worker processes too: vitest, the helpers and the built CLI that
          // runCliHere imports load once per worker instead of once per file. What they change of
          // the process they put back or is the same for all of them: useHermeticGit's variables,
          // cwd and process.env around each in-process command (test/helpers/cli.ts); servers,
          // temp folders and children end in their own hooks. The built CLI's module state that
          // outlives a command (its probed sandbox, loaded transforms and jscodeshift copies, jiti)
          // is keyed by path or is the machine's, and a failpoint, read once at load, always spawns.
          isolate: false,
          server: { deps: { external: [/\/dist\//] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E_ISOLATED,
          exclude,
          // The built CLI that runCliHere imports, loaded by Node as the bin loads it: inlined, Vite
          // would transform each of its modules in every test file first (~20 s of a loaded machine).
          server: { deps: { external: [/\/dist\//] } },
        },
      },
    ],
  },
});
