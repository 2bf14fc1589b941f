// Baseline-relative verdicts end to end, through the built CLI on a TypeScript project checked by
// tsc and Vitest (this project's own, linked in as the temp repository's node_modules): a step
// that weakens a test and adds a type error fails naming both; an old error does not fail a step;
// land checks every module and names what a landed step broke elsewhere.

import { existsSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';
import { startModelServer } from '../model-server/server.js';
import { TEST_API_KEY, TEST_API_KEY_ENV } from '../model-server/test-config.js';

useHermeticGit();
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/verdicts/recipe.json');
const MODEL_RECIPE = join(PROJECT_ROOT, 'test/fixtures/verdicts/model-recipe.json');
const KEPT_RECIPE = join(PROJECT_ROOT, 'test/fixtures/verdicts/kept-recipe.json');
const repos: TempRepo[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const repo of repos.splice(0)) repo.cleanup();
  for (const close of closers.splice(0)) await close();
});

const PROJECT: Record<string, string> = {
  '.gitignore': 'node_modules\n',
  'tsconfig.json': JSON.stringify({
    // No DOM lib: less for each tsc run to read.
    compilerOptions: { strict: true, noEmit: true, target: 'ES2022', lib: ['ES2022'], module: 'ESNext', moduleResolution: 'Bundler', types: [], skipLibCheck: true },
    include: ['src'],
  }),
  'src/a/math.ts': 'export const add = (a: number, b: number): number => a + b;\nexport const size: number = 3; // @migrate: break-type\n',
  'src/a/math.test.ts': [
    "import { describe, expect, it } from 'vitest';",
    "import { add } from './math.js';",
    "describe('math', () => {",
    "  it('adds', () => expect(add(1, 2)).toBe(3)); // @migrate: skip",
    "  it('adds zero', () => expect(add(1, 0)).toBe(1));",
    '});',
    '',
  ].join('\n'),
  'src/c/names.ts': "export const oldName = 'x'; // @migrate: rename\n",
  // An error the project already has: a step must not be failed for it.
  'src/c/legacy.ts': "export const count: number = 'many';\n",
  'src/c/lib.ts': 'export function one(): number {\n  return 1; // @migrate: change-return\n}\n',
  'src/e/one.test.ts': "import { describe, expect, it } from 'vitest';\nimport { one } from '../c/lib.js';\ndescribe('one', () => {\n  it('returns 1', () => expect(one()).toBe(1));\n});\n",
};

function project(files: Record<string, string> = PROJECT): TempRepo {
  const repo = makeTempRepo(files);
  repos.push(repo);
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(repo.dir, 'node_modules'), 'dir');
  return repo;
}

