// Crash campaign: a generated repository of many modules, run at concurrency 4 and killed with
// SIGKILL at seeded random moments — the CLI alone, its whole process group (git children die
// mid-operation), or at a named failpoint — during the run and during resumes, then resumed until
// done. Every trial must end with every step, each committed once, with the trees of an
// uninterrupted run, a clean fsck, no lock, no scratch worktree, and the user's checkout as it was.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAILPOINTS } from '../../src/core/failpoint.js';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { PROJECT_ROOT, runCli, runCliHere } from '../helpers/cli.js';
import { moduleFiles } from '../helpers/fixture-repo.js';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';
import { brokenPromises, dirtyCheckout, killGroup, processesIn, processesOf, worktreesOf, reportFigures, seeded, sized, startGroupLeader, stepTrees, killStrays } from './campaign-kit.js';

useHermeticGit();
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe.json');
// The default size is the suite's regression guard: 16 modules are 4 rounds of steps at
// concurrency 4, so a kill still lands among steps in flight (verify, commit object, ref), during
// the run and during a resume, and each kill kind (process, group, failpoint) is used at least once
// (the kinds take turns; a kind no trial used gets top-up trials). It keeps every invariant below.
// 40 modules (the default until the suite needed its time back) tried the same moments, only more
// of them: the full size (120 modules, 12 trials × 4 kills) is the run that samples widely.
const MODULES = sized(16, 120);
const TRIALS = sized(2, 12);
const KILLS_PER_TRIAL = sized(2, 4);
const MAX_RESUMES = 6;
const ENV = { CHECK_SLEEP_MS: '40' };
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
 * Runs (or resumes) until done. `spawned` for the reference run, whose wall time sets the kill
 * moments of the trials' spawned runs; a trial's finish is the recovery, not a process under test,
 * and runs in this process (runCliHere: no Node start and module loading per command).
 */
async function finish(repo: TempRepo, run: string, spawned = false): Promise<{ code: number | null; resumes: number; stderr: string }> {
  let last = { code: null as number | null, stderr: '' };
  for (let resumes = 1; resumes <= MAX_RESUMES; resumes += 1) {
    const args = runStarted(repo, run)
      ? ['resume', run, '--repo', repo.dir, '--concurrency', '4']
      : ['run', RECIPE, '--repo', repo.dir, '--run-id', run, '--concurrency', '4'];
    const result = await (spawned ? runCli : runCliHere)(args, { env: ENV });
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
    const t0 = Date.now();
    const clean = await finish(reference, 'c', true);
    const referenceMs = Date.now() - t0;
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
    const trialMs: number[] = [];
    const runTrial = async (trial: number, only?: KillKind): Promise<void> => {
      const trialStart = Date.now();
      const repo = makeTempRepo(files);
      repos.push(repo);
      dirtyCheckout(repo, 'src/mod000/b.js');
      const before = snapshotCheckout(repo);
      for (let round = 0; round < KILLS_PER_TRIAL; round += 1) {
        const resuming = runStarted(repo, 'c');
        const args = resuming
          ? ['resume', 'c', '--repo', repo.dir, '--concurrency', '4']
          : ['run', RECIPE, '--repo', repo.dir, '--run-id', 'c', '--concurrency', '4'];
        // The kinds take turns, so that even the default size kills each way; moments are random.
        const kind = only ?? KILL_KINDS[(trial + round * 2) % KILL_KINDS.length]!;
        const env: Record<string, string> = { ...ENV };
        if (kind === 'failpoint') {
          // A resume passes only the per-step points, and has fewer steps left: die at its first one.
          const names = resuming ? PER_STEP_FAILPOINTS : FAILPOINTS;
          const name = names[Math.floor(random() * names.length)]!;
          const perStep = PER_STEP_FAILPOINTS.includes(name);
          env['CODEMIGRATE_FAILPOINT'] = `${name}:${perStep && !resuming ? 1 + Math.floor(random() * MODULES) : 1}`;
        }
        const { child, done } = startGroupLeader(args, env);
        // Within the time an uninterrupted run takes here, so that the kill lands mid-run however fast the machine.
        // A resume has less left to do: its kill comes sooner.
        const delay = 100 + Math.floor(random() * Math.max(200, referenceMs * (resuming || only ? 0.3 : 0.8)));
        const timer = kind === 'failpoint' ? undefined : setTimeout(() => (kind === 'group' ? killGroup(child.pid!) : child.kill('SIGKILL')), delay);
        const result = await done;
        clearTimeout(timer);
        if (result.signal === 'SIGKILL') {
          kills[kind] += 1;
          if (resuming) resumeKills += 1;
          // Verify commands run in process groups of their own; their watchdog must end them once the CLI is gone.
          await waitForNone(repo.dir, 20_000);
          const left = processesOf(repo.dir);
          orphans += left.length;
          strays.push(...left);
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
      trialMs.push(Date.now() - trialStart);
    };
    for (let trial = 0; trial < TRIALS; trial += 1) await runTrial(trial);
    // A run can finish before its kill lands (a loaded machine, a fast one): a kind that no trial
    // managed to use gets trials of its own, with earlier kills, so that every kind is exercised.
    let topUpTrials = 0;
    for (const kind of KILL_KINDS) {
      for (let extra = 0; kills[kind] === 0 && extra < 3; extra += 1, topUpTrials += 1) await runTrial(TRIALS + topUpTrials, kind);
    }

    reportFigures('crash', {
      modules: MODULES,
      trials: TRIALS,
      topUpTrials,
      kills,
      killsDuringResume: resumeKills,
      runsThatFinishedBeforeTheirKill: survivedKillAttempts,
      resumesToFinish: extraResumes,
      orphanedProcessesAfterKills: orphans,
      referenceRunsNeeded: clean.resumes,
      referenceMs,
      trialMs,
      broken: broken.length,
    });
    expect(broken).toEqual([]);
    expect(orphans).toBe(0);
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
