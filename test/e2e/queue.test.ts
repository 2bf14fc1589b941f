// Distributed runs (`run --queue --remote`, `worker`): Redis and a bare remote on this machine,
// worker processes taking the steps. The step trees of a run with three workers (12 steps at the
// default size, the 40 under CODEMIGRATE_CAMPAIGN=full: 40 cost ~50 CPU-s more, a quarter
// of the suite's 4 minutes) must be a local run's, each step committed once on the remote, and a
// worker killed with SIGKILL mid-step must lose its step to another worker without a second commit.
// The moments are events: the armed worker is alone on the queue until it has taken a step, the
// other two start then, and its failpoint kills it. Only the armed worker's lock is short
// (CODEMIGRATE_QUEUE_LOCK_MS), so that its job moves soon after the kill; the live workers keep
// BullMQ's long lock and look for expired ones every second (CODEMIGRATE_QUEUE_STALLED_MS): with a
// short lock of their own, a live worker whose event loop a busy machine held up for 2 s lost its
// job too (seen at load 12: two steps failed instead of one). Steps are cheap (one codemod, verify
// is grep).

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBuilt, PROJECT_ROOT, runCli, runCliHere, startCli } from '../helpers/cli.js';
import { moduleFiles } from '../helpers/fixture-repo.js';
import { startRedis, stopProcess, freePort, type TestRedis } from '../helpers/redis.js';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';
import type { ChildProcess } from 'node:child_process';
import { startModelServer } from '../model-server/server.js';
import { TEST_API_KEY, TEST_API_KEY_ENV } from '../model-server/test-config.js';
import { CHECK_SCRIPT } from '../helpers/fixture-repo.js';
import { sized } from '../campaigns/campaign-kit.js';
import type { KeptRepositories, KeptRunWorktrees } from '../../src/app/worker.js';

useHermeticGit();
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe.json');
const MODEL_RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/model-recipe.json');
const QUEUE_RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/queue-recipe.json');
const MODULES = sized(12, 40);
const FILES = moduleFiles(MODULES, { 'src/mod003/c.js': 'var oldName = "FAIL_VERIFY";\n' });
const repos: TempRepo[] = [];
const dirs: string[] = [];
let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
  repos.forEach((repo) => repo.cleanup());
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function stepTrees(git: (...args: string[]) => string, run: string): Record<string, string> {
  const lines = git('for-each-ref', '--format=%(refname:lstrip=4) %(objectname)', `refs/heads/codemigrate/${run}/`).split('\n');
  const trees: Record<string, string> = {};
  for (const line of lines.filter(Boolean)) {
    const [step, commit] = line.split(' ') as [string, string];
    trees[step] = git('rev-parse', `${commit}^{tree}`);
  }
  return trees;
}

function startWorker(cacheDir: string, env: Record<string, string> = {}): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  return startCli(['worker', '--queue', redis.url, '--cache-dir', cacheDir, '--json'], { env: { CODEMIGRATE_QUEUE_STALLED_MS: '1000', ...env } });
}

