// SIGINT once: no new step starts, the steps in flight end, and the process, the run-finished
// event and the recorded state all say the same: interrupted, exit 130, resumable.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliHere, startCli } from '../helpers/cli.js';
import { makeModuleRepo } from '../helpers/fixture-repo.js';
import { makeTempDir, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const repos: TempRepo[] = [];
const dirs: string[] = [];
afterEach(() => {
  repos.splice(0).forEach((repo) => repo.cleanup());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

/** Resolves when `check` holds (looked at every 20 ms); the deadline is a backstop, not a wait. */
async function until(check: () => boolean, what: string, deadlineMs = 60_000): Promise<void> {
  const deadline = Date.now() + deadlineMs; // a backstop only
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A repository of 3 modules and a recipe whose one codemod holds each step at a gate. */
function gatedRepo(): { repo: TempRepo; recipe: string; gate: string } {
  const repo = makeModuleRepo(3);
  repos.push(repo);
  const recipe = join(repo.dir, 'gate-recipe.json');
  writeFileSync(
    recipe,
    JSON.stringify({
      id: 'gate',
      description: 'holds each step until the test opens a gate',
      modules: { by: 'directory', include: ['src/**/*.js'] },
      steps: [{ codemod: join(PROJECT_ROOT, 'test/fixtures/e2e/transforms/wait-for-gate.ts'), engine: 'ts-morph' }],
      verify: [{ run: 'node check.js {files}' }],
    }),
  );
  repo.commitAll('add recipe');
  const gateDir = makeTempDir();
  dirs.push(gateDir);
  return { repo, recipe, gate: join(gateDir, 'gate') };
}

/** Runs the gated recipe, sends SIGINT while the first step is held at its gate, then opens it. */
async function interruptFirstStep(env: Record<string, string>) {
  const { repo, recipe, gate } = gatedRepo();
  const { child, done } = startCli(['run', recipe, '--repo', repo.dir, '--run-id', 'int', '--concurrency', '1', '--json'], {
    env: { ...env, CODEMIGRATE_TEST_GATE: gate },
  });
  const events: { type: string; [key: string]: unknown }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => events.push(JSON.parse(line)));
  await until(() => events.some((event) => event.type === 'step-started') && existsSync(`${gate}.waiting`), 'the first step to start');
  child.kill('SIGINT');
  writeFileSync(gate, '');
  const result = await done;
  const journal = readFileSync(join(repo.dir, '.git/codemigrate/int/events.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  return { repo, gate, result, events, journal };
}

describe('run interrupted by SIGINT', () => {
  it('finishes the step in flight, starts no other, exits 130, and says 130 in run-finished and the state', async () => {
    const { repo, gate, result, events } = await interruptFirstStep({});

    expect(result.code, result.stdout + result.stderr).toBe(130);
    expect(result.stderr).toContain('`codemigrate resume` continues it');
    const started = events.filter((event) => event.type === 'step-started').map((event) => event.step);
    expect(started).toEqual(['src-mod000']);
    expect(events.filter((event) => event.type === 'step-finished').map((event) => [event.step, event.status])).toEqual([['src-mod000', 'unchanged']]);
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', runId: 'int', exitCode: 130, interrupted: true, counts: { unchanged: 1, pending: 2 } });
    expect(existsSync(join(repo.dir, '.git/codemigrate/lock'))).toBe(false);

    const status = await runCliHere(['status', 'int', '--repo', repo.dir, '--json']);
    expect(JSON.parse(status.stdout.split('\n')[0]!)).toMatchObject({ counts: { unchanged: 1, pending: 2 } });

    const resumed = await runCliHere(['resume', 'int', '--repo', repo.dir], { env: { CODEMIGRATE_TEST_GATE: gate } }); // the gate is open now
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('2 of 3 step(s) to run');
  }, 600_000); // a backstop only

  it('records a step it stopped mid-way as pending, in run-finished and in the journal, not running', async () => {
    // The step's codemod edits after the gate, so the step goes on and meets the interrupt at verify.
    const { repo, result, events, journal } = await interruptFirstStep({ CODEMIGRATE_TEST_GATE_EDIT: '1' });

    expect(result.code, result.stdout + result.stderr).toBe(130);
    expect(events.filter((event) => event.type === 'step-finished')).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', exitCode: 130, interrupted: true, counts: { pending: 3 } });
    expect(journal.at(-1)).toMatchObject({ type: 'step-reset', step: 'src-mod000', reason: 'the run was interrupted' });
    expect(repo.git('for-each-ref', '--format=%(refname:short)', 'refs/heads/codemigrate/int/')).toBe('codemigrate/int/base');
    const status = await runCliHere(['status', 'int', '--repo', repo.dir, '--json']);
    expect(JSON.parse(status.stdout.split('\n')[0]!)).toMatchObject({ counts: { pending: 3 } });
  }, 600_000); // a backstop only
});

describe('run whose stdout reader goes away (`codemigrate run --json | head -3`)', () => {
  it('stops as on an interrupt, with one line on stderr and no EPIPE crash, and resume goes on', async () => {
    const { repo, recipe, gate } = gatedRepo();
    const { child, done } = startCli(['run', recipe, '--repo', repo.dir, '--run-id', 'pipe', '--concurrency', '1', '--json'], { env: { CODEMIGRATE_TEST_GATE: gate } });
    const lines: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
    await until(() => lines.some((line) => line.includes('"step-started"')) && existsSync(`${gate}.waiting`), 'the first step to start');
    // The reader closes its end; the step's next event is then written into a closed pipe.
    child.stdout!.destroy();
    writeFileSync(gate, '');
    const result = await done;

    expect(result.stderr).not.toMatch(/EPIPE|Unhandled|at .*render/);
    expect(result.stderr).toContain('codemigrate: stdout was closed; stopping as on an interrupt');
    expect(result.code, result.stderr).toBe(130);
    const status = await runCliHere(['status', 'pipe', '--repo', repo.dir, '--json']);
    expect(JSON.parse(status.stdout.split('\n')[0]!)).toMatchObject({ counts: { pending: 2 } });
    const resumed = await runCliHere(['resume', 'pipe', '--repo', repo.dir], { env: { CODEMIGRATE_TEST_GATE: gate } });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
  }, 600_000); // a backstop only
});
