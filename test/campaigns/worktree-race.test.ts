// Found by the crash campaign: two `git worktree add` at once can fail. While one is between
// creating .git/worktrees/<name>/ and writing its commondir, the other lists the worktrees and
// dies with "fatal: failed to read .git/worktrees/<name>/commondir" (git 2.39; ~1 fresh run in 4
// at concurrency 4 on a 2-core machine). The step then fails with "git worktree add …: exited
// with 128" — stderr's reason dropped — and needs a resume.
//
// This test makes git's window wide and certain: a `git` on PATH that holds, for two seconds
// after a `worktree add`, the state a slower add is in mid-way (.git/worktrees/<name>/ with its
// gitdir written and commondir still empty). Scratch worktrees created one at a time (a mutex
// around addWorktree in src/runner/worktree-pool.ts) pass it; concurrent ones fail.

import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCli } from '../helpers/cli.js';
import { makeModuleRepo } from '../helpers/fixture-repo.js';
import { makeTempDir, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
// Its check starts no Node (grep for the FAIL_VERIFY marker): what the check runs is not this file's subject.
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe-quick-check.json');
const repos: TempRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.cleanup()));

const REAL_GIT = '/usr/bin/git';
// The first two adds to arrive meet at a barrier (up to 3 s); one of them, the leader, runs git
// and then holds the half-written worktree for 2 s; the other runs git 0.6 s later, inside that
// window. Adds made one at a time never meet: the leader waits out the barrier alone, and every
// later add runs after its window has closed.
const SHIM = `#!/bin/sh
worktree=; add=
for arg; do
  case "$arg" in
    worktree) worktree=1 ;;
    add) [ -n "$worktree" ] && add=1 ;;
  esac
done
[ -z "$add" ] && exec ${REAL_GIT} "$@"
touch "$BARRIER/$$"
waited=0
while [ "$(ls "$BARRIER" | grep -c '^[0-9]')" -lt 2 ] && [ $waited -lt 30 ]; do sleep 0.1; waited=$((waited + 1)); done
if mkdir "$BARRIER/leader" 2>/dev/null; then
  ${REAL_GIT} "$@" || exit $?
  stage="$(${REAL_GIT} rev-parse --path-format=absolute --git-common-dir)/worktrees/being-added-$$"
  mkdir -p "$stage"
  echo "$stage/.git" > "$stage/gitdir"
  : > "$stage/commondir"
  sleep 2
  rm -rf "$stage"
else
  sleep 0.6
  exec ${REAL_GIT} "$@"
fi
`;

function slowWorktreeGit(): string {
  const dir = join(makeTempDir(), 'bin');
  mkdirSync(dir);
  writeFileSync(join(dir, 'git'), SHIM);
  chmodSync(join(dir, 'git'), 0o755);
  return dir;
}

describe('scratch worktrees at concurrency 4', () => {
  // Found here: git's `worktree add` is not safe against itself; the pool now adds one at a time.
  it('creates every scratch worktree even when git is slow to write one', async () => {
    const repo = makeModuleRepo(4);
    repos.push(repo);
    const path = `${slowWorktreeGit()}:${process.env.PATH ?? ''}`;
    const barrier = makeTempDir();
    const result = await runCli(['run', RECIPE, '--repo', repo.dir, '--run-id', 'w', '--concurrency', '4'], { env: { PATH: path, BARRIER: barrier } });
    expect(result.stdout).not.toMatch(/worktree add/);
    expect(result.code, result.stdout).toBe(0);
  });
});
