// `codemigrate land [RUN]`: combine the accepted steps (default: every succeeded step not
// rejected) onto the base, point <prefix>/<run>/result at it, and verify the result once more.

import { dirname, join } from 'node:path';
import { CodemigrateError, usageError } from '../core/errors.js';
import type { CheckRun } from '../core/checks.js';
import type { StepId } from '../core/plan.js';
import type { Recipe } from '../core/recipe.js';
import type { LandVerdict, RunState } from '../core/state.js';
import { runRef } from '../core/trailers.js';
import type { VerifyResult } from '../core/verify.js';
import { resolveRecipe } from '../config/index.js';
import { combineSteps } from '../land/combine-steps.js';
import { landCommitMessage, landVerdictMessage } from '../runner/commit-message.js';
import { WorktreePool, worktreeRoot } from '../runner/worktree-pool.js';
import { verifySandbox } from './verify-sandbox.js';
import { acquireLock } from '../state/lock.js';
import type { RunStore } from '../state/store.js';
import { describeRegressions, judgeChecksWithCopies, judgeRuns, runChecks, verifyEnvironment } from '../verify/index.js';
import { planScope } from '../runner/baseline.js';
import { baselineFor } from './baseline-for.js';
import { BUILTIN_RECIPES, enterRepoRoot } from './inputs.js';
import { frozenInstallPlan, installCommand, installRunner } from './install-plan.js';
import { applyFinish, type FinishOutcome } from './land-finish.js';
import { loadRun, type LoadedRun, type Warn } from './load-run.js';
import { silentOutput, type AppOutput } from './output.js';
import { recipeChange, recipeChangeError, stepsMadeEarlier } from './recipe-change.js';
import { openRepository } from './repository.js';

/** How many regressions land names one by one (the rest are counted). */
export const LAND_REGRESSION_LINES = 100;

export interface LandReport {
  readonly runId: string;
  readonly branch: string;
  readonly commit: string;
  readonly landed: readonly StepId[];
  readonly conflicts: readonly { readonly step: StepId; readonly paths: readonly string[] }[];
  readonly verify: readonly VerifyResult[];
  /** Against the baseline: `regressed` names each regression; the result's top commit says the same in a trailer. */
  readonly verdict: LandVerdict;
  /** One line per regression, at most LAND_REGRESSION_LINES, then a line counting the rest. */
  readonly regressions: readonly string[];
  readonly regressionCount: number;
  /** The recipe's finish phase: applied once every step of the plan is in the result. */
  readonly finish: FinishOutcome;
  /** The output of the check the first regression was found by. */
  readonly regressedOutput?: { readonly command: string; readonly outputTail: string };
  /** Steps of the run not in the result, each with why (rejected, not accepted, not succeeded). */
  readonly leftOut: readonly LeftOut[];
  /** Steps that had nothing to change. */
  readonly unchanged: number;
  /** Landed steps made with an earlier recipe version than the run's (taken by `resume --accept-recipe-change`). */
  readonly earlierRecipe: readonly StepId[];
  readonly exitCode: number;
}

/** A run whose every step was unchanged, with no setup and no finish: the result would be the source. */
export interface NothingToLand {
  readonly runId: string;
  readonly nothing: true;
  readonly unchanged: number;
  readonly exitCode: 0;
}

