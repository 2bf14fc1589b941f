// Transport faults from the local model server at 10 %, 30 % and 50 % of requests: 429 with
// retry hints, 5xx, connection resets before and after headers, stalls before and after headers.
// Which request fails is seeded per (module, request number), so the campaign is the same
// whatever order the steps' requests arrive in. At 30 % or less every run must complete with the
// trees of a fault-free run; at every rate the requests the server saw must equal the HTTP
// attempts the run recorded in its transcripts.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importBuilt, PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { CHECK_SCRIPT } from '../helpers/fixture-repo.js';
import { makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';
import { startModelServer, type ScriptedReply } from '../model-server/server.js';
import { TEST_API_KEY, TEST_API_KEY_ENV } from '../model-server/test-config.js';
import { testModelConfig } from '../model-server/test-config.js';
import { reportFigures, sized, stepTrees } from './campaign-kit.js';

useHermeticGit();
// The model client as built (dist/), the code the CLI runs below use: not transformed from src/ here.
const { createModelClient } = await importBuilt<typeof import('../../src/model/index.js')>('model/index.js');
// model-recipe.json with a check that starts no Node (grep for the FAIL_VERIFY marker): what the
// check runs is not this campaign's subject.
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/model-recipe-quick-check.json');
const MODULES = sized(6, 24);
const CALLS = sized(25, 800);
const RATES = [0, 0.1, 0.3, 0.5] as const;
// Through the CLI the default size leaves out 10 %: at 6 model steps this seed draws no fault at
// 10 % (the run was the fault-free run again, `injected: {}`), so it proved nothing the 0 % run did
// not. 30 % and 50 % draw 429s, 500s and stalls there; the client campaign below keeps all four
// rates, and the full size runs all four through the CLI.
const CLI_RATES = sized<readonly number[]>([0, 0.3, 0.5], RATES);
const SEED = 'transport-7';
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

// Stalls outlast the idle deadline; the idle deadline is generous enough that a busy machine's
// slow-but-healthy reply is not mistaken for a stall (that request would never reach the
// server's log, and the counts would differ for a reason that is not ours).
const IDLE_SECONDS = 2;
const STALL_MS = 2600;
const FAULTS: readonly ScriptedReply[] = [
  { kind: 'status', status: 429, headers: { 'retry-after': '0' } },
  { kind: 'status', status: 429, headers: { 'retry-after-ms': '80' } },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 502 },
  { kind: 'status', status: 503, headers: { 'retry-after': '1' } },
  { kind: 'reset' },
  { kind: 'reset-after-headers' },
  { kind: 'stall-before-headers', ms: STALL_MS },
  { kind: 'stall-after-headers', ms: STALL_MS },
];

/** A number in [0, 1) fixed by the seed, the module and the module's request number. */
function draw(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('/')).digest().readUInt32BE(0) / 2 ** 32;
}

function attemptsRecorded(repo: TempRepo, run: string): number {
  const steps = join(repo.dir, '.git/codemigrate', run, 'steps');
  if (!existsSync(steps)) return 0;
  let total = 0;
  for (const step of readdirSync(steps)) {
    for (const entry of readdirSync(join(steps, step))) {
      const file = join(steps, step, entry, 'transcript.json');
      if (!existsSync(file)) continue;
      const transcript = JSON.parse(readFileSync(file, 'utf8')) as { replayed?: boolean; attempts?: unknown[] };
      if (!transcript.replayed) total += transcript.attempts?.length ?? 0;
    }
  }
  return total;
}

async function runAt(rate: number) {
  const files: Record<string, string> = { 'check.js': CHECK_SCRIPT };
  for (let index = 0; index < MODULES; index += 1) files[`src/t${String(index).padStart(2, '0')}/x.js`] = `var oldName = eval("${index}");\nmodule.exports = oldName;\n`;
  const repo = makeTempRepo(files);
  cleanups.push(() => repo.cleanup());
  const counters = new Map<string, number>();
  const injected: Record<string, number> = {};
  const server = await startModelServer((request) => {
    const match = /eval\(\\"(\d+)\\"\)/.exec(JSON.stringify(request.body));
    const module = match?.[1] ?? 'none';
    const n = counters.get(module) ?? 0;
    counters.set(module, n + 1);
    if (draw(SEED, rate, module, n) < rate) {
      const fault = FAULTS[Math.floor(draw(SEED, 'kind', module, n) * FAULTS.length)]!;
      const name = fault.kind === 'status' ? String(fault.status) : fault.kind;
      injected[name] = (injected[name] ?? 0) + 1;
      return fault;
    }
    return { kind: 'edits', edits: [{ path: `src/t${module.padStart(2, '0')}/x.js`, search: `eval("${module}")`, replace: module }] };
  });
  cleanups.push(() => server.close());
  const model = { baseURL: server.baseURL, model: 'test-model', apiKeyEnv: TEST_API_KEY_ENV, timeoutSeconds: 8, idleTimeoutSeconds: IDLE_SECONDS, maxRetries: 4, maxRetryAfterSeconds: 1 };
  writeFileSync(join(repo.dir, 'migration.config.json'), JSON.stringify({ model }));
  // Concurrency 1: concurrent scratch worktrees race in git (worktree-race.test.ts), and that is not this campaign's subject.
  const result = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 't', '--concurrency', '1'], { env: { [TEST_API_KEY_ENV]: TEST_API_KEY } });
  return {
    code: result.code,
    output: result.stdout + result.stderr,
    trees: stepTrees(repo, 't'),
    requests: server.requests.length,
    recorded: attemptsRecorded(repo, 't'),
    injected,
  };
}

