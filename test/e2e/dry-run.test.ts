// `run --dry-run` gives the verdict the real run gives for the codemod part: the same statuses
// (needs-model where leftovers wait for a model), the same reports, the setup's reports, and an
// exit code of 1 when a run would end with needs-model or failed steps. What a dry run cannot do
// (verify, ask a model) it says instead of claiming it.

import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { CHECK_SCRIPT } from '../helpers/fixture-repo.js';
import { makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';
import { startModelServer } from '../model-server/server.js';
import { TEST_API_KEY, TEST_API_KEY_ENV } from '../model-server/test-config.js';

useHermeticGit();
const MODEL_RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/model-recipe.json');
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function exampleApp(): TempRepo {
  const repo = makeTempRepo();
  cleanups.push(() => repo.cleanup());
  cpSync(join(PROJECT_ROOT, 'examples/node-deprecations-app'), repo.dir, { recursive: true });
  repo.commitAll('example app');
  return repo;
}

const lines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);

function expectNothingWritten(repo: TempRepo, before: Record<string, string>): void {
  expect(existsSync(join(repo.dir, '.git/codemigrate'))).toBe(false);
  expect(repo.git('for-each-ref', 'refs/heads/codemigrate/')).toBe('');
  expect(snapshotCheckout(repo)).toEqual(before);
}