export async function landRun(
  options: { repo: string; runId?: string; signal: AbortSignal; unsafeVerify?: boolean; acceptedOnly?: boolean; repoRootAsCwd?: boolean; warn?: Warn },
  output: AppOutput = silentOutput,
): Promise<LandReport | NothingToLand> {
  const acceptedOnly = options.acceptedOnly ?? false;
  const repo = await openRepository(options.repo);
  const { git } = repo;
  try {
    const at = new Date().toISOString();
    // Checked once before the lock (a bad request fails fast) and read again under it (below).
    const early = await loadRun(git, options.runId, at, options.warn);
    const { recipe, baseCommit: earlyBase } = await landable(early, git.root);
    const earlyChoice = landableChoice(early.state, acceptedOnly);
    // Setup's base is a commit of its own even when setup changed nothing: compared by tree.
    const setupChangedNothing = async () => (await git.readCommit(earlyBase)).tree === (await git.readCommit(early.state.sourceCommit)).tree;
    if (earlyChoice.chosen.length === 0 && recipe.finish.length === 0 && (await setupChangedNothing())) {
      return { runId: early.state.runId, nothing: true, unchanged: earlyChoice.unchanged, exitCode: 0 };
    }
    // Moving a checked-out branch would change that checkout's HEAD and index under the user.
    const resultRef = runRef(early.state.prefix, early.state.runId, 'result');
    const holder = (await git.checkedOutBranches()).get(resultRef);
    if (holder !== undefined) {
      throw usageError(`${resultRef.slice('refs/heads/'.length)} is checked out in ${holder}: land moves that branch; switch that checkout to another branch first (git switch -), then land again`);
    }
    const sandbox = verifySandbox(early.config, options.unsafeVerify, output);

    const lock = await acquireLock(git.gitDir, { runId: early.state.runId, command: 'land' });
    let store: RunStore | undefined;
    try {
      // Under the lock: a review decided after the read above is landed as decided.
      const loaded = await loadRun(git, early.state.runId, at, options.warn);
      const { state, config } = loaded;
      store = loaded.store;
      const { baseCommit } = await landable(loaded, git.root);
      const { chosen, leftOut, unchanged } = landableChoice(state, acceptedOnly);
      for (const event of loaded.pending) await store.append(event);
      const combined = await combineSteps(git, baseCommit, chosen, (step) => landCommitMessage(recipe, state.runId, step, finishedByOf(state, step), recipeHashOf(state, step)));
      const secrets = config.model ? [config.model.apiKeyEnv] : [];
      const env = verifyEnvironment(process.env, secrets);
      const installCommandOf = installCommand(recipe, config);
      if (options.repoRootAsCwd && recipe.finish.length > 0) {
        // Finish's transforms are named as from where the command started: resolved before moving.
        const { resolveTransformPath } = await import('../codemods/load-transform.js');
        for (const spec of recipe.finish) if (spec.kind === 'codemod') resolveTransformPath(spec);
        enterRepoRoot(git.root, true);
      }
      const finish = await applyFinish({
        git,
        recipe,
        state,
        head: combined.head,
        landed: combined.landed,
        signal: options.signal,
        ...(installCommandOf && {
          install: { command: installCommandOf, run: installRunner(installCommandOf, recipe, env, sandbox, options.signal), dir: join(worktreeRoot(git.gitDir), `${state.runId}-land`, 'finish-install') },
        }),
      });
      const resultHead = finish.status === 'applied' ? finish.head : combined.head;
      const checks = config.verify ?? recipe.verify;
      let verify: VerifyResult[] = [];
      let regressions: string[] = [];
      let regressionCount = 0;
      // Tests let through as flaky (failed in one of two runs of the same tree), for the verdict's message.
      let flaky: string | undefined;
      let regressedOutput: LandReport['regressedOutput'];
      if (checks.length > 0) {
        const install = await frozenInstallPlan(git, { recipe, config, from: state.sourceCommit, to: resultHead, env, sandbox, signal: options.signal, output });
        const pool = new WorktreePool(git, join(worktreeRoot(git.gitDir), `${state.runId}-land`), 1, install);
        try {
          // Taken now only when the run's was lost (its state rebuilt from the refs).
          const baseline = await baselineFor({
            git,
            store,
            recipe,
            config,
            state: store.current() ?? state,
            checks,
            pool,
            env,
            sandbox,
            signal: options.signal,
            output,
            now: () => new Date().toISOString(),
          });
          const installed = await pool.prepare();
          if (installed.status === 'failed') {
            verify = [installed.result];
            regressions = [`install failed on the result: ${installed.reason}`];
            regressionCount = 1;
          } else {
            // The whole result, every module of the plan: a landed step must not break one that was not landed.
            const check = () => pool.use(resultHead, '.', (cwd) => runChecks(checks, { cwd, phase: 'current', ...planScope(state), recipeDir: dirname(recipe.file), env, sandbox, signal: options.signal }));
            const judge = (done: readonly CheckRun[]) => judgeChecksWithCopies(baseline, done, (paths) => (baseline === undefined ? Promise.resolve(new Map()) : git.copiedFiles(baseline.commit, resultHead, paths)));
            const { runs, judged, flaky: letThrough } = await judgeRuns(check, judge, options.signal);
            flaky = letThrough;
            verify = runs.map((run) => run.result);
            const found = judged.regressions;
            regressions = describeRegressions(found, LAND_REGRESSION_LINES);
            regressionCount = found.length;
            const first = runs.find((run) => run.result.command === found[0]?.check);
            if (first) regressedOutput = { command: first.result.command, outputTail: first.result.outputTail };
          }
        } finally {
          await pool.close();
        }
      }
      // A check (or the install) that could not be started at all proves nothing either way: such a
      // land is not recorded, not even as unverified, and the result branch stays where it was.
      const unstarted = verify.filter((result) => result.status === 'error');
      if (unstarted.length > 0) throw notStarted(unstarted, runRef(state.prefix, state.runId, 'result'));
      const verdict = regressionCount === 0 ? 'passed' : 'regressed';
      // The verdict travels with the result: an empty commit on top whose trailer says it.
      const head = await git.commitTree({
        tree: (await git.readCommit(resultHead)).tree,
        parents: [resultHead],
        message: landVerdictMessage(recipe, state.runId, verdict, checks.length, regressions, regressionCount, flaky),
      });
      const ref = runRef(state.prefix, state.runId, 'result');
      const existing = await git.readRef(ref);
      if (existing === undefined) await git.createRef(ref, head);
      else if (existing !== head && (await git.updateRef(ref, head, existing)) === 'moved') {
        throw usageError(`${ref} moved while landing; run land again`);
      }
      await store.append({
        type: 'run-landed',
        at: new Date().toISOString(),
        commit: head,
        landed: combined.landed,
        conflicts: combined.conflicts.map((c) => c.step),
        verify,
        verdict,
        regressions,
        regressionCount,
      });
      return {
        runId: state.runId,
        branch: ref.slice('refs/heads/'.length),
        commit: head,
        landed: combined.landed,
        conflicts: combined.conflicts,
        verify,
        verdict,
        regressions,
        regressionCount,
        finish,
        ...(regressedOutput && { regressedOutput }),
        leftOut,
        unchanged,
        earlierRecipe: stepsMadeEarlier(state, state.recipe.hash).map((step) => step.id).filter((id) => combined.landed.includes(id)),
        exitCode: combined.conflicts.length === 0 && verdict === 'passed' ? 0 : 1,
      };
    } finally {
      await store?.flush();
      await lock.release();
    }
  } finally {
    await git.close();
  }
}

