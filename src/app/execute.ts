// The part of run and resume that writes: under the repository lock, with scratch worktrees
// owned and removed here, it records events and runs steps. Interrupts end it with 130 and
// leave the run resumable.

import { join } from 'node:path';
import type { CodemodEngine } from '../core/codemod.js';
import type { GitPort } from '../core/git.js';
import type { ModelClient } from '../core/model.js';
import type { StepId } from '../core/plan.js';
import type { Config, ModelConfig, Recipe } from '../core/recipe.js';
import type { RunEvent, RunState } from '../core/state.js';
import { compactHistory } from '../compact/index.js';
import { neverSendMatcher } from '../model/never-send.js';
import { cachedTreeFiles } from '../edits/tree-files.js';
import { projectFormat } from '../edits/format.js';
import type { InstallOutcome } from '../runner/dependency-install.js';
import { runSteps } from '../runner/run-steps.js';
import { StepHistory } from '../runner/step-history.js';
import { LocalTokenBudget } from '../runner/token-budget.js';
import type { TokenBudget } from '../core/budget.js';
import { WorktreePool, worktreeRoot } from '../runner/worktree-pool.js';
import type { RunStore } from '../state/store.js';
import { CHECK_CACHE_STORE, closeKept, runChecks, verifyEnvironment } from '../verify/index.js';
import type { Sandbox } from '../verify/sandbox.js';
import { baselineFor } from './baseline-for.js';
import { installPlan } from './install-plan.js';
import type { AppOutput } from './output.js';
import { countStatuses, runExitCode } from './summary.js';

export interface ExecuteInput {
  readonly git: GitPort;
  readonly engine: CodemodEngine;
  readonly store: RunStore;
  readonly recipe: Recipe;
  readonly config: Config;
  readonly state: RunState;
  readonly stepIds: readonly StepId[];
  readonly concurrency: number;
  readonly signal: AbortSignal;
  readonly output: AppOutput;
  readonly now: () => string;
  readonly maxAttempts: number;
  readonly model?: ModelClient;
  /** Setup's install, when setup ran in this process: verify links it instead of installing. */
  readonly installed?: InstallOutcome;
  readonly sandbox: Sandbox;
  /** The run-wide token budget when it is kept elsewhere (a worker: the run's, in Redis); absent, in memory. */
  readonly budgetFor?: (model: ModelConfig | undefined) => TokenBudget | undefined;
  /**
   * Scratch worktrees the caller keeps between executes of one run (a worker, per clone): the
   * pool made on the first execute is kept in it and not closed here; later ones reuse it, so a
   * step resets a worktree instead of adding and removing one. The caller closes it.
   */
  readonly keptWorktrees?: KeptWorktrees;
}

/** A holder for a run's scratch worktree pool that outlives one execute (see ExecuteInput.keptWorktrees). */
export interface KeptWorktrees {
  pool?: WorktreePool;
}

export async function executeSteps(input: ExecuteInput): Promise<{ state: RunState; exitCode: number }> {
  const { git, store, state, output } = input;
  const secretNames = input.config.model ? [input.config.model.apiKeyEnv] : [];
  const verifyEnv = verifyEnvironment(process.env, secretNames);
  const install = installPlan({
    recipe: input.recipe,
    config: input.config,
    from: state.sourceCommit,
    to: state.baseCommit,
    ...(input.installed ? { installed: input.installed } : {}),
    env: verifyEnv,
    sandbox: input.sandbox,
    signal: input.signal,
    output,
  });
  const worktreeDir = join(worktreeRoot(git.gitDir), state.runId);
  const kept = input.keptWorktrees;
  const pool = kept?.pool ?? new WorktreePool(git, worktreeDir, input.concurrency, install);
  if (kept) kept.pool = pool;
  const checks = input.config.verify ?? input.recipe.verify;
  const checkCache = join(store.dir, CHECK_CACHE_STORE);
  const formatters = input.config.format ?? input.recipe.format ?? [];
  let latest = state;
  try {
    const { model } = input;
    const baseline = checks.length > 0 && input.stepIds.length > 0
      ? await baselineFor({
          git,
          store,
          recipe: input.recipe,
          config: input.config,
          state,
          checks,
          // A verify slot takes the baseline: it is reset to each step's commit afterwards.
          pool,
          ...(state.baseCommit !== undefined && { base: state.baseCommit }),
          checkCache,
          env: verifyEnv,
          sandbox: input.sandbox,
          signal: input.signal,
          output,
          now: input.now,
        })
      : undefined;
    const spent = state.steps.reduce((sum, step) => sum + step.tokens.prompt + step.tokens.completion, 0);
    latest = await runSteps(
      {
        git,
        readTree: cachedTreeFiles(git),
        engine: input.engine,
        recipe: input.recipe,
        runId: state.runId,
        prefix: state.prefix,
        verify: checks,
        runChecks,
        ...(baseline && { baseline }),
        verifyEnv,
        sandbox: input.sandbox,
        checkCache,
        worktrees: pool,
        concurrency: input.concurrency,
        signal: input.signal,
        record: (event: RunEvent) => store.append(event),
        progress: (event) => output.emit(event),
        now: input.now,
        ...(model ? { model } : {}),
        maxAttempts: input.maxAttempts,
        budget: input.budgetFor?.(input.config.model) ?? new LocalTokenBudget(input.config.model?.maxTokensPerRun, spent),
        neverSend: neverSendMatcher(input.config.neverSendToModel),
        ...(input.config.model && { requestScope: { maxFileBytes: input.config.model.maxFileBytes, maxRequestBytes: input.config.model.maxRequestBytes } }),
        history: new StepHistory(store, {
          onDamaged: (relPath, problem) =>
            output.emit({ type: 'notice', message: `${join(store.dir, relPath)}: ${problem}; left out of the history the model sees` }),
        }),
        compact: (history) => compactHistory(history),
        ...(formatters.length > 0 && { format: projectFormat(git.root, formatters, (message) => output.emit({ type: 'notice', message })) }),
      },
      store.current() ?? state,
      input.stepIds,
    );
  } catch (error) {
    if (!input.signal.aborted) throw error;
    latest = store.current() ?? latest;
  } finally {
    closeKept(checkCache); // the checks' kept processes (a check's `serve`) live as long as the run
    if (!kept) await pool.close();
  }
  // Interrupted whether a step noticed the abort (and threw) or every step in flight ended first
  // and the rest never started: either way the run is unfinished, resumable, and ends 130.
  const interrupted = input.signal.aborted;
  if (interrupted) latest = await resetStepsInFlight(store, latest, input.now());
  const exitCode = runExitCode(latest, interrupted);
  output.emit({
    type: 'run-finished',
    runId: state.runId,
    exitCode,
    counts: countStatuses(latest),
    branchGlob: `${state.prefix}/${state.runId}/*`,
    dryRun: false,
    ...(interrupted ? { interrupted: true as const } : {}),
  });
  return { state: latest, exitCode };
}

/**
 * Steps an interrupt stopped mid-way are pending again, as resume would make them: the state, the
 * run-finished counts and status then agree. Nothing runs any more (the queue is idle); a ref a
 * stopped step did write is found by resume's reconcile, the refs being the truth.
 */
export async function resetStepsInFlight(store: RunStore, state: RunState, at: string): Promise<RunState> {
  let latest = state;
  for (const step of state.steps) {
    if (step.status === 'running') latest = await store.append({ type: 'step-reset', at, step: step.id, reason: 'the run was interrupted' });
  }
  return latest;
}
