// Every durable step of a run has a named failpoint; killing the process at each one and then
// resuming ends with the trees of an uninterrupted run, nothing committed twice, nothing left over.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAILPOINTS, type Failpoint } from '../../src/core/failpoint.js';
import { PROJECT_ROOT, runCli, runCliHere } from '../helpers/cli.js';
import { moduleFiles } from '../helpers/fixture-repo.js';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
// recipe.json with a check that starts no Node (grep for the FAIL_VERIFY marker): what the check
// runs is not this file's subject, and a Node start per check was most of a step's cost.
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe-quick-check.json');
// Two modules (three until the suite needed its time back): a per-step point dies at the second
// step, after the first one is done.
const FILES = moduleFiles(2);
// Which hit to die at: the second step for per-step points, a mid-run event for the journal.
const HIT: Record<Failpoint, number> = {
  'after-plan-saved': 1,
  'after-journal-append': 3,
  'after-base-commit': 1,
  'after-verify': 2,
  'after-commit-object': 2,
  'after-ref': 2,
  'after-setup-recorded': 1,
};
const repos: TempRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.cleanup()));

function trees(repo: TempRepo): Record<string, string> {
  const lines = repo.git('for-each-ref', '--format=%(refname:lstrip=4) %(objectname)', 'refs/heads/codemigrate/f/').split('\n');
  return Object.fromEntries(lines.filter(Boolean).map((line) => {
    const [step, commit] = line.split(' ') as [string, string];
    return [step, repo.git('rev-parse', `${commit}^{tree}`)];
  }));
}

describe('failpoints', async () => {
  const reference = makeTempRepo(FILES);
  repos.push(reference);
  // The reference run and each resume are commands, not processes under test: they run in this
  // process (runCliHere). The killed runs are real processes, killed by their failpoint.
  await runCliHere(['run', RECIPE, '--repo', reference.dir, '--run-id', 'f']);
  const expected = trees(reference);

  it.each(FAILPOINTS.map((name) => [name]))('kill at %s, then resume', async (name) => {
    expect(Object.keys(expected)).toHaveLength(3);
    const repo = makeTempRepo(FILES);
    repos.push(repo);
    const log = join(makeTempDir(), 'failpoints.log');
    const k = HIT[name];
    const killed = await runCli(['run', RECIPE, '--repo', repo.dir, '--run-id', 'f', '--concurrency', '1'], {
      env: { CODEMIGRATE_FAILPOINT: `${name}:${k}`, CODEMIGRATE_FAILPOINT_LOG: log },
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(readFileSync(log, 'utf8')).toContain(`${name} ${k}`);

    const planned = existsSync(join(repo.dir, '.git/codemigrate/f'));
    const finish = planned || repo.git('for-each-ref', 'refs/heads/codemigrate/f/') !== ''
      ? await runCliHere(['resume', 'f', '--repo', repo.dir])
      : await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'f']);
    expect(finish.code, finish.stdout + finish.stderr).toBe(0);
    expect(trees(repo)).toEqual(expected);
    for (const step of Object.keys(expected).filter((id) => id !== 'base')) {
      expect(repo.git('rev-list', '--count', `codemigrate/f/base..codemigrate/f/${step}`)).toBe('1');
    }
    expect(existsSync(join(repo.dir, '.git/codemigrate/lock'))).toBe(false);
    expect(repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    expect(repo.git('fsck', '--strict', '--no-dangling')).toBe('');
  });
});