function notStarted(results: readonly VerifyResult[], ref: string): CodemigrateError {
  const lines = results.map((result) => {
    const why = result.outputTail.split('\n').filter((line) => line.startsWith('[codemigrate] ')).at(-1)?.slice('[codemigrate] '.length);
    return `land: check ${result.command}: ${why ?? 'could not be started'}`;
  });
  const branch = ref.slice('refs/heads/'.length);
  return new CodemigrateError('verify', [...lines, `nothing was landed: ${branch} was not moved and no land was recorded; make the check startable, then land again`]);
}

/** The run's recipe, when the run can land at all: it has a base and its recipe did not change. */
async function landable(loaded: LoadedRun, root: string): Promise<{ recipe: Recipe; baseCommit: string }> {
  const { state, config } = loaded;
  if (state.baseCommit === undefined) throw usageError(`run ${state.runId} has no base yet; resume it first`);
  const recipe = await resolveRecipe(state.recipe.file, { repoRoot: root, config, builtinDir: BUILTIN_RECIPES });
  const change = recipeChange(state.recipe, recipe);
  if (change !== undefined) throw recipeChangeError(recipe, state, change);
  return { recipe, baseCommit: state.baseCommit };
}

/** A step of the run that land did not take, and why (one line). */
export interface LeftOut {
  readonly step: StepId;
  readonly why: string;
}

export interface StepChoice {
  readonly chosen: readonly { readonly id: StepId; readonly commit: string }[];
  readonly leftOut: readonly LeftOut[];
  /** Steps that had nothing to change: in no result, and never missing from one. */
  readonly unchanged: number;
}

/**
 * Pure: the steps land takes. By default every succeeded step not rejected; with `acceptedOnly`,
 * the accepted ones. Every other step that changed something (or tried to) is left out with its
 * reason, so that what land prints is what the user meant or visibly not.
 */
export function chooseSteps(state: Pick<RunState, 'steps'>, acceptedOnly = false): StepChoice {
  const chosen: { id: StepId; commit: string }[] = [];
  const leftOut: LeftOut[] = [];
  let unchanged = 0;
  for (const step of state.steps) {
    const outcome = step.outcome;
    if (step.status === 'unchanged') unchanged += 1;
    else if (step.status !== 'succeeded' || outcome?.status !== 'succeeded') leftOut.push({ step: step.id, why: notSucceeded(step.status, outcome) });
    else if (step.review === 'rejected') leftOut.push({ step: step.id, why: 'rejected in review' });
    else if (acceptedOnly && step.review !== 'accepted') leftOut.push({ step: step.id, why: 'not accepted (land --accepted takes accepted steps only)' });
    else chosen.push({ id: step.id, commit: outcome.commit });
  }
  return { chosen, leftOut, unchanged };
}

function notSucceeded(status: RunState['steps'][number]['status'], outcome: RunState['steps'][number]['outcome']): string {
  const reason = outcome !== undefined && 'reason' in outcome ? `: ${outcome.reason.split('\n')[0]}` : '';
  return `${status}${reason}`;
}

/** The choice when land can take it: at least one step, or a run where every step was unchanged. */
function landableChoice(state: RunState, acceptedOnly: boolean): StepChoice {
  const choice = chooseSteps(state, acceptedOnly);
  if (choice.chosen.length > 0 || choice.leftOut.length === 0) return choice;
  const shown = choice.leftOut.slice(0, 5).map((item) => `${item.step} (${item.why})`).join('; ');
  const more = choice.leftOut.length > 5 ? `; and ${choice.leftOut.length - 5} more` : '';
  throw usageError(`run ${state.runId} has no ${acceptedOnly ? 'accepted' : 'succeeded'} step to land: ${shown}${more}`);
}

/** The recipe version a step was made with, for the trailer of its land commit. */
function recipeHashOf(state: RunState, id: string): string | undefined {
  return state.steps.find((step) => step.id === id)?.recipeHash;
}

/** Who finished a step by hand (the human rung), for the trailer of its land commit. */
function finishedByOf(state: RunState, id: string): readonly string[] {
  const outcome = state.steps.find((step) => step.id === id)?.outcome;
  return outcome?.status === 'succeeded' ? (outcome.finishedBy ?? []) : [];
}
