// The run's caches under .git/codemigrate/<run>/ damaged by hand, a disk or an editor: the
// commands that read them recover (a warning naming the file and line, or a review without the
// damaged part) instead of stopping with an internal error.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { makeModuleRepo } from '../helpers/fixture-repo.js';
import { useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
// recipe.json with a check that starts no Node (grep for the FAIL_VERIFY marker): what the check
// runs is not this file's subject, and a Node start per check was most of a step's cost.
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe-quick-check.json');
const repos: TempRepo[] = [];
const track = (repo: TempRepo) => (repos.push(repo), repo);
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

const runDir = (repo: TempRepo, run: string) => join(repo.git('rev-parse', '--absolute-git-dir'), 'codemigrate', run);

describe('a damaged events.jsonl', () => {
  it('status, resume and land skip a damaged middle line with one warning naming it, and keep the events after it', async () => {
    const repo = track(makeModuleRepo(3));
    const run = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'ev']);
    expect(run.code, run.stderr).toBe(0);
    const events = join(runDir(repo, 'ev'), 'events.jsonl');
    const lines = readFileSync(events, 'utf8').split('\n');
    expect(lines.length).toBeGreaterThan(6);
    lines[3] = `${lines[3]!.slice(0, 15)}\u0000\u0000`; // line 4 of the journal, whole lines after it
    writeFileSync(events, lines.join('\n'));
    const warning = `codemigrate: warning: ${events}: line 4: not a JSON event; skipped (state.json and the branches hold what it recorded)`;

    const status = await runCliHere(['status', 'ev', '--repo', repo.dir, '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr.trimEnd().split('\n')).toEqual([warning]);
    expect(JSON.parse(status.stdout.split('\n')[0]!)).toMatchObject({ counts: { succeeded: 3 } });

    const resume = await runCliHere(['resume', 'ev', '--repo', repo.dir]);
    expect(resume.code, resume.stderr).toBe(0);
    expect(resume.stderr.trimEnd().split('\n')).toEqual([warning]);
    expect(resume.stdout).toContain('0 of 3 step(s) to run');

    const land = await runCliHere(['land', 'ev', '--repo', repo.dir]);
    expect(land.code, land.stderr).toBe(0);
    expect(land.stderr.trimEnd().split('\n')).toEqual([warning]);
    expect(land.stdout).toContain('landed 3 step(s) on codemigrate/ev/result');

    // Nothing after the damaged line was lost or rewritten: land's record came after them.
    const after = readFileSync(events, 'utf8').split('\n');
    expect(after.slice(0, lines.length - 1)).toEqual(lines.slice(0, -1));
    expect(after.some((line) => line.includes('"run-landed"'))).toBe(true);
    const landed = await runCliHere(['status', 'ev', '--repo', repo.dir]);
    expect(landed.stdout).toContain('landed on codemigrate/ev/result');
  }, 600_000); // a backstop only: five CLI runs on a shared 2-core machine
});

describe('a damaged attempts.json', () => {
  it('review shows the step without its attempts, naming the file and what is wrong (no stack trace)', async () => {
    const repo = track(makeModuleRepo(1));
    expect((await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'at'])).code).toBe(0);
    const attempts = join(runDir(repo, 'at'), 'steps/src-mod000/attempts.json');
    writeFileSync(attempts, '[{"attempt":1,"by":"codem');

    const review = await runCliHere(['review', 'at', 'src-mod000', '--repo', repo.dir]);
    expect(review.code, review.stderr).toBe(0);
    const line = `${attempts}: not valid JSON (`;
    expect(review.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(`codemigrate: warning: ${line}`)]);
    expect(review.stderr).not.toMatch(/\n\s+at /);
    expect(review.stdout).toContain(`not shown (damaged):\n  ${line}`);
    expect(review.stdout).toContain('+let newName = 0;');

    writeFileSync(attempts, '{"attempt":1}');
    const json = await runCliHere(['review', 'at', 'src-mod000', '--repo', repo.dir, '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ attemptLog: [], unreadable: [`${attempts}: not a list of attempt records; shown without it`] });
   }, 600_000); // a backstop only: three CLI runs on a shared 2-core machine
});

describe('a run made with --only, its state lost', () => {
  it('is rebuilt from the refs with its filter: status and resume see only the selected steps', async () => {
    const repo = track(makeModuleRepo(3));
    const run = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'on', '--only', 'src/mod001']);
    expect(run.code, run.stderr).toBe(0);
    expect(repo.git('log', '-1', '--format=%(trailers:key=Codemigrate-Only,valueonly)', 'codemigrate/on/base')).toBe('src/mod001');
    // A step that did not finish, so that resume has work: its branch deleted, then the state.
    repo.git('branch', '-q', '-D', 'codemigrate/on/src-mod001');
    rmSync(runDir(repo, 'on'), { recursive: true });

    const status = await runCliHere(['status', 'on', '--repo', repo.dir, '--json']);
    expect(status.code, status.stderr).toBe(0);
    const rows = status.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(rows.slice(1).map((row) => row.step)).toEqual(['src-mod001']);

    const resume = await runCliHere(['resume', 'on', '--repo', repo.dir]);
    expect(resume.code, resume.stdout + resume.stderr).toBe(0);
    expect(resume.stdout).toContain('1 of 1 step(s) to run');
    expect(repo.git('for-each-ref', '--format=%(refname:short)', 'refs/heads/codemigrate/on/').split('\n')).toEqual([
      'codemigrate/on/base',
      'codemigrate/on/src-mod001',
    ]);
  }, 600_000); // a backstop only: three CLI runs on a shared 2-core machine
});