const events = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('verdicts against the baseline', () => {
  it('fails the steps that regress, names what regressed, passes one the old error sits in, and land checks every module', async () => {
    const repo = project({ ...PROJECT, '.gitignore': 'node_modules\n.env\ndist/\n' });
    // What the checkout has and the scratch worktrees do not: named once, since a baseline check fails.
    repo.write({ '.env': 'TOKEN=1\n', 'dist/math.js': 'built\n' });
    const run = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'v1', '--json']);
    expect(run.code, run.stderr).toBe(1);
    const all = events(run.stdout);
    const notices = all.filter((event) => event.type === 'notice' && String(event.message).includes('not what git ignores in your checkout'));
    expect(notices.map((event) => String(event.message).replace(/^.*checkout: /, ''))).toEqual(['.env, dist/. If the check passes in your checkout, one of those is why: build it in the check, or in the config\'s install']);
    const baseline = all.find((event) => event.type === 'baseline-finished') as { baseline: { checks: { parser: string; diagnostics?: number; tests?: Record<string, number> }[] } };
    expect(baseline.baseline.checks.map((check) => [check.parser, check.diagnostics, check.tests])).toEqual([
      ['tsc', 1, undefined],
      ['vitest', undefined, { passed: 3 }],
    ]);
    const finished = Object.fromEntries(all.filter((event) => event.type === 'step-finished').map((event) => [event.step, event]));
    expect(finished['src-a']).toMatchObject({ status: 'failed' });
    expect(finished['src-a']!.reason).toMatch(/^regressed against the baseline: 1 new diagnostic\(s\), 1 test\(s\) no longer passing; /);
    const review = await runCliHere(['review', 'v1', 'src-a', '--repo', repo.dir]);
    expect(review.stdout).toContain('regressed against the baseline:\n  new diagnostic: src/a/math.ts(2): TS2322');
    expect(review.stdout).toContain('  test no longer passing (skipped): src/a/math.test.ts › math > adds\n');
    expect(finished['src-c']).toMatchObject({ status: 'succeeded' });
    expect(finished['src-e']).toMatchObject({ status: 'unchanged' });
    // The typecheck is incremental ({cache}): the steps above were judged from a copy of the
    // baseline's build info, which the run keeps; no worktree kept a copy of its own.
    const caches = readdirSync(join(repo.dir, '.git/codemigrate/v1/check-cache'));
    expect(caches).toHaveLength(1);
    expect(existsSync(join(repo.dir, '.git/codemigrate/v1/check-cache', caches[0]!, 'tsc.tsbuildinfo'))).toBe(true);

    // src-c passed its own checks, but another module's test relied on what it changed.
    const land = await runCliHere(['land', 'v1', '--repo', repo.dir]);
    expect(land.code, land.stderr).toBe(1);
    expect(land.stdout).toContain('verdict: UNVERIFIED: 1 regression(s) against the baseline');
    expect(land.stdout).toContain('test no longer passing (failed): src/e/one.test.ts › one > returns 1');
    expect(repo.git('log', '-1', '--format=%(trailers:key=Codemigrate-Verdict,valueonly)', 'codemigrate/v1/result')).toBe('unverified');
    const status = await runCliHere(['status', 'v1', '--repo', repo.dir]);
    expect(status.stdout).toContain('landed on codemigrate/v1/result (verdict: unverified: 1 regression(s))');
    expect(repo.git('show', 'codemigrate/v1/result:src/c/names.ts')).toBe("export const newName = 'x';");
  }, 600_000); // a backstop only: ~8 tsc and Vitest runs

  it("judges the steps by the answers of a typecheck kept from the baseline (a check's serve), as by the check it stands for", async () => {
    const repo = project({ '.gitignore': PROJECT['.gitignore']!, 'tsconfig.json': PROJECT['tsconfig.json']!, 'src/a/math.ts': PROJECT['src/a/math.ts']!, 'src/c/names.ts': PROJECT['src/c/names.ts']!, 'src/c/legacy.ts': PROJECT['src/c/legacy.ts']! });
    const run = await runCliHere(['run', KEPT_RECIPE, '--repo', repo.dir, '--run-id', 'k1']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('tsc (exit 2; 1 diagnostic(s)): ');
    expect(run.stdout).toContain('(kept process: baseline)');
    expect(run.stdout).toContain("step src-a failed 1 file(s) +1 -1");
    expect(run.stdout).toContain("regressed against the baseline: 1 new diagnostic(s); new diagnostic: src/a/math.ts(2): TS2322 Type 'number' is not assignable to type 'string'.");
    // The old error in src/c does not fail the step that changed a file beside it.
    expect(run.stdout).toMatch(/step src-c succeeded/);
    const review = await runCliHere(['review', 'k1', 'src-a', '--repo', repo.dir]);
    expect(review.stdout).toContain('tsc-check.mjs {cache} (kept process: incremental)');
    expect(review.stdout).toContain("src/c/legacy.ts(1,14): error TS2322: Type 'string' is not assignable to type 'number'.");
  }, 600_000); // a backstop only

  it('fails a model reply that skips a test, and asks the next attempt with the test it weakened', async () => {
    const repo = project({
      '.gitignore': PROJECT['.gitignore']!,
      'tsconfig.json': PROJECT['tsconfig.json']!,
      'src/f/size.ts': 'export function size(): number {\n  return 1; // @migrate: change-return\n}\n',
      'src/f/size.test.ts': "import { expect, it } from 'vitest';\nimport { size } from './size.js';\nit('has a size', () => expect(size()).toBe(1));\n",
    });
    const fixReturn = { path: 'src/f/size.ts', search: 'return 2', replace: 'return 1' };
    const model = await startModelServer([
      { kind: 'edits', edits: [fixReturn, { path: 'src/f/size.test.ts', search: "it('has a size'", replace: "it.skip('has a size'" }] },
      // Edits apply to the previous attempt's text: this one puts the test back.
      { kind: 'edits', edits: [{ path: 'src/f/size.test.ts', search: "it.skip('has a size'", replace: "it('has a size'" }] },
    ]);
    closers.push(() => model.close());
    const config = { model: { baseURL: model.baseURL, model: 'test-model', apiKeyEnv: TEST_API_KEY_ENV, timeoutSeconds: 120, idleTimeoutSeconds: 60, maxRetries: 1 } };
    writeFileSync(join(repo.dir, 'migration.config.json'), JSON.stringify(config));
    const run = await runCliHere(['run', MODEL_RECIPE, '--repo', repo.dir, '--run-id', 'm1'], { env: { [TEST_API_KEY_ENV]: TEST_API_KEY } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(model.requests).toHaveLength(2);
    const sent = (n: number) => (model.requests[n]!.body as { messages: { content: string }[] }).messages.map((m) => m.content).join('\n');
    expect(sent(0)).toContain('test no longer passing (failed): src/f/size.test.ts › has a size');
    expect(sent(1)).toContain('test no longer passing (skipped): src/f/size.test.ts › has a size');
    expect(repo.git('show', 'codemigrate/m1/src-f:src/f/size.test.ts')).toContain("it('has a size'");
    const review = await runCliHere(['review', 'm1', 'src-f', '--repo', repo.dir]);
    expect(review.stdout).toContain('2. model: verify-failed: regressed against the baseline: 1 test(s) no longer passing');
    expect(review.stdout).toContain('3. model: succeeded: no regression against the baseline');
  }, 600_000); // a backstop only
});
