// `codemigrate resume [RUN]`: reconcile the run's state with its refs, finish setup if it never
// committed, then run every step that has not succeeded: unfinished ones, then failed ones.

import type { ModelConfig, Recipe } from '../core/recipe.js';
import { SUCCESS_STATUSES, type RunState } from '../core/state.js';
import { resolveRecipe } from '../config/index.js';
import { openTreeFiles } from '../edits/tree-files.js';
import type { InstallOutcome } from '../runner/dependency-install.js';
import { computeSetup } from '../runner/run-setup.js';
import { removeStaleWorktrees } from '../runner/worktree-pool.js';
import type { RunStore } from '../state/store.js';
import { commitSetup, endAfterFailedSetup } from './commit-setup.js';
import { executeSteps, type KeptWorktrees } from './execute.js';
import type { CodemodEngine } from '../core/codemod.js';
import type { TokenBudget } from '../core/budget.js';
import { BUILTIN_RECIPES, checkTransforms, enterRepoRoot, modelFor, stepEngine } from './inputs.js';
import { loadRun, type Warn } from './load-run.js';
import type { AppOutput } from './output.js';
import { lockRepository, type RepoLock } from './repo-lock.js';
import { effectLines, recipeChange, recipeChangeError, recipeRecord, stepsMadeEarlier } from './recipe-change.js';
import { openRepository, type OpenedRepository } from './repository.js';
import { DEFAULT_MAX_ATTEMPTS } from './run.js';
import { verifySandbox } from './verify-sandbox.js';

export interface ResumeOptions {
  readonly repo: string;
  readonly runId?: string;
  readonly concurrency?: number;
  readonly maxAttempts?: number;
  /** The repository lock when the caller took it already (the CLI does, before loading this). */
  readonly lock?: RepoLock;
  readonly signal: AbortSignal;
  readonly now?: () => Date;
  /** Verify model-written code even without a sandbox (src/app/verify-sandbox.ts). */
  readonly unsafeVerify?: boolean;
  readonly warn?: Warn;
  /** Only these steps (`review STEP --verify`); absent: every step that has not succeeded. */
  readonly steps?: readonly string[];
  /** Transforms run with the repository root as working directory (the CLI's choice; see enterRepoRoot). */
  readonly repoRootAsCwd?: boolean;
  /** Go on with a recipe whose transforms or instructions changed since the run started (src/app/recipe-change.ts). */
  readonly acceptRecipeChange?: boolean;
  /** Resolve the recipe from here rather than from the file the run recorded (a worker's clone: src/app/worker.ts). */
  readonly recipeAt?: string;
  /**
   * The codemod engine for this recipe when the caller keeps one between resumes (a worker, per
   * clone: its worker threads load jscodeshift once, not per step). Not closed here.
   */
  readonly engineFor?: (gitDir: string, recipe: Recipe) => Promise<CodemodEngine>;
  /**
   * The repository `repo` names, opened already, when the caller keeps it between resumes (a
   * worker, per clone: its git streams and identity are not started again per step). Not closed here.
   */
  readonly repository?: OpenedRepository;
  /** The run-wide token budget, given the config's limit, when the caller keeps it (a worker: the run's, in Redis). */
  readonly budgetFor?: (model: ModelConfig | undefined) => TokenBudget | undefined;
  /** The run's scratch worktrees when the caller keeps them between resumes (a worker, per clone): see ExecuteInput. */
  readonly keptWorktrees?: KeptWorktrees;
}