describe('run --queue with worker processes', () => {
  it('gives a local run\'s step trees, each step committed once, though a worker is killed mid-step', async () => {
    const reference = makeTempRepo(FILES);
    const user = makeTempRepo(FILES);
    const remote = makeTempRepo();
    repos.push(reference, user, remote);
    remote.git('init', '-q', '--bare', '.');
    const local = await runCliHere(['run', QUEUE_RECIPE, '--repo', reference.dir, '--run-id', 'q', '--concurrency', '2']);
    expect(local.code, local.stderr).toBe(1); // mod003 fails verify by design
    const expected = stepTrees(reference.git, 'q');
    expect(Object.keys(expected)).toHaveLength(MODULES + 1);

    const cache = makeTempDir();
    dirs.push(cache);
    const failpointLog = join(cache, 'failpoint.log');
    // Alone on the queue, this worker takes the first step and dies after its commit object; the
    // other two start once it has taken that step, so that three workers share the run.
    const armed = startWorker(join(cache, 'armed'), { CODEMIGRATE_QUEUE_LOCK_MS: '2000', CODEMIGRATE_FAILPOINT: 'after-commit-object:1', CODEMIGRATE_FAILPOINT_LOG: failpointLog });
    const taken = new Promise<void>((resolve) => armed.child.stdout!.on('data', (chunk: Buffer) => String(chunk).includes('"step-started"') && resolve()));
    const coordinator = startCli(['run', QUEUE_RECIPE, '--repo', user.dir, '--run-id', 'q', '--queue', redis.url, '--remote', remote.dir, '--json']);
    await Promise.race([taken, armed.done]);
    const workers = [startWorker(join(cache, 'w1')), startWorker(join(cache, 'w2'))];
    const killed = await armed.done;
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    expect(readFileSync(failpointLog, 'utf8')).toBe('after-commit-object 1\n');

    const run = await coordinator.done;
    await Promise.all(workers.map(({ child }) => stopProcess(child)));
    expect(run.code, run.stderr).toBe(1);
    const finished = run.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line)).find((event) => event.type === 'run-finished');
    expect(finished.counts).toEqual({ succeeded: MODULES - 1, failed: 1 });

    // The same trees in the user's repository and on the remote, one commit per step over base.
    expect(stepTrees(user.git, 'q')).toEqual(expected);
    expect(stepTrees(remote.git, 'q')).toEqual(expected);
    for (const step of Object.keys(expected).filter((name) => name !== 'base')) {
      expect(remote.git('rev-list', '--count', `codemigrate/q/base..codemigrate/q/${step}`)).toBe('1');
      expect(user.git('rev-parse', `codemigrate/q/${step}`)).toBe(remote.git('rev-parse', `codemigrate/q/${step}`));
    }
    // The user's branch and checkout are untouched; status reads the run as a local one.
    expect(user.git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    expect(user.git('status', '--porcelain')).toBe('');
    const status = await runCliHere(['status', 'q', '--repo', user.dir, '--json']);
    expect(JSON.parse(status.stdout.split('\n')[0]!).counts).toEqual({ succeeded: MODULES - 1, failed: 1 });
  }, 600_000);

  it('a worker runs a step from the remote as a local run does, and takes a step already pushed as done', async () => {
    // No queue here: the job function itself, from two clones (two workers' caches).
    const { runStepJob } = await importBuilt<typeof import('../../src/app/worker.js')>('app/worker.js');
    const user = makeTempRepo(moduleFiles(2));
    const remote = makeTempRepo();
    repos.push(user, remote);
    remote.git('init', '-q', '--bare', '.');
    const local = await runCliHere(['run', QUEUE_RECIPE, '--repo', user.dir, '--run-id', 'j']);
    expect(local.code, local.stderr).toBe(0);
    const base = user.git('rev-parse', 'codemigrate/j/base');
    user.git('push', '-q', remote.dir, 'refs/heads/codemigrate/j/base');
    const cache = makeTempDir();
    dirs.push(cache);
    const notices: string[] = [];
    const job = { version: 1 as const, remote: remote.dir, runId: 'j', prefix: 'codemigrate', step: 'src-mod001' as never, baseCommit: base, recipe: { kind: 'file' as const, path: QUEUE_RECIPE }, maxAttempts: 1 };
    const ctx = (dir: string) => ({ cacheDir: join(cache, dir), busy: new Set<string>(), engines: new Map(), unsafeVerify: false, output: { emit: (event: { type: string; message?: string }) => void (event.message && notices.push(event.message)) } });

    // Worker a keeps its clone's repository and scratch worktrees between steps, as `worker` does:
    // the run's next step there resets the worktree the first one used instead of adding another.
    const repositories: KeptRepositories = new Map();
    const worktrees: KeptRunWorktrees = new Map();
    const kept = { ...ctx('a'), repositories, worktrees };
    try {
      const zero = await runStepJob({ ...job, step: 'src-mod000' as never }, kept);
      expect(zero).toMatchObject({ step: 'src-mod000', ref: 'pushed', outcome: { status: 'succeeded' } });
      const clone = join(cache, 'a', readdirSync(join(cache, 'a'))[0]!, 'slot-0');
      const scratch = () => execFileSync('git', ['-C', clone, 'worktree', 'list', '--porcelain'], { encoding: 'utf8' }).split('\n').filter((line) => line.startsWith('worktree ')).slice(1);
      const [worktree] = scratch();
      expect(worktree).toBeDefined();
      const first = await runStepJob(job, kept);
      expect(first).toMatchObject({ step: 'src-mod001', ref: 'pushed', attempts: 1, outcome: { status: 'succeeded' } });
      expect(scratch()).toEqual([worktree]);
    } finally {
      for (const { kept: held } of worktrees.values()) await held.pool?.close();
      for (const { repository } of repositories.values()) await (await repository).git.close();
    }
    expect(remote.git('rev-parse', 'codemigrate/j/src-mod000^{tree}')).toBe(user.git('rev-parse', 'codemigrate/j/src-mod000^{tree}'));
    const pushed = remote.git('rev-parse', 'codemigrate/j/src-mod001');
    expect(remote.git('rev-parse', `${pushed}^{tree}`)).toBe(user.git('rev-parse', 'codemigrate/j/src-mod001^{tree}'));

    const second = await runStepJob(job, ctx('b'));
    expect(second).toEqual({ step: 'src-mod001', ref: 'existed', attempts: 1, tokens: { prompt: 0, completion: 0 } });
    expect(remote.git('rev-parse', 'codemigrate/j/src-mod001')).toBe(pushed);
    expect(remote.git('rev-list', '--count', 'codemigrate/j/base..codemigrate/j/src-mod001')).toBe('1');
    expect(notices).toEqual(['j/src-mod000: succeeded, pushed', 'j/src-mod001: succeeded, pushed', 'j/src-mod001: succeeded, already on the remote']);
  });

  it('shares the run-wide token budget between workers: no more is spent than a local run may', async () => {
    // Four steps that each need one model call of 50 tokens, a budget of 100, two workers at
    // once. Each worker counting its own budget would call the model four times.
    const sources = Object.fromEntries(['a', 'b', 'c', 'd'].map((dir, index) => [`src/${dir}/x.js`, `var oldName = eval("${index}");\n`]));
    const user = makeTempRepo({ 'check.js': CHECK_SCRIPT, ...sources });
    const remote = makeTempRepo();
    repos.push(user, remote);
    remote.git('init', '-q', '--bare', '.');
    const model = await startModelServer((request) => {
      const sent = JSON.stringify(request.body);
      const [, dir, index] = /src\/(\w)\/x\.js.*?eval\(\\"(\d)\\"\)/.exec(sent) ?? [];
      return { kind: 'edits', edits: [{ path: `src/${dir}/x.js`, search: `eval("${index}")`, replace: index }], usage: { prompt_tokens: 40, completion_tokens: 10 } };
    });
    try {
      // Workers read the config at the base commit, so it is committed.
      const config = { model: { baseURL: model.baseURL, model: 'test-model', apiKeyEnv: TEST_API_KEY_ENV, timeoutSeconds: 120, idleTimeoutSeconds: 60, maxRetries: 1, maxRetryAfterSeconds: 1, maxTokensPerRun: 100 } };
      writeFileSync(join(user.dir, 'migration.config.json'), JSON.stringify(config));
      user.git('add', 'migration.config.json');
      user.git('commit', '-q', '-m', 'config');
      const cache = makeTempDir();
      dirs.push(cache);
      const env = { [TEST_API_KEY_ENV]: TEST_API_KEY };
      // No worker dies here: BullMQ's own lock time (startWorker's), so that a step's event loop held
      // up on a busy machine does not lose its job to the other worker (a step run twice charges its
      // tokens twice).
      const workers = [1, 2].map((index) => startWorker(join(cache, `w${index}`), env));
      const run = await runCli(['run', MODEL_RECIPE, '--repo', user.dir, '--run-id', 'b', '--queue', redis.url, '--remote', remote.dir, '--json'], { env });
      await Promise.all(workers.map(({ child }) => stopProcess(child)));
      expect(run.code, run.stderr).toBe(1);
      const events = run.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));
      const finished = events.filter((event) => event.type === 'step-finished');
      const status = await runCliHere(['status', 'b', '--repo', user.dir, '--json']);
      const rows: { type: string; tokens: number }[] = status.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line)).filter((row) => row.type === 'step');
      expect(model.requests).toHaveLength(2);
      expect(rows).toHaveLength(4);
      expect(rows.reduce((sum, row) => sum + row.tokens, 0)).toBe(100);
      // The steps beyond the budget end as in a local run (test/e2e/model.test.ts): budget-exhausted.
      expect(events.find((event) => event.type === 'run-finished').counts).toEqual({ succeeded: 2, 'budget-exhausted': 2 });
      for (const event of finished.filter((entry) => entry.status === 'budget-exhausted')) {
        expect(event.reason).toBe('the run-wide token budget (model.maxTokensPerRun) is spent');
      }
    } finally {
      await model.close();
    }
  }, 600_000);

  it('refuses a bad --queue or --remote with exit 2 and writes nothing', async () => {
    const user = makeTempRepo(FILES);
    repos.push(user);
    const closed = `redis://127.0.0.1:${await freePort()}`;
    const cases: [string[], RegExp][] = [
      [['--queue', 'localhost:6379', '--remote', user.dir], /--queue localhost:6379: not a Redis URL/],
      [['--queue', 'http://x', '--remote', user.dir], /--queue http:\/\/x: not a Redis URL/],
      [['--queue', redis.url], /--queue needs --remote/],
      [['--remote', user.dir], /--remote needs --queue/],
      [['--queue', closed, '--remote', user.dir], new RegExp(`--queue ${closed}: cannot reach Redis`)],
      [['--queue', redis.url, '--remote', join(user.dir, 'nowhere')], /--remote .*nowhere: not a git repository this machine can reach/],
    ];
    for (const [flags, message] of cases) {
      const result = await runCliHere(['run', RECIPE, '--repo', user.dir, '--run-id', 'bad', ...flags]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n').filter((line) => !line.startsWith('(see'))).toHaveLength(1);
    }
    expect(existsSync(join(user.dir, '.git/codemigrate'))).toBe(false);
    expect(user.git('for-each-ref', 'refs/heads/codemigrate/')).toBe('');
    const worker = await runCliHere(['worker', '--queue', 'redis//nope']);
    expect(worker.code).toBe(2);
    expect(worker.stderr).toMatch(/--queue redis\/\/nope: not a URL/);
  });
});
