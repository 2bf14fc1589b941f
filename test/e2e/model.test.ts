// Model edits end to end: the built CLI talks to the local OpenAI-compatible server through the
// real openai SDK. Leftovers and verify failures go to the model; bad replies feed the next
// attempt; no model → needs-model, finished by resume; the token budget; replay after a kill.

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliHere, startCli } from '../helpers/cli.js';
import { CHECK_SCRIPT } from '../helpers/fixture-repo.js';
import { makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';
import { startModelServer, type ModelServer, type Script } from '../model-server/server.js';
import { TEST_API_KEY, TEST_API_KEY_ENV } from '../model-server/test-config.js';

useHermeticGit();
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/model-recipe.json');
// The same recipe with a check that starts no Node (it fails on the FAIL_VERIFY marker too), for the
// tests that do not read what node check.js prints.
const QUICK_RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/model-recipe-quick-check.json');
const ENV = { [TEST_API_KEY_ENV]: TEST_API_KEY };
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function repoWith(files: Record<string, string>): TempRepo {
  const repo = makeTempRepo({ 'check.js': CHECK_SCRIPT, ...files });
  cleanups.push(() => repo.cleanup());
  return repo;
}

async function server(script: Script): Promise<ModelServer> {
  const started = await startModelServer(script);
  cleanups.push(() => started.close());
  return started;
}

function configure(repo: TempRepo, baseURL: string, extra: Record<string, unknown> = {}, config: Record<string, unknown> = {}): void {
  // Deadlines are backstops only: the local server answers at once, and at load 20 a 2 s idle
  // deadline fired, the client asked again, and the scripted replies went to the wrong requests.
  const model = { baseURL, model: 'test-model', apiKeyEnv: TEST_API_KEY_ENV, timeoutSeconds: 120, idleTimeoutSeconds: 60, maxRetries: 1, maxRetryAfterSeconds: 1, ...extra };
  // The config is read from the working tree: no commit needed.
  writeFileSync(join(repo.dir, 'migration.config.json'), JSON.stringify({ ...config, model }));
}

const userText = (request: { body: unknown }) =>
  ((request.body as { messages: { role: string; content: string }[] }).messages ?? []).map((message) => message.content).join('\n');

describe('model edits', () => {
  it('sends the leftovers the codemod reported and commits the verified fix', async () => {
    // y.js is in the step but no leftover names it: the request names it and does not show it.
    const repo = repoWith({ 'src/a/x.js': 'var oldName = eval("1");\nmodule.exports = oldName;\n', 'src/a/y.js': 'module.exports = "y-body-not-sent";\n' });
    const model = await server([{ kind: 'edits', edits: [{ path: 'src/a/x.js', search: 'eval("1")', replace: '1' }], notes: 'inlined eval' }]);
    configure(repo, model.baseURL);
    const result = await runCliHere(['run', QUICK_RECIPE, '--repo', repo.dir, '--run-id', 'm1'], { env: ENV });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(repo.git('show', 'codemigrate/m1/src-a:src/a/x.js')).toBe('var newName = 1;\nmodule.exports = newName;');
    expect(model.requests).toHaveLength(1);
    const sent = userText(model.requests[0]!);
    expect(sent).toContain('src/a/x.js');
    expect(sent).toContain('var newName = eval("1");');
    expect(sent).toContain('eval() at line 1 needs a person');
    expect(sent).toContain('Replace every eval() call');
    expect(sent).not.toContain('y-body-not-sent');
    expect(sent).toContain('not shown (not editable in this attempt)\n\n- src/a/y.js');
    expect(model.requests[0]!.authorization).toBe('present');

    const status = await runCliHere(['status', 'm1', '--repo', repo.dir, '--json']);
    const row = status.stdout.trim().split('\n').map((line) => JSON.parse(line)).find((entry) => entry.step === 'src-a');
    expect(row).toMatchObject({ status: 'succeeded', attempts: 1, tokens: 18 });
    const transcript = readFileSync(join(repo.dir, '.git/codemigrate/m1/steps/src-a/attempt-1/transcript.json'), 'utf8');
    expect(transcript).toContain('inlined eval');
    expect(transcript).not.toContain(TEST_API_KEY);
  });

  it('retries a failed verify with the errors, feeds a rejected reply back, and succeeds', async () => {
    const repo = repoWith({ 'src/b/y.js': 'var oldName = "FAIL_VERIFY";\nmodule.exports = oldName;\n' });
    const model = await server([
      { kind: 'edits', edits: [{ path: 'src/b/y.js', search: 'NOT THERE', replace: 'x' }] },
      { kind: 'edits', edits: [{ path: 'src/b/y.js', search: '"FAIL_VERIFY"', replace: '"ok"' }] },
    ]);
    configure(repo, model.baseURL);
    const result = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'm2', '--json'], { env: ENV });
    expect(result.code, result.stderr).toBe(0);
    expect(model.requests).toHaveLength(2);
    expect(userText(model.requests[0]!)).toContain('FAIL_VERIFY marker');
    expect(userText(model.requests[1]!)).toContain('search matches 0 times');
    expect(repo.git('show', 'codemigrate/m2/src-b:src/b/y.js')).toContain('var newName = "ok";');
    expect(repo.git('log', '-1', '--format=%(trailers:key=Codemigrate-Attempts,valueonly)', 'codemigrate/m2/src-b')).toBe('3');
    const review = await runCliHere(['review', 'm2', 'src-b', '--repo', repo.dir, '--json']);
    expect(JSON.parse(review.stdout)).toMatchObject({ status: 'succeeded', attempts: 3 });
    const text = await runCliHere(['review', 'm2', 'src-b', '--repo', repo.dir]);
    expect(text.stdout).toContain('1. codemods: verify-failed: regressed against the baseline: 1 check(s) failed; check failed (exit 1; on the source commit: failed, and its results could not be read (it has no parser), so it must pass): node check.js');
    expect(text.stdout).toContain('2. model: rejected: model reply rejected:');
    expect(text.stdout).toContain('3. model: succeeded: no regression against the baseline');
    expect(text.stdout).toMatch(/model transcript, attempt 3: \d+ characters sent, 11 prompt \+ 7 completion tokens/);
  });

  it('fails after --max-attempts with the last reason', async () => {
    const repo = repoWith({ 'src/b/y.js': 'var oldName = "FAIL_VERIFY";\n' });
    const model = await server(() => ({ kind: 'edits', edits: [{ path: '../outside.js', content: 'x' }] }));
    configure(repo, model.baseURL);
    const result = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'm3', '--max-attempts', '2'], { env: ENV });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/step src-b failed.*model reply rejected: .*leaves the repository/);
    expect(model.requests).toHaveLength(1);
    expect(existsSync(join(repo.dir, '..', 'outside.js'))).toBe(false);
    const compact = await runCliHere(['status', 'm3', '--compact', '--repo', repo.dir]);
    expect(compact.code, compact.stderr).toBe(0);
    expect(compact.stdout).toContain('# src-b');
    expect(compact.stdout).toContain('FAIL_VERIFY marker');
    expect(compact.stdout).toContain('Do not repeat an approach listed above that failed.');
  });

  it('leaves needs-model steps without a model, and resume finishes them once one is configured', async () => {
    const repo = repoWith({ 'src/a/x.js': 'var oldName = eval("2");\n', 'src/c/z.js': 'var oldName = 3;\n' });
    const first = await runCliHere(['run', QUICK_RECIPE, '--repo', repo.dir, '--run-id', 'm4'], { env: ENV });
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/step src-a needs-model .*1 leftover\(s\) need a model, none is configured: src\/a\/x\.js: eval\(\) at line 1/);
    expect(first.stdout).toMatch(/step src-c succeeded/);
    const model = await server([{ kind: 'edits', edits: [{ path: 'src/a/x.js', search: 'eval("2")', replace: '2' }] }]);
    configure(repo, model.baseURL);
    const resumed = await runCliHere(['resume', '--repo', repo.dir], { env: ENV });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('1 of 2 step(s) to run');
    expect(repo.git('show', 'codemigrate/m4/src-a:src/a/x.js')).toBe('var newName = 2;');
  });

  it('stops calling the model when the run-wide token budget is spent', async () => {
    const repo = repoWith({ 'src/a/x.js': 'var oldName = eval("1");\n', 'src/d/w.js': 'var oldName = eval("4");\n' });
    const model = await server(() => ({ kind: 'edits', edits: [{ path: 'src/a/x.js', search: 'eval("1")', replace: '1' }], usage: { prompt_tokens: 40, completion_tokens: 10 } }));
    configure(repo, model.baseURL, { maxTokensPerRun: 30 });
    const result = await runCliHere(['run', QUICK_RECIPE, '--repo', repo.dir, '--run-id', 'm5', '--concurrency', '1', '--json'], { env: ENV });
    expect(result.code).toBe(1);
    expect(model.requests).toHaveLength(1);
    const finished = result.stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((event) => event.type === 'step-finished');
    expect(finished.map((event) => [event.step, event.status])).toEqual([
      ['src-a', 'succeeded'],
      ['src-d', 'budget-exhausted'],
    ]);
  });

  it('replays the recorded reply after a kill instead of calling the model again', async () => {
    const repo = repoWith({ 'src/a/x.js': 'var oldName = eval("5");\n' });
    const model = await server([{ kind: 'edits', edits: [{ path: 'src/a/x.js', search: 'eval("5")', replace: '5' }] }]);
    configure(repo, model.baseURL);
    // Killed once the step's commit object with the model's edit is written, before its verify: the
    // reply is on disk and the step is not done. (A kill from here while verify ran needed
    // CHECK_SLEEP_MS, which the verify sandbox does not pass on: it raced the step's end.)
    const killed = await runCliHere(['run', QUICK_RECIPE, '--repo', repo.dir, '--run-id', 'm6'], { env: { ...ENV, CODEMIGRATE_FAILPOINT: 'after-commit-object:1' } });
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(join(repo.dir, '.git/codemigrate/m6/steps/src-a/attempt-1/transcript.json'))).toBe(true);
    expect(readdirSync(join(repo.dir, '.git/codemigrate/m6/replies')).filter((name) => name.endsWith('.json'))).toHaveLength(1);
    expect(repo.git('for-each-ref', 'refs/heads/codemigrate/m6/src-a')).toBe('');
    const resumed = await runCliHere(['resume', 'm6', '--repo', repo.dir], { env: ENV });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(model.requests).toHaveLength(1);
    expect(repo.git('show', 'codemigrate/m6/src-a:src/a/x.js')).toBe('var newName = 5;');
    const transcript = JSON.parse(readFileSync(join(repo.dir, '.git/codemigrate/m6/steps/src-a/attempt-2/transcript.json'), 'utf8'));
    expect(transcript.replayed).toBe(true);
  });

  it('exits 130 promptly on SIGINT during a Retry-After wait, and resume finishes the step', async () => {
    const repo = repoWith({ 'src/a/x.js': 'var oldName = eval("7");\n' });
    const model = await server([
      { kind: 'status', status: 429, headers: { 'retry-after': '3600' } },
      { kind: 'edits', edits: [{ path: 'src/a/x.js', search: 'eval("7")', replace: '7' }] },
    ]);
    configure(repo, model.baseURL, { maxRetryAfterSeconds: 120 });
    const { child, done } = startCli(['run', QUICK_RECIPE, '--repo', repo.dir, '--run-id', 'm8'], { env: ENV });
    // SIGINT once the 429 is in the client's hands: from then on it is in, or about to enter, the
    // Retry-After wait, and a wait that starts after the abort ends at once (deadline.ts's sleep).
    await model.replied(1);
    const sent = Date.now();
    child.kill('SIGINT');
    const result = await done;
    expect(result.code, result.stdout + result.stderr).toBe(130);
    // Promptly: the wait it was in lasts maxRetryAfterSeconds (120 s); half of that is a bound no
    // busy machine comes near, so the outcome says whether the wait was cut short, not how fast this machine is.
    expect(Date.now() - sent).toBeLessThan(60_000);
    expect(result.stderr).toContain('codemigrate resume');
    expect(existsSync(join(repo.dir, '.git/codemigrate/lock'))).toBe(false);
    const resumed = await runCliHere(['resume', '--repo', repo.dir], { env: ENV });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(model.requests).toHaveLength(2);
  });

  it('never sends neverSendToModel files and keeps the key out of verify', async () => {
    const repo = repoWith({
      'src/a/x.js': 'var oldName = eval("6");\n',
      'src/a/secrets.js': 'module.exports = "canary-4f2b9";\n',
      'src/a/check-env.js': 'if (process.env.CODEMIGRATE_TEST_MODEL_KEY) { console.error("key leaked"); process.exit(1); }\n',
    });
    const model = await server([{ kind: 'edits', edits: [{ path: 'src/a/x.js', search: 'eval("6")', replace: '6' }] }]);
    configure(repo, model.baseURL, {}, { neverSendToModel: ['**/secrets.js'] });
    const recipe = JSON.parse(readFileSync(RECIPE, 'utf8'));
    recipe.steps[0].codemod = join(PROJECT_ROOT, 'test/fixtures/e2e/transforms/rename-identifier.js');
    recipe.steps[1].model.instructions = join(PROJECT_ROOT, 'test/fixtures/e2e/model-instructions.md');
    recipe.verify = [{ run: 'node src/a/check-env.js && node check.js src/a/x.js', timeoutSeconds: 30 }];
    const file = join(repo.dir, '..', `${repo.dir.split('/').pop()}-recipe.json`);
    writeFileSync(file, JSON.stringify(recipe));
    cleanups.push(() => writeFileSync(file, ''));
    const result = await runCliHere(['run', file, '--repo', repo.dir, '--run-id', 'm7'], { env: ENV });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(JSON.stringify(model.requests)).not.toContain('canary-4f2b9');
    expect(JSON.stringify(model.requests)).not.toContain('secrets.js');
    expect(JSON.stringify(model.requests)).toContain('check-env.js');
  });
});
