// The baseline: the recipe's checks run once on the source commit (each check's `baseline`
// command where setup replaces the tool), over every module of the plan, in a scratch worktree
// with the checkout's node_modules (installed for the source commit). Kept in the run's store as
// baseline.json, summarised in state.json; resume and land reuse it.

import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import type { Baseline, CheckRun, TestState } from '../core/checks.js';
import type { CheckCommand } from '../core/recipe.js';
import { BASELINE_FAILING_SHOWN, type BaselineSummary, type RunEvent, type RunState } from '../core/state.js';
import type { VerifyResult } from '../core/verify.js';
import type { Sandbox } from '../verify/sandbox.js';
import type { WorktreePool } from './worktree-pool.js';
import type { RunChecks } from './context.js';

export const BASELINE_ARTIFACT = 'baseline.json';

export type BaselineEvent =
  /** `of: 'base'`: the checks that read diagnostics, on setup's commit (Baseline.base). */
  | { readonly type: 'baseline-started'; readonly checks: number; readonly commit: string; readonly of?: 'base' }
  | { readonly type: 'baseline-finished'; readonly baseline: BaselineSummary; readonly reused: boolean };

export interface BaselineInput {
  readonly state: RunState;
  readonly checks: readonly CheckCommand[];
  readonly runChecks: RunChecks;
  /** The recipe file's folder, for {recipeDir}. */
  readonly recipeDir: string;
  /** Runs `fn` in a scratch worktree at `commit` with the checkout's node_modules (a verify slot). */
  readonly useWorktree: <T>(commit: string, fn: (dir: string) => Promise<T>) => Promise<T>;
  readonly env: NodeJS.ProcessEnv;
  readonly sandbox?: Sandbox;
  readonly signal: AbortSignal;
  readonly artifacts: { writeArtifact(path: string, text: string): Promise<void>; readArtifact(path: string): Promise<string | undefined> };
  readonly record: (event: RunEvent) => Promise<RunState>;
  readonly progress: (event: BaselineEvent) => void;
  readonly now: () => string;
  /**
   * The run's base commit (setup's) and a worktree at a commit with setup's install: the checks
   * that read diagnostics are run there too (Baseline.base). Absent (land): not taken.
   */
  readonly base?: { readonly commit: string; readonly useWorktree: <T>(commit: string, fn: (dir: string) => Promise<T>) => Promise<T> };
  /** The run's store of check caches (`{cache}`): what the baseline's runs leave there, the steps start from. */
  readonly checkCache?: string;
}

/** The run's baseline: the recorded one when it is for this source commit and these checks, else taken now. */
export async function ensureBaseline(input: BaselineInput): Promise<Baseline> {
  const { state } = input;
  const recorded = await readBaseline(input.artifacts, state.sourceCommit, input.checks);
  if (recorded !== undefined && state.baseline !== undefined) {
    input.progress({ type: 'baseline-finished', baseline: state.baseline, reused: true });
    const baseline = await withBase(input, recorded);
    if (baseline === recorded) await keepServing(input, baseline);
    return baseline;
  }
  input.progress({ type: 'baseline-started', checks: input.checks.length, commit: state.sourceCommit });
  const started = performance.now();
  const checks: CheckRun[] = await input.useWorktree(state.sourceCommit, (cwd) =>
    input.runChecks(input.checks, { cwd, phase: 'baseline', ...planScope(state), recipeDir: input.recipeDir, env: input.env, signal: input.signal, ...(input.sandbox && { sandbox: input.sandbox }), ...keptCache(input) }),
  );
  const baseline: Baseline = { commit: state.sourceCommit, takenAt: input.now(), durationMs: Math.round(performance.now() - started), checks };
  await input.artifacts.writeArtifact(BASELINE_ARTIFACT, JSON.stringify(baseline));
  const summary = summarizeBaseline(baseline);
  await input.record({ type: 'baseline-recorded', at: input.now(), baseline: summary });
  input.progress({ type: 'baseline-finished', baseline: summary, reused: false });
  return withBase(input, baseline);
}

/**
 * `baseline` with its base part (the recorded one when it is for this base commit): the checks
 * whose results on the source commit hold diagnostics (tsc), run on setup's commit with setup's
 * install. Only those: tests are judged against the source commit alone. Nothing to take when
 * setup changed nothing or no check reads diagnostics.
 */
async function withBase(input: BaselineInput, baseline: Baseline): Promise<Baseline> {
  const { base } = input;
  if (base === undefined || base.commit === baseline.commit) return baseline;
  if (baseline.base?.commit === base.commit) return baseline;
  const indexes = new Set(baseline.checks.filter((check) => check.parsed?.diagnostics !== undefined).map((check) => check.index));
  const checks = input.checks.filter((_, index) => indexes.has(index));
  if (checks.length === 0) return baseline;
  input.progress({ type: 'baseline-started', checks: checks.length, commit: base.commit, of: 'base' });
  let runs: CheckRun[];
  try {
    runs = await base.useWorktree(base.commit, (cwd) =>
      // As a step's checks run there: setup's commands, not the source commit's.
      // Its caches replace the source commit's: the steps are built on this commit and install.
      input.runChecks(checks, { cwd, phase: 'current', ...planScope(input.state), recipeDir: input.recipeDir, env: input.env, signal: input.signal, ...(input.sandbox && { sandbox: input.sandbox }), ...keptCache(input) }),
    );
  } catch (error) {
    // Setup's install failed: each step says so itself, and is judged against the source alone.
    if (input.signal.aborted) throw error;
    return baseline;
  }
  // runChecks numbers the checks it was given: back to their places in the recipe's list.
  const places = [...indexes];
  const withBaseChecks: Baseline = { ...baseline, base: { commit: base.commit, checks: runs.map((run) => ({ ...run, index: places[run.index] ?? run.index })) } };
  await input.artifacts.writeArtifact(BASELINE_ARTIFACT, JSON.stringify(withBaseChecks));
  return withBaseChecks;
}

