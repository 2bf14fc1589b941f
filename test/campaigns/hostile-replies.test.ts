// Hostile model replies through the built CLI, the real openai SDK and the local server: one run
// whose every step (one module per case) gets one scripted reply. Every case must end rejected
// with its reason in the step's attempt log, or — for valid edits — committed with changes only
// in the step's own files; nothing may be written outside the step's files: not in the checkout,
// not in .git outside codemigrate's own refs and state, not through the repository's symlinks,
// not anywhere a hostile path points.

import { existsSync, lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { importBuilt, runCliHere } from '../helpers/cli.js';
import { CHECK_SCRIPT } from '../helpers/fixture-repo.js';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';
import { startModelServer, type ModelServer } from '../model-server/server.js';
import { TEST_API_KEY, TEST_API_KEY_ENV } from '../model-server/test-config.js';
import { changedKeys, fileTree, GIT_OWNED, reportFigures, seeded, sized } from './campaign-kit.js';
import { A_JS, A_TEST_JS, generatedCase, WRITTEN_CASES, type HostileCase } from './hostile-cases.js';

useHermeticGit();
// The review use-case as built (dist/), the code the runs below use: not transformed from src/ here.
const { reviewStep } = await importBuilt<typeof import('../../src/app/review.js')>('app/review.js');
const GENERATED = sized(40, 400);
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const moduleOf = (index: number) => `src/c${String(index).padStart(3, '0')}`;
const STEP_FILES = ['a.js', 'a.test.js', '.env'];



function caseRepo(count: number, outside: string): TempRepo {
  const repo = makeTempRepo();
  const files: Record<string, string> = { 'check.js': CHECK_SCRIPT, 'package.json': '{}\n' };
  for (let index = 0; index < count; index += 1) {
    const dir = moduleOf(index);
    files[`${dir}/a.js`] = A_JS;
    files[`${dir}/a.test.js`] = A_TEST_JS;
    files[`${dir}/.env`] = 'TOKEN=never-sent\n';
  }
  repo.write(files);
  for (let index = 0; index < count; index += 1) {
    symlinkSync(outside, join(repo.dir, moduleOf(index), 'escape'));
    symlinkSync(join(outside, 'target.js'), join(repo.dir, moduleOf(index), 'link.js'));
  }
  repo.commitAll('cases');
  return repo;
}

async function runCases(cases: readonly HostileCase[], runId: string) {
  const outside = makeTempDir('codemigrate-outside-');
  writeFileSync(join(outside, 'target.js'), 'target\n');
  const outsideFile = join(outside, 'PWNED-absolute.js');
  const repo = caseRepo(cases.length, outside);
  cleanups.push(() => repo.cleanup());
  const counters = new Map<number, number>();
  const unmatched: string[] = [];
  const server: ModelServer = await startModelServer((request) => {
    const text = JSON.stringify(request.body);
    const match = /### src\/c(\d{3})\//.exec(text);
    const index = match ? Number(match[1]) : -1;
    const testCase = cases[index];
    if (!testCase) {
      unmatched.push(text.slice(0, 200));
      return { kind: 'status', status: 500, message: 'no case' };
    }
    const n = counters.get(index) ?? 0;
    counters.set(index, n + 1);
    return testCase.reply({ module: moduleOf(index), other: moduleOf((index + 1) % cases.length), outside: outsideFile, n });
  });
  cleanups.push(() => server.close());

  const recipeDir = makeTempDir();
  writeFileSync(join(recipeDir, 'instructions.md'), 'Edit the files as you see fit.\n');
  const recipe = {
    id: 'hostile',
    description: 'every step asks the model (campaign)',
    modules: { by: 'directory', include: ['src/**'] },
    steps: [{ model: { instructions: './instructions.md', when: ['always'] } }],
    // A check that starts no Node (it fails on a FAIL_VERIFY marker, which no case writes): an
    // unparseable edit is the model-reply check's to reject, and what a check runs is not this campaign's subject.
    verify: [{ run: 'grep -l FAIL_VERIFY {files}; test $? -eq 1', timeoutSeconds: 60 }],
  };
  writeFileSync(join(recipeDir, 'recipe.json'), JSON.stringify(recipe));
  const model = { baseURL: server.baseURL, model: 'test-model', apiKeyEnv: TEST_API_KEY_ENV, timeoutSeconds: 20, idleTimeoutSeconds: 10, maxRetries: 0 };
  writeFileSync(join(repo.dir, 'migration.config.json'), JSON.stringify({ model }));

  const before = snapshotCheckout(repo);
  const gitBefore = fileTree(join(repo.dir, '.git'), GIT_OWNED);
  const outsideBefore = fileTree(outside);
  const passwd = readFileSync('/etc/passwd', 'utf8');
  const result = await runCliHere(['run', join(recipeDir, 'recipe.json'), '--repo', repo.dir, '--run-id', runId, '--concurrency', '4', '--max-attempts', '1'], {
    env: { [TEST_API_KEY_ENV]: TEST_API_KEY },
  });

  const problems: string[] = [];
  if (result.code !== 1) problems.push(`exit ${result.code}: ${result.stderr.slice(0, 500)}`);
  if (/internal error/.test(result.stderr)) problems.push(`crash: ${result.stderr.slice(0, 500)}`);
  if (unmatched.length > 0) problems.push(`requests without a case: ${unmatched.length}`);
  problems.push(...changedKeys(before, snapshotCheckout(repo), 'checkout changed'));
  problems.push(...changedKeys(gitBefore, fileTree(join(repo.dir, '.git'), GIT_OWNED), ".git changed outside codemigrate's own"));
  expect(fileTree(outside)).toEqual(outsideBefore);
  expect(readFileSync('/etc/passwd', 'utf8')).toBe(passwd);
  for (const place of ['/tmp', join(repo.dir, '..'), '/', repo.dir]) {
    for (const name of readdirSync(place)) if (name.includes('PWNED')) problems.push(`${place}/${name} was created`);
  }
  const refs = repo.git('for-each-ref', '--format=%(refname:lstrip=4)', `refs/heads/codemigrate/${runId}/`).split('\n').filter(Boolean);
  const outcomes = { rejected: 0, applied: 0 };
  const attemptsDir = join(repo.dir, '.git/codemigrate', runId, 'steps');
  for (const [index, testCase] of cases.entries()) {
    const step = moduleOf(index).replace('/', '-');
    const log = existsSync(join(attemptsDir, step, 'attempts.json'))
      ? (JSON.parse(readFileSync(join(attemptsDir, step, 'attempts.json'), 'utf8')) as { result: string; reason: string }[])
      : [];
    const last = log.at(-1);
    const label = `${testCase.name} (${step})`;
    if (refs.includes(step)) {
      outcomes.applied += 1;
      const changed = repo.git('diff', '--name-only', `codemigrate/${runId}/base`, `codemigrate/${runId}/${step}`).split('\n').filter(Boolean);
      const allowed = STEP_FILES.map((name) => `${moduleOf(index)}/${name}`);
      for (const path of changed) if (!allowed.includes(path)) problems.push(`${label}: committed ${path}`);
      if (testCase.expect !== 'applied' && !/^generated/.test(testCase.name)) problems.push(`${label}: applied, expected ${testCase.expect}`);
    } else {
      outcomes.rejected += 1;
      if (last?.result !== 'rejected' || !/^model reply rejected: ./.test(last.reason)) {
        problems.push(`${label}: no rejection reason in the attempt log: ${JSON.stringify(last)}`);
      } else if (testCase.expect === 'applied') {
        problems.push(`${label}: rejected (${last.reason.slice(0, 160)}), expected applied`);
      } else if (!testCase.expect.test(last.reason)) {
        problems.push(`${label}: reason "${last.reason.slice(0, 160)}" does not match ${testCase.expect}`);
      }
    }
  }
  // Spot-check that `review --json` carries the same attempt log.
  const sample = await reviewStep({ repo: repo.dir, runId, step: 'src-c000' });
  expect(sample.attemptLog.at(-1)?.reason).toMatch(/^model reply rejected: /);
  return { problems, outcomes, requests: server.requests.length, lstat: lstatSync(join(repo.dir, moduleOf(0), 'escape')).isSymbolicLink() };
}

describe('hostile model replies', () => {
  it(`rejects each of the ${WRITTEN_CASES.length} written cases with its reason, or keeps a valid edit inside the step`, async () => {
    expect(WRITTEN_CASES.length).toBeGreaterThanOrEqual(80);
    const { problems, outcomes, requests, lstat } = await runCases(WRITTEN_CASES, 'written');
    reportFigures('hostile-written', { cases: WRITTEN_CASES.length, requests, ...outcomes, problems: problems.length });
    expect(lstat).toBe(true);
    expect(problems).toEqual([]);
  }, 600_000);

  it(`writes nothing outside the step's files for ${GENERATED} generated cases`, async () => {
    const random = seeded(4242);
    const cases = Array.from({ length: GENERATED }, (_, index) => generatedCase(random, index));
    const { problems, outcomes, requests } = await runCases(cases, 'generated');
    reportFigures('hostile-generated', { cases: GENERATED, requests, ...outcomes, problems: problems.length });
    expect(problems).toEqual([]);
  }, sized(600_000, 900_000));
});