export async function resumeRun(options: ResumeOptions, output: AppOutput): Promise<{ exitCode: number; runId: string }> {
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const repo = options.repository ?? (await openRepository(options.repo));
  const { git } = repo;
  const lock =
    options.lock ??
    (await lockRepository(git.gitDir, { runId: options.runId ?? '(newest run)', command: 'resume' }).catch(async (error: unknown) => {
      if (!options.repository) await git.close();
      throw error;
    }));
  let engine: CodemodEngine | undefined;
  let store: RunStore | undefined;
  try {
    const loaded = await loadRun(git, options.runId, now(), options.warn, options.recipeAt);
    const { config } = loaded;
    store = loaded.store;
    const recipe = await resolveRecipe(options.recipeAt ?? loaded.state.recipe.file, { repoRoot: git.root, config, builtinDir: BUILTIN_RECIPES });
    const accepted = acceptedChange(recipe, loaded.state, options.acceptRecipeChange === true);
    engine = options.engineFor ? await options.engineFor(git.gitDir, recipe) : await stepEngine(git.gitDir, recipe);
    // A finished run needs no transform: loading them (babel, TypeScript) would only cost time.
    const unfinished = loaded.state.baseCommit === undefined || loaded.state.steps.some((step) => !SUCCESS_STATUSES.includes(step.status));
    if (unfinished) await checkTransforms(recipe, engine);
    enterRepoRoot(git.root, options.repoRootAsCwd);
    const model = unfinished ? await modelFor(recipe, config) : undefined;
    const sandbox = verifySandbox(config, options.unsafeVerify, output);

    // Worktrees the caller keeps for this run are not stale: they are reset for the next step.
    if (options.keptWorktrees?.pool === undefined) await removeStaleWorktrees(git);
    let state: RunState | undefined = store.current();
    for (const event of loaded.pending) state = await store.append(event);
    if (accepted !== undefined) {
      for (const line of accepted.lines) options.warn?.(line);
      state = await store.append({ type: 'recipe-accepted', at: now(), recipe: recipeRecord(recipe), changed: accepted.changed });
    }
    state ??= loaded.state;
    // Setup's install, when setup commits here; absent, verify installs lazily at the base if it must.
    let installed: InstallOutcome | undefined;
    if (state.baseCommit === undefined) {
      const source = await openTreeFiles(git, state.sourceCommit);
      const setup = await computeSetup(engine, recipe.setup, source, recipe.file, options.signal);
      const { runId, prefix, sourceCommit } = state;
      const committed = await commitSetup({ git, store, recipe, config, runId, prefix, sourceCommit, setup, signal: options.signal, output, now, sandbox });
      if (committed.status === 'failed') return { exitCode: endAfterFailedSetup(committed.state, output), runId };
      ({ state, installed } = committed);
    }
    const wanted = options.steps ? new Set(options.steps) : undefined;
    const toRun = state.steps.filter((step) => !SUCCESS_STATUSES.includes(step.status) && (wanted?.has(step.id) ?? true)).map((step) => step.id);
    output.emit({
      type: 'run-started',
      runId: state.runId,
      recipe: recipe.id,
      sourceCommit: state.sourceCommit,
      steps: state.steps.length,
      toRun: toRun.length,
      dryRun: false,
      resumed: true,
    });
    const result = await executeSteps({
      git,
      engine,
      store,
      recipe,
      config,
      state,
      stepIds: toRun,
      concurrency: options.concurrency ?? config.concurrency,
      signal: options.signal,
      output,
      now,
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      ...(installed ? { installed } : {}),
      sandbox,
      ...(model ? { model } : {}),
      ...(options.budgetFor ? { budgetFor: options.budgetFor } : {}),
      ...(options.keptWorktrees ? { keptWorktrees: options.keptWorktrees } : {}),
    });
    return { exitCode: result.exitCode, runId: state.runId };
  } finally {
    await store?.flush();
    await lock.release();
    if (!options.engineFor) await engine?.close();
    if (!options.repository) await git.close();
  }
}

/**
 * The recipe change resume takes, with the lines that say what it means; undefined when the recipe
 * is the run's. A change to the code it runs is taken when asked, or unasked when nothing that
 * stays was made with the earlier version (then there is nothing to mix); anything else stops here,
 * before any write.
 */
function acceptedChange(recipe: Recipe, state: RunState, asked: boolean): { changed: readonly string[]; lines: string[] } | undefined {
  const change = recipeChange(state.recipe, recipe);
  if (change === undefined) return undefined;
  const mixes = stepsMadeEarlier(state, recipe.hash).length > 0 || (state.baseCommit !== undefined && change.changed.some((part) => part.startsWith('setup[')));
  if (change.unknownParts || change.structural.length > 0 || (mixes && !asked)) throw recipeChangeError(recipe, state, change);
  const head = `${recipe.file}: the recipe changed since run ${state.runId} started (${change.changed.join(', ')}); going on with the new version`;
  return { changed: change.changed, lines: [head, ...effectLines(recipe, state, change)] };
}
