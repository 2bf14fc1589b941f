// Crash campaign: a generated repository of many modules, run at concurrency 4 and killed with
// SIGKILL at seeded moments — the CLI alone, its whole process group (git children die
// mid-operation), or at a named failpoint — during the run and during resumes, then resumed until
// done. The moments are events, not times: a kill lands right after the k-th line of the run's
// --json output (k seeded, and early enough that steps are still to come), so every kill lands
// mid-run however fast or loaded the machine, and the campaign costs the same every time. Every trial must end with every step, each committed once, with the trees of an
// uninterrupted run, a clean fsck, no lock, no scratch worktree, and the user's checkout as it was.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAILPOINTS } from '../../src/core/failpoint.js';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { moduleFiles } from '../helpers/fixture-repo.js';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';
import { brokenPromises, dirtyCheckout, killAfterLines, killGroup, processesIn, processesOf, worktreesOf, reportFigures, seeded, sized, startGroupLeader, stepTrees, killStrays } from './campaign-kit.js';

useHermeticGit();
// recipe.json with a check that starts no Node (grep for the FAIL_VERIFY marker): what the check
// runs is not this file's subject, and a Node start per check was most of a step's cost.
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe-quick-check.json');
// The default size is the suite's regression guard: 8 modules are 2 rounds of steps at
// concurrency 4, so a kill still lands among steps in flight (verify, commit object, ref), during
// the run and during a resume. One trial of 3 kills uses each kill kind once (the kinds take
// turns: the process during the run, a failpoint and the whole group during resumes). The default
// was 16 modules and 2 trials of 2 kills (40 modules before that) until the suite needed its time
// back: the same moments, repeated. The full size (120 modules, 12 trials × 4 kills) is the run
// that samples widely.
const MODULES = sized(8, 120);
const TRIALS = sized(1, 12);
const KILLS_PER_TRIAL = sized(3, 4);
const MAX_RESUMES = 6;
const KILL_KINDS = ['process', 'group', 'failpoint'] as const;
type KillKind = (typeof KILL_KINDS)[number];

const repos: TempRepo[] = [];
const strays: number[] = [];
afterAll(() => {
  killStrays(strays);
  repos.forEach((repo) => repo.cleanup());
});

function stepStatuses(repo: TempRepo, run: string): Record<string, number> {
  const path = join(repo.dir, '.git/codemigrate', run, 'state.json');
  if (!existsSync(path)) return {};
  const state = JSON.parse(readFileSync(path, 'utf8')) as { steps: { status: string }[] };
  const counts: Record<string, number> = {};
  for (const step of state.steps) counts[step.status] = (counts[step.status] ?? 0) + 1;
  return counts;
}

function runStarted(repo: TempRepo, run: string): boolean {
  return existsSync(join(repo.dir, '.git/codemigrate', run)) || repo.git('for-each-ref', `refs/heads/codemigrate/${run}/`) !== '';
}

/**
 * Runs (or resumes) until done. The reference run and a trial's finish are the recovery, not
 * processes under test: they run in this process (runCliHere: no Node start and module loading per command).
 */
async function finish(repo: TempRepo, run: string): Promise<{ code: number | null; resumes: number; stderr: string }> {
  let last = { code: null as number | null, stderr: '' };
  for (let resumes = 1; resumes <= MAX_RESUMES; resumes += 1) {
    const args = runStarted(repo, run)
      ? ['resume', run, '--repo', repo.dir, '--concurrency', '4']
      : ['run', RECIPE, '--repo', repo.dir, '--run-id', run, '--concurrency', '4'];
    const result = await runCliHere(args);
    last = { code: result.code, stderr: result.stdout.split('\n').filter((line) => / failed /.test(line)).join('\n') + result.stderr };
    if (result.code === 0) return { code: 0, resumes, stderr: '' };
  }
  return { code: last.code, resumes: MAX_RESUMES, stderr: last.stderr };
}

const PER_STEP_FAILPOINTS: readonly string[] = ['after-journal-append', 'after-verify', 'after-commit-object', 'after-ref'];

