// End to end: a setup report with `stop: true` ends the run right after setup, with that cause:
// no base, no step, one line on stderr naming the transform; status shows it and resume stops the
// same way. Without `stop` (or in a step) a report lets the run go on.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { makeModuleRepo } from '../helpers/fixture-repo.js';
import { useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe.json');
const TRANSFORM = join(PROJECT_ROOT, 'test/fixtures/e2e/transforms/setup-cannot-go-on.js');
const WHY = 'engine 1.0.0 is older than any version of the tool supports';
const REASON = `${TRANSFORM} reported package.json: ${WHY}. Nothing was changed`;
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

/** A repository of three modules and the e2e recipe with setup-cannot-go-on.js (with `options`) as its setup or as one more step. */
function prepare(options: Record<string, unknown>, at: 'setup' | 'step' = 'setup'): { repo: TempRepo; recipe: string } {
  const repo = makeModuleRepo(3);
  repos.push(repo);
  const recipe = JSON.parse(readFileSync(RECIPE, 'utf8'));
  for (const step of recipe.steps) step.codemod = join(PROJECT_ROOT, 'test/fixtures/e2e', step.codemod);
  const entry = { codemod: TRANSFORM, engine: 'ts-morph', options: { why: WHY, ...options } };
  if (at === 'setup') recipe.setup = [entry];
  else recipe.steps.push(entry);
  const file = join(repo.dir, 'stop-recipe.json');
  writeFileSync(file, JSON.stringify(recipe));
  repo.commitAll('add recipe');
  return { repo, recipe: file };
}

const runRefs = (repo: TempRepo, run: string) => repo.git('for-each-ref', '--format=%(refname:short)', `refs/heads/codemigrate/${run}/`);
const problemLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('codemigrate: '));

describe('a setup report with stop: true', () => {
  it('ends the run after setup: exit 1, no base, no step, the cause on stderr; status shows it; resume stops the same way', async () => {
    const { repo, recipe } = prepare({});
    const before = snapshotCheckout(repo);
    const result = await runCliHere(['run', recipe, '--repo', repo.dir, '--run-id', 's1']);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const line = `setup stopped the run: ${REASON}; no base was written and no step ran: change what it names and start a new run (\`codemigrate resume s1\` computes setup again on the same commit)`;
    expect(problemLines(result.stderr)).toEqual([`codemigrate: ${line}`]);
    expect(result.stdout.split('\n').filter((text) => text.includes(WHY))).toEqual([line]);
    expect(result.stdout).not.toMatch(/^step /m);
    expect(result.stdout).toMatch(/^run s1 finished: 3 pending \(exit 1\)$/m);
    expect(runRefs(repo, 's1')).toBe('');
    expect(snapshotCheckout(repo)).toEqual(before);

    const status = await runCliHere(['status', 's1', '--repo', repo.dir]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain(`setup stopped the run: ${REASON}; no base was written, no step ran (resume computes setup again on the same commit)\n`);
    // The stopping report is said once, as the cause.
    expect(status.stdout).toMatch(/^run s1 \(e2e-rename at [0-9a-f]{12}\): 3 pending\n/);
    expect(status.stdout).not.toContain('setup reported package.json');
    const [run] = (await runCliHere(['status', 's1', '--repo', repo.dir, '--json'])).stdout.split('\n');
    const row = JSON.parse(run!);
    expect(row.setupFailure).toEqual({ cause: 'report', reason: REASON });
    expect(row.setupReports).toEqual([{ file: 'package.json', message: `${WHY}. Nothing was changed`, codemod: TRANSFORM, stop: true }]);
    expect(row.counts).toEqual({ pending: 3 });
    const runs = JSON.parse((await runCliHere(['runs', '--repo', repo.dir, '--json'])).stdout.split('\n')[0]!);
    expect(runs).toMatchObject({ runId: 's1', condition: 'unfinished', counts: { pending: 3 } });

    const resumed = await runCliHere(['resume', 's1', '--repo', repo.dir]);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(1);
    expect(problemLines(resumed.stderr)).toEqual([`codemigrate: ${line}`]);
    expect(resumed.stdout).not.toMatch(/^step /m);
    expect(runRefs(repo, 's1')).toBe('');
    expect(snapshotCheckout(repo)).toEqual(before);
  });

  it('stops a dry run the same way: the cause, no step planned, exit 1, nothing written', async () => {
    const { repo, recipe } = prepare({});
    const result = await runCliHere(['run', recipe, '--repo', repo.dir, '--dry-run']);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const line = `setup stopped the run: ${REASON}; a run would stop here: no base, no step`;
    expect(problemLines(result.stderr)).toEqual([`codemigrate: ${line}`]);
    expect(result.stdout).toContain(`\n${line}\n`);
    expect(result.stdout).not.toContain('# step src-');
    expect(result.stdout).toMatch(/^dry run finished: 3 pending; nothing was written \(exit 1\)$/m);
    expect(runRefs(repo, '')).toBe('');
    expect(existsSync(join(repo.dir, '.git/codemigrate'))).toBe(false);
  });

  it('says the cause in --json as a setup-failed event, and on stderr', async () => {
    const { repo, recipe } = prepare({});
    const result = await runCliHere(['run', recipe, '--repo', repo.dir, '--run-id', 's2', '--json']);
    expect(result.code, result.stderr).toBe(1);
    const events = result.stdout.split('\n').filter(Boolean).map((text) => JSON.parse(text));
    expect(events.map((event) => event.type)).toEqual(['run-started', 'setup-failed', 'run-finished']);
    expect(events[1]).toEqual({ type: 'setup-failed', runId: 's2', reason: REASON, cause: 'report' });
    expect(problemLines(result.stderr)).toHaveLength(1);
  });
});

describe('a report that does not stop', () => {
  it('in setup, without stop: the run goes on and says the report', async () => {
    const { repo, recipe } = prepare({ stop: false });
    const result = await runCliHere(['run', recipe, '--repo', repo.dir, '--run-id', 'g1']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`\n  setup reported package.json: ${WHY}. Nothing was changed\n`);
    expect(result.stdout).toMatch(/^run g1 finished: 3 succeeded/m);
    expect(problemLines(result.stderr)).toEqual([]);
    expect(runRefs(repo, 'g1').split('\n')).toContain('codemigrate/g1/base');
  });

  it('in a step, with stop: an ordinary leftover, and the run goes on', async () => {
    const { repo, recipe } = prepare({}, 'step');
    const result = await runCliHere(['run', recipe, '--repo', repo.dir, '--run-id', 'g2']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^step src-mod000 succeeded .*, 2 leftover\(s\)/m);
    expect(result.stdout).toMatch(/^run g2 finished: 3 succeeded/m);
    expect(problemLines(result.stderr)).toEqual([]);
  });
});