describe(`transport faults (${MODULES} model steps per run)`, () => {
  it('completes with the fault-free trees at up to 30 % faults, and records every request it made', async () => {
    const figures: Record<string, unknown>[] = [];
    const problems: string[] = [];
    let reference: Record<string, string> | undefined;
    // The runs go through the CLI's main in this process (runCliHere), which takes one command at a
    // time: the rates' repositories and servers are set up side by side, their runs follow each other.
    const runs = await Promise.all(CLI_RATES.map((rate) => runAt(rate)));
    for (const [index, rate] of CLI_RATES.entries()) {
      const run = runs[index]!;
      const same = reference !== undefined && JSON.stringify(run.trees) === JSON.stringify(reference);
      figures.push({ rate, exit: run.code, requests: run.requests, recordedAttempts: run.recorded, injected: run.injected, sameTreesAsFaultFree: rate === 0 || same });
      if (rate === 0) {
        if (run.code !== 0) problems.push(`fault-free run exited ${run.code}: ${run.output.slice(-400)}`);
        reference = run.trees;
        if (Object.keys(reference).length !== MODULES + 1) problems.push(`fault-free run made ${Object.keys(reference).length} branches`);
      } else if (rate <= 0.3) {
        if (run.code !== 0) problems.push(`${rate * 100} %: exit ${run.code}: ${run.output.slice(-400)}`);
        if (!same) problems.push(`${rate * 100} %: trees differ from the fault-free run`);
      }
      if (run.requests !== run.recorded) problems.push(`${rate * 100} %: server saw ${run.requests} requests, transcripts record ${run.recorded}`);
    }
    reportFigures('transport', { modules: MODULES, runs: figures, problems: problems.length });
    expect(problems).toEqual([]);
  }, sized(600_000, 900_000));
});

describe(`transport faults at the client (${CALLS} calls per rate, real openai SDK)`, () => {
  it('answers every call with the right edits or a reason, retrying within maxRetries, with one recorded attempt per request', async () => {
    const figures: Record<string, unknown>[] = [];
    const problems: string[] = [];
    // One rate at a time: side by side (32 calls in flight in this process), a machine at load 17
    // delayed healthy replies past the 2 s idle deadline (35 requests for 25 calls at 0 %).
    for (const rate of RATES) {
      const counters = new Map<string, number>();
      const server = await startModelServer((request) => {
        const call = /call (\d+)/.exec(JSON.stringify(request.body))?.[1] ?? 'none';
        const n = counters.get(call) ?? 0;
        counters.set(call, n + 1);
        if (draw(SEED, 'client', rate, call, n) < rate) return FAULTS[Math.floor(draw(SEED, 'client-kind', call, n) * FAULTS.length)]!;
        return { kind: 'edits', edits: [{ path: 'a.js', search: `call ${call}`, replace: `done ${call}` }] };
      });
      cleanups.push(() => server.close());
      const client = createModelClient(testModelConfig(server.baseURL, { timeoutSeconds: 8, idleTimeoutSeconds: IDLE_SECONDS, maxRetries: 4 }), { [TEST_API_KEY_ENV]: TEST_API_KEY }, { baseDelayMs: 5, maxDelayMs: 40 });
      let recorded = 0;
      let completed = 0;
      let gaveUp = 0;
      const next = { call: 0 };
      const worker = async () => {
        for (let call = next.call++; call < CALLS; call = next.call++) {
          const result = await client.requestEdits({ files: [{ path: 'a.js', text: `// call ${call}\n` }], instructions: 'x', history: '' });
          recorded += result.transcript.attempts.length;
          if (result.status === 'ok' && JSON.stringify(result.edits) === JSON.stringify([{ path: 'a.js', search: `call ${call}`, replace: `done ${call}` }])) completed += 1;
          else if (result.status === 'rejected' && /gave up after 5 attempts/.test(result.reason)) gaveUp += 1;
          else problems.push(`${rate * 100} %, call ${call}: ${JSON.stringify(result).slice(0, 200)}`);
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      if (server.requests.length !== recorded) problems.push(`${rate * 100} %: server saw ${server.requests.length} requests, transcripts record ${recorded}`);
      figures.push({ rate, calls: CALLS, requests: server.requests.length, completed, gaveUpAfterRetries: gaveUp });
    }
    reportFigures('transport-client', { runs: figures, problems: problems.length });
    expect(problems).toEqual([]);
  }, sized(600_000, 900_000));
});