describe(`crash campaign (${MODULES} modules, ${TRIALS} trials)`, () => {
  it('loses no step, commits none twice, and leaves the checkout as it was, however it is killed', async () => {
    const files = moduleFiles(MODULES);
    const reference = makeTempRepo(files);
    repos.push(reference);
    const clean = await finish(reference, 'c');
    expect(clean.code, clean.stderr).toBe(0);
    const expected = stepTrees(reference, 'c');
    expect(Object.keys(expected)).toHaveLength(MODULES + 1);

    const random = seeded(20_240_611);
    const kills: Record<KillKind, number> = { process: 0, group: 0, failpoint: 0 };
    let resumeKills = 0;
    let survivedKillAttempts = 0;
    let orphans = 0;
    let extraResumes = 0;
    const broken: string[] = [];
    const killedAfterLines: number[] = [];
    const runTrial = async (trial: number): Promise<void> => {
      const repo = makeTempRepo(files);
      repos.push(repo);
      dirtyCheckout(repo, 'src/mod000/b.js');
      const before = snapshotCheckout(repo);
      for (let round = 0; round < KILLS_PER_TRIAL; round += 1) {
        const resuming = runStarted(repo, 'c');
        const args = resuming
          ? ['resume', 'c', '--repo', repo.dir, '--concurrency', '4', '--json']
          : ['run', RECIPE, '--repo', repo.dir, '--run-id', 'c', '--concurrency', '4', '--json'];
        // The kinds take turns, so that even the default size kills each way.
        const kind = KILL_KINDS[(trial + round * 2) % KILL_KINDS.length]!;
        // Steps with no branch yet: a kill comes while at least half of them are still to run (a
        // step prints two lines, a run four and a resume two before its first step), so the run
        // cannot end before it.
        const left = MODULES - Object.keys(stepTrees(repo, 'c')).filter((step) => step !== 'base').length;
        const env: Record<string, string> = {};
        if (kind === 'failpoint') {
          // A resume passes only the per-step points.
          const names = resuming ? PER_STEP_FAILPOINTS : FAILPOINTS;
          const name = names[Math.floor(random() * names.length)]!;
          const perStep = PER_STEP_FAILPOINTS.includes(name);
          env['CODEMIGRATE_FAILPOINT'] = `${name}:${perStep ? 1 + Math.floor((random() * left) / 2) : 1}`;
        }
        const { child, done } = startGroupLeader(args, env);
        if (kind !== 'failpoint') {
          const killAt = 1 + Math.floor(random() * (left + (resuming ? 0 : 4)));
          killedAfterLines.push(killAt);
          killAfterLines(child, killAt, () => (kind === 'group' ? killGroup(child.pid!) : child.kill('SIGKILL')));
        }
        const result = await done;
        if (result.signal === 'SIGKILL') {
          kills[kind] += 1;
          if (resuming) resumeKills += 1;
          // Verify commands run in process groups of their own; their watchdog must end them once the CLI is gone.
          await waitForNone(repo.dir, 20_000);
          const running = processesOf(repo.dir);
          orphans += running.length;
          strays.push(...running);
        } else {
          survivedKillAttempts += 1;
          if (result.code === 0) break;
        }
      }
      const done = await finish(repo, 'c');
      extraResumes += done.resumes;
      if (done.code !== 0) broken.push(`trial ${trial}: did not finish (exit ${done.code}): ${done.stderr.slice(0, 300)}`);
      const statuses = stepStatuses(repo, 'c');
      if (statuses['succeeded'] !== MODULES) broken.push(`trial ${trial}: state counts ${JSON.stringify(statuses)}`);
      broken.push(...brokenPromises(repo, 'c', expected, before).map((problem) => `trial ${trial}: ${problem}`));
    };
    for (let trial = 0; trial < TRIALS; trial += 1) await runTrial(trial);

    reportFigures('crash', {
      modules: MODULES,
      trials: TRIALS,
      kills,
      killedAfterLines,
      killsDuringResume: resumeKills,
      runsThatFinishedBeforeTheirKill: survivedKillAttempts,
      resumesToFinish: extraResumes,
      orphanedProcessesAfterKills: orphans,
      referenceRunsNeeded: clean.resumes,
      broken: broken.length,
    });
    expect(broken).toEqual([]);
    expect(orphans).toBe(0);
    // Every kill landed mid-run: a kind is never left unused.
    expect(survivedKillAttempts).toBe(0);
    expect(kills.group).toBeGreaterThan(0);
    expect(kills.process).toBeGreaterThan(0);
    expect(kills.failpoint).toBeGreaterThan(0);
  }, sized(600_000, 3_600_000));
});

describe('verify commands of a killed run', () => {
  // Found by the crash campaign: verify commands run in process groups of their own (so that a
  // timeout ends everything they start), and outlived a kill -9 of the CLI — alone or with its
  // group — in scratch worktrees that the resume removes and re-creates at the same paths. Their
  // watchdog (src/verify/run-verify.ts) now ends them when the CLI's pipe closes.
  it.each(['process', 'group'] as const)('die with the CLI when it is killed (%s)', async (kind) => {
    const repo = makeTempRepo(moduleFiles(2));
    repos.push(repo);
    const { child, done } = startGroupLeader(['run', holdingRecipe(), '--repo', repo.dir, '--run-id', 'v', '--concurrency', '2']);
    const worktrees = worktreesOf(repo.dir, 'v');
    // The check (the baseline's or a step's) holds for 60 s: found running, it is what must die.
    const verifying = await waitForProcesses(worktrees, 30_000, 'check.js');
    expect(verifying).toBe(true);
    if (kind === 'group') killGroup(child.pid!);
    else child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    // Within a third of the hold: a check the watchdog missed would still be running.
    const gone = await waitForNone(repo.dir, 20_000);
    strays.push(...processesOf(repo.dir));
    expect(gone).toBe(true);
  });
});

/**
 * The e2e recipe with a verify that holds for 60 s. The hold is in the command itself: verify runs
 * in the sandbox with an allow-listed environment, which CHECK_SLEEP_MS from the CLI's would not reach.
 */
function holdingRecipe(): string {
  const recipe = JSON.parse(readFileSync(RECIPE, 'utf8')) as { steps: { codemod: string }[]; verify: unknown };
  for (const step of recipe.steps) step.codemod = join(dirname(RECIPE), step.codemod);
  recipe.verify = [{ run: 'CHECK_SLEEP_MS=60000 node check.js {files}', timeoutSeconds: 120 }];
  const file = join(makeTempDir(), 'holding-recipe.json');
  writeFileSync(file, JSON.stringify(recipe));
  return file;
}

async function waitForProcesses(dir: string, ms: number, command = ''): Promise<boolean> {
  const running = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(command);
    } catch {
      return false;
    }
  };
  for (let waited = 0; waited < ms; waited += 50) {
    if (processesIn(dir).some(running)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function waitForNone(repoDir: string, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 50) {
    if (processesOf(repoDir).length === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