/**
 * A reused baseline (a resumed run) ran no check, so no check's kept process (`serve`) is running:
 * each is started anew where the steps are built (setup's commit when the base part is recorded),
 * its answer dropped — the recorded results stand. Without it every step ran its check's `run`,
 * and cold, as the kept baseline left no build info (6.6 s against 4.2 s a step, in the review).
 */
async function keepServing(input: BaselineInput, baseline: Baseline): Promise<void> {
  const serving = input.checks.filter((check) => check.serve !== undefined);
  if (serving.length === 0 || input.checkCache === undefined) return;
  const onBase = input.base !== undefined && baseline.base?.commit === input.base.commit;
  const [commit, use] = onBase ? [input.base!.commit, input.base!.useWorktree] : [baseline.commit, input.useWorktree];
  try {
    await use(commit, (cwd) =>
      input.runChecks(serving, { cwd, phase: 'current', ...planScope(input.state), recipeDir: input.recipeDir, env: input.env, signal: input.signal, ...(input.sandbox && { sandbox: input.sandbox }), ...keptCache(input) }),
    );
  } catch (error) {
    if (input.signal.aborted) throw error;
    // Not started: the steps run their checks' commands, as before.
  }
}

function keptCache(input: Pick<BaselineInput, 'checkCache'>): { cache?: { store: string; mode: 'keep' } } {
  return input.checkCache === undefined ? {} : { cache: { store: input.checkCache, mode: 'keep' } };
}

/** The recorded baseline, when it was taken on `commit` with the same checks. */
export async function readBaseline(
  artifacts: BaselineInput['artifacts'],
  commit: string,
  checks: readonly CheckCommand[],
): Promise<Baseline | undefined> {
  const text = await artifacts.readArtifact(BASELINE_ARTIFACT);
  if (text === undefined) return undefined;
  try {
    const baseline = JSON.parse(text) as Baseline;
    const same = baseline.commit === commit && baseline.checks.length === checks.length && baseline.checks.every((check, i) => check.key === checks[i]?.run);
    return same ? baseline : undefined;
  } catch {
    return undefined; // a torn or edited file: take the baseline again
  }
}

/** What {files} and {module} stand for when a check covers the whole plan (baseline, land). */
export function planScope(state: Pick<RunState, 'steps'>): { files: string[]; modules: string[] } {
  return {
    files: [...new Set(state.steps.flatMap((step) => step.files))],
    modules: [...new Set(state.steps.map((step) => step.module))],
  };
}

export function summarizeBaseline(baseline: Baseline): BaselineSummary {
  return {
    commit: baseline.commit,
    durationMs: baseline.durationMs,
    checks: baseline.checks.map((check) => {
      const tests = check.parsed?.tests;
      const counts: Partial<Record<TestState, number>> = {};
      for (const test of tests ?? []) counts[test.state] = (counts[test.state] ?? 0) + 1;
      const failing = (tests ?? []).filter((test) => test.state === 'failed').slice(0, BASELINE_FAILING_SHOWN).map((test) => `${test.file} > ${test.name}`);
      return {
        command: check.result.command,
        parser: check.parser,
        status: check.result.status,
        exitCode: check.result.exitCode,
        durationMs: check.result.durationMs,
        ...(check.parsed?.diagnostics && { diagnostics: check.parsed.diagnostics.length }),
        ...(tests && { tests: counts }),
        ...(failing.length > 0 && { failing }),
        ...(check.parseError !== undefined && { parseError: check.parseError }),
      };
    }),
  };
}

/**
 * A worktree for the baseline out of a verify slot: with the checkout's node_modules, installed
 * for the source commit. A checkout without any (a fresh clone, a CI checkout) gets the recipe's
 * install command run in the slot first, and what it installed is removed afterwards, so that
 * the steps after it link their own.
 */
export function baselineWorktree(input: {
  readonly pool: Pick<WorktreePool, 'use'>;
  readonly checkout: string;
  /** The install command's runner, when the recipe or config has one. */
  readonly install?: (cwd: string) => Promise<VerifyResult>;
  readonly notice: (message: string) => void;
}): BaselineInput['useWorktree'] {
  return (commit, fn) =>
    input.pool.use(
      commit,
      '.',
      async (cwd) => {
        if (existsSync(join(input.checkout, 'node_modules')) || input.install === undefined) return fn(cwd);
        input.notice('the checkout has no node_modules: the baseline installs the source commit\'s dependencies with the recipe\'s install command first');
        const installed = await input.install(cwd);
        if (installed.status !== 'passed') input.notice(`the baseline's install ${installed.status} (exit ${installed.exitCode}): its checks may not find their tools`);
        try {
          return await fn(cwd);
        } finally {
          removeInstalled(cwd);
        }
      },
      { checkoutModules: true },
    );
}

/** node_modules folders an install left in a worktree (the root's, and workspace packages' a few levels down). */
function removeInstalled(dir: string, depth = 0): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '.git') continue;
    const path = join(dir, entry.name);
    if (entry.name === 'node_modules') rmSync(path, { recursive: true, force: true });
    else if (depth < 3) removeInstalled(path, depth + 1);
  }
}