describe('run --dry-run', () => {
  it('gives each step of node-deprecations the status and the reports the real run gives, and exits as it does', async () => {
    const repo = exampleApp();
    const before = snapshotCheckout(repo);
    const dry = await runCliHere(['run', 'node-deprecations', '--repo', repo.dir, '--dry-run', '--json']);
    expect(dry.stderr).toBe('');
    expectNothingWritten(repo, before);
    const diffs = lines(dry.stdout).filter((event) => event.type === 'step-diff' && event.step !== 'base');

    // Verify decides nothing a dry run can know; `true` keeps the real run short.
    writeFileSync(join(repo.dir, 'migration.config.json'), JSON.stringify({ verify: [{ run: 'true' }] }));
    const real = await runCliHere(['run', 'node-deprecations', '--repo', repo.dir, '--run-id', 'real', '--json']);
    const finished = lines(real.stdout).filter((event) => event.type === 'step-finished');
    expect(finished.length).toBeGreaterThan(2);
    expect(Object.fromEntries(diffs.map((event) => [event.step, event.status]))).toEqual(
      Object.fromEntries(finished.map((event) => [event.step, event.status])),
    );
    // The example's two `new Buffer(value)` steps, as the README says.
    expect(diffs.filter((event) => event.status === 'needs-model')).toHaveLength(2);
    expect(dry.code).toBe(real.code);
    expect(dry.code).toBe(1);

    // The run's journal holds each step's outcome: its reports and reason.
    const journal = lines(readFileSync(join(repo.dir, '.git/codemigrate/real/events.jsonl'), 'utf8'));
    const outcomes = Object.fromEntries(journal.filter((event) => event.type === 'step-finished').map((event) => [event.step, event.outcome]));
    for (const diff of diffs) {
      const outcome = outcomes[diff.step]!;
      expect(diff.reports, diff.step).toEqual(outcome.reports);
      if (diff.status === 'needs-model') {
        expect(diff.reason).toBe(outcome.reason);
        expect(diff.reason).toMatch(/^\d+ leftover\(s\) need a model, none is configured: src\/.+\.js:\d+: /);
        expect(diff.patch).not.toBe('');
      }
      expect(diff.verified, diff.step).toBe(diff.status === 'succeeded' ? false : undefined);
    }
    expect(lines(dry.stdout).at(-1)).toMatchObject({ type: 'run-finished', dryRun: true, exitCode: 1, counts: { 'needs-model': 2 } });

    // Leftovers are counted where the run is seen: the step events, status and status --json.
    const leftovers = Object.fromEntries(diffs.map((diff) => [diff.step, diff.reports.length]));
    const total = diffs.reduce((sum, diff) => sum + diff.reports.length, 0);
    expect(total).toBeGreaterThan(0);
    expect(Object.fromEntries(finished.map((event) => [event.step, event.leftovers]))).toEqual(leftovers);
    const [run, ...rows] = lines((await runCliHere(['status', 'real', '--repo', repo.dir, '--json'])).stdout);
    expect(run).toMatchObject({ type: 'run', leftovers: total });
    expect(Object.fromEntries(rows.map((row) => [row.step, row.leftovers]))).toEqual(leftovers);
    const plain = (await runCliHere(['status', 'real', '--repo', repo.dir])).stdout;
    expect(plain).toContain(`; ${total} leftover(s) (review STEP lists them)`);
    expect(plain).toMatch(/^step\s+status\s+attempts\s+files\s+\+\/-\s+leftovers\s/m);
    const held = diffs.find((diff) => diff.status === 'needs-model')!;
    expect(plain).toMatch(new RegExp(`^${held.step}\\s+needs-model\\s+1\\s+\\S+\\s+\\+\\d+ -\\d+\\s+${held.reports.length}\\s`, 'm'));
  });

  it('prints the verdicts plainly: leftovers under their step, "not verified" on the rest, and the counts', async () => {
    const repo = exampleApp();
    const result = await runCliHere(['run', 'node-deprecations', '--repo', repo.dir, '--dry-run']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^# step src-io \(src\/io\): needs-model: \d+ leftover\(s\) need a model, none is configured: src\/io\/\S+\.js:\d+: .+$/m);
    expect(result.stdout).toMatch(/^ {2}reported src\/io\/\S+\.js:\d+: .+$/m);
    expect(result.stdout).toMatch(/^# step src-util \(src\/util\): succeeded \(not verified: dry run\)$/m);
    expect(result.stdout).toMatch(/^dry run finished: (.+, )?2 needs-model(, .+)?; nothing was written \(exit 1\)$/m);
  });

  it('says needs-model where a configured model would be asked, and asks nothing', async () => {
    const repo = makeTempRepo({ 'check.js': CHECK_SCRIPT, 'src/a/x.js': 'var oldName = eval("1");\nmodule.exports = oldName;\n', 'src/b/y.js': 'var oldName = 2;\n' });
    cleanups.push(() => repo.cleanup());
    const model = await startModelServer([{ kind: 'edits', edits: [{ path: 'src/a/x.js', search: 'eval("1")', replace: '1' }] }]);
    cleanups.push(() => model.close());
    const config = { model: { baseURL: model.baseURL, model: 'test-model', apiKeyEnv: TEST_API_KEY_ENV, timeoutSeconds: 5, maxRetries: 0 } };
    repo.write({ 'migration.config.json': JSON.stringify(config) });
    repo.commitAll('config');
    const before = snapshotCheckout(repo);

    const result = await runCliHere(['run', MODEL_RECIPE, '--repo', repo.dir, '--dry-run', '--json'], { env: { [TEST_API_KEY_ENV]: TEST_API_KEY } });
    expect(result.code, result.stderr).toBe(1);
    expect(model.requests).toHaveLength(0);
    expectNothingWritten(repo, before);
    const diffs = Object.fromEntries(lines(result.stdout).filter((event) => event.type === 'step-diff').map((event) => [event.step, event]));
    expect(diffs['src-a']).toMatchObject({
      status: 'needs-model',
      reason: 'a model would be asked: 1 leftover(s): src/a/x.js: eval() at line 1 needs a person',
      reports: [{ file: 'src/a/x.js', message: 'eval() at line 1 needs a person' }],
    });
    expect(diffs['src-a']!.patch).toContain('+var newName = eval("1");');
    expect(diffs['src-b']).toMatchObject({ status: 'succeeded', verified: false, reports: [] });
  });
});
