// `codemigrate run`: validate everything (nothing written on bad input) → plan → setup in memory
// → dry run prints diffs and the verdicts a run would give, or: lock, setup's install and the base
// commit and ref, then steps. A setup report with `stop: true` ends either before any step.

import type { CodemodEngine, Leftover } from '../core/codemod.js';
import type { FileChange, GitPort } from '../core/git.js';
import type { PlannedStep } from '../core/plan.js';
import type { Recipe } from '../core/recipe.js';
import { usageError } from '../core/errors.js';
import { failpoint } from '../core/failpoint.js';
import { runRef } from '../core/trailers.js';
import type { StepStatus } from '../core/state.js';
import { openTreeFiles, type TreeFiles } from '../edits/tree-files.js';
import { unifiedPatch } from '../edits/text-diff.js';
import { applyCodemods, changedFiles } from '../runner/apply-codemods.js';
import { codemodSpecs, modelSpec } from '../runner/run-step.js';
import { withContextFiles } from '../runner/step-context.js';
import { computeSetup, type SetupResult } from '../runner/run-setup.js';
import { setupStopReason } from '../runner/setup-stop.js';
import { decideAfterCodemods, modelWouldBeAskedReason, type CodemodVerdict } from '../runner/step-verdict.js';
import { removeStaleWorktrees } from '../runner/worktree-pool.js';
import { checkRunId, openRunStore, type RunStore } from '../state/store.js';
import { lockRepository, type RepoLock } from './repo-lock.js';
import { commitSetup, endAfterFailedSetup } from './commit-setup.js';
import type { QueueTarget } from './distribute.js';
import { executeSteps } from './execute.js';
import { loadConfig, resolveRecipe } from '../config/index.js';
import { BUILTIN_RECIPES, checkTransforms, enterRepoRoot, modelFor, stepEngine } from './inputs.js';
import { planNewRun } from './make-plan.js';
import type { AppOutput } from './output.js';
import { recipeRecord } from './recipe-change.js';
import { openRepository } from './repository.js';
import { verifySandbox } from './verify-sandbox.js';
import { detectSandbox } from '../verify/sandbox.js';

export const DEFAULT_MAX_ATTEMPTS = 3;

export interface RunOptions {
  readonly repo: string;
  readonly recipe: string;
  readonly runId?: string;
  readonly concurrency?: number;
  readonly maxAttempts?: number;
  readonly only?: string;
  readonly dryRun?: boolean;
  /** Verify model-written code even without a sandbox (src/app/verify-sandbox.ts). */
  readonly unsafeVerify?: boolean;
  readonly signal: AbortSignal;
  readonly now?: () => Date;
  /** The repository lock when the caller took it already (the CLI does, before loading this). */
  readonly lock?: RepoLock;
  /** Transforms run with the repository root as working directory (the CLI's choice; see enterRepoRoot). */
  readonly repoRootAsCwd?: boolean;
  /** Steps go to workers through this queue and remote (src/app/distribute.ts) instead of running here. */
  readonly queue?: QueueTarget;
}

export async function runMigration(options: RunOptions, output: AppOutput): Promise<{ exitCode: number; runId: string }> {
  const clock = options.now ?? (() => new Date());
  const now = () => clock().toISOString();
  const repo = await openRepository(options.repo);
  const { git } = repo;
  let lock: RepoLock | undefined;
  let engine: CodemodEngine | undefined;
  let store: RunStore | undefined;
  try {
    // Cheap checks first (flags, config, recipe schema); then the lock, before the transforms
    // load, so that a second run gives up at once. A dry run writes nothing and needs no lock.
    const problem = options.runId === undefined ? undefined : checkRunId(options.runId);
    if (problem !== undefined) throw usageError(`--run-id: ${problem}`);
    const config = await loadConfig(git.root);
    const recipe = await resolveRecipe(options.recipe, { repoRoot: git.root, config, builtinDir: BUILTIN_RECIPES });
    const runId = options.runId ?? defaultRunId(recipe.id, clock());
    // A recipe that does not apply, or nothing to do, stops here: before the lock, the transforms
    // (seconds for a large recipe), any write or any output.
    const { plan, source } = await planNewRun(git, recipe, config, repo.head, options.only);
    // A dry run verifies nothing; a run refuses here, before any write, to verify a model's code unsandboxed.
    const sandbox = options.dryRun ? detectSandbox() : verifySandbox(config, options.unsafeVerify, output);
    // BullMQ and ioredis load only for a distributed run.
    const distribute = options.queue && !options.dryRun ? await import('./distribute.js') : undefined;
    if (options.queue && distribute) await distribute.checkDistributed(options.queue, { git, recipe, prefix: config.branchPrefix, runId });
    if (!options.dryRun) lock = options.lock ?? (await lockRepository(git.gitDir, { runId, command: 'run' }));
    // A dry run writes nothing, the cache's entries included.
    engine = await stepEngine(git.gitDir, recipe, { cache: !options.dryRun });
    await checkTransforms(recipe, engine);
    enterRepoRoot(git.root, options.repoRootAsCwd);
    const model = await modelFor(recipe, config);
    const prefix = config.branchPrefix;
    store = openRunStore(git.gitDir, runId);
    if ((await store.exists()) || (await git.listRefs(runRef(prefix, runId, ''))).length > 0) {
      throw usageError(`run ${runId} already exists in ${git.root}; continue it with \`codemigrate resume ${runId}\``);
    }
    await refuseRefConflicts(git, prefix, runId);
    if (repo.uncommitted > 0) {
      output.emit({
        type: 'notice',
        message: `${repo.uncommitted} uncommitted change(s) in ${git.root} are not part of this run: it reads the committed HEAD ${repo.head.slice(0, 12)}`,
      });
    }
    const setup = await computeSetup(engine, recipe.setup, source, recipe.file, options.signal);
    const concurrency = options.concurrency ?? config.concurrency;
    output.emit({
      type: 'run-started',
      runId,
      recipe: recipe.id,
      sourceCommit: repo.head,
      steps: plan.steps.length,
      toRun: plan.steps.length,
      dryRun: options.dryRun === true,
      resumed: false,
    });

    if (options.dryRun) {
      const modelConfigured = model !== undefined;
      const exitCode = await dryRun({ git, engine, recipe, head: repo.head, setup, steps: plan.steps, modelConfigured, output, signal: options.signal });
      return { exitCode, runId };
    }

    await removeStaleWorktrees(git);
    let state = await store.append({
      type: 'run-planned',
      at: now(),
      runId,
      prefix,
      recipe: recipeRecord(recipe),
      plan,
      ...(options.only !== undefined ? { only: options.only } : {}),
    });
    failpoint('after-plan-saved');
    const committed = await commitSetup({ git, store, recipe, config, runId, prefix, sourceCommit: repo.head, setup, signal: options.signal, output, now, sandbox });
    if (committed.status === 'failed') return { exitCode: endAfterFailedSetup(committed.state, output), runId };
    state = committed.state;
    failpoint('after-setup-recorded');
    const stepIds = state.steps.map((step) => step.id);
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (options.queue && distribute) {
      const result = await distribute.distributeSteps({ target: options.queue, git, store, recipe, state, stepIds, maxAttempts, signal: options.signal, output, now });
      return { exitCode: result.exitCode, runId };
    }
    const result = await executeSteps({
      git,
      engine,
      store,
      recipe,
      config,
      state,
      stepIds,
      concurrency,
      signal: options.signal,
      output,
      now,
      maxAttempts,
      installed: committed.installed,
      sandbox,
      ...(model ? { model } : {}),
    });
    return { exitCode: result.exitCode, runId };
  } finally {
    await store?.flush();
    await lock?.release();
    await engine?.close();
    await git.close();
  }
}

/** refs/heads/<prefix> or refs/heads/<prefix>/<run> as branches would make our refs impossible. */
async function refuseRefConflicts(git: GitPort, prefix: string, runId: string): Promise<void> {
  const parts = prefix.split('/');
  const candidates = parts.map((_, index) => `refs/heads/${parts.slice(0, index + 1).join('/')}`);
  candidates.push(`refs/heads/${prefix}/${runId}`);
  for (const candidate of candidates) {
    if ((await git.readRef(candidate)) !== undefined) {
      throw usageError(`branch ${candidate.slice('refs/heads/'.length)} exists, so codemigrate cannot create branches under it; rename it or set branchPrefix in migration.config.json`);
    }
  }
}

export function defaultRunId(recipeId: string, date: Date): string {
  const stamp = date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${recipeId}-${stamp}`;
}

/**
 * Setup and every step in memory, nothing written. Each step gets the verdict a run would give it
 * after its codemods (decideAfterCodemods, as in runStep), except that nothing is verified and no
 * model is called: a step a model would be asked about ends needs-model here too.
 */
async function dryRun(input: {
  git: GitPort;
  engine: CodemodEngine;
  recipe: Recipe;
  head: string;
  setup: SetupResult;
  steps: readonly PlannedStep[];
  modelConfigured: boolean;
  output: AppOutput;
  signal: AbortSignal;
}): Promise<number> {
  const { output } = input;
  const original = await openTreeFiles(input.git, input.head);
  const base = await openTreeFiles(input.git, input.head, input.setup.overlay);
  if (input.setup.changes.length > 0 || input.setup.reports.length > 0) {
    const patch = await patchOf(original, input.setup.changes);
    const status = input.setup.changes.length > 0 ? 'succeeded' : 'unchanged';
    output.emit({ type: 'step-diff', step: 'base', module: '(setup)', status, patch, reports: input.setup.reports });
  }
  // As a run would: a setup report that stops the run leaves every step unplanned.
  const stopped = setupStopReason(input.setup.reports);
  if (stopped !== undefined) {
    output.emit({ type: 'setup-failed', runId: '(dry run)', reason: stopped, cause: 'report', dryRun: true });
    output.emit({ type: 'run-finished', runId: '(dry run)', exitCode: 1, counts: { pending: input.steps.length }, dryRun: true });
    return 1;
  }
  const model = modelSpec(input);
  const counts: Partial<Record<StepStatus, number>> = {};
  for (const step of input.steps) {
    const files = await base.read(step.files);
    const pass = await applyCodemods(input.engine, await withContextFiles(codemodSpecs(input), base), files, input.signal);
    const changes = changedFiles(files, pass.texts);
    const verdict = decideAfterCodemods({
      model,
      modelConfigured: input.modelConfigured,
      reports: pass.reports,
      ...(pass.failure !== undefined ? { failure: pass.failure } : {}),
      changed: changes.length,
    });
    const shown = dryRunVerdict(verdict, pass.reports);
    counts[shown.status] = (counts[shown.status] ?? 0) + 1;
    const patch = await patchOf(base, changes);
    output.emit({
      type: 'step-diff',
      step: step.id,
      module: step.module,
      status: shown.status,
      patch,
      ...(shown.reason !== undefined ? { reason: shown.reason } : {}),
      reports: pass.reports,
      ...(shown.status === 'succeeded' ? { verified: false as const } : {}),
    });
  }
  const exitCode = (counts.failed ?? 0) + (counts['needs-model'] ?? 0) > 0 ? 1 : 0;
  output.emit({ type: 'run-finished', runId: '(dry run)', exitCode, counts, dryRun: true });
  return exitCode;
}

function dryRunVerdict(verdict: CodemodVerdict, reports: readonly Leftover[]): { status: StepStatus; reason?: string } {
  switch (verdict.next) {
    case 'failed':
    case 'needs-model':
      return { status: verdict.next, reason: verdict.reason };
    case 'ask-model':
      return { status: 'needs-model', reason: modelWouldBeAskedReason(verdict.trigger, reports) };
    case 'unchanged':
      return { status: 'unchanged' };
    case 'verify':
      return verdict.failure === undefined ? { status: 'succeeded' } : { status: 'failed', reason: `a codemod threw on a file: ${verdict.failure}; the other files' edits are shown` };
  }
}

async function patchOf(files: TreeFiles, changes: readonly FileChange[]): Promise<string> {
  const parts: string[] = [];
  for (const change of changes) {
    const before = await files.readOne(change.path);
    const after = 'delete' in change ? undefined : typeof change.content === 'string' ? change.content : new TextDecoder().decode(change.content);
    parts.push(unifiedPatch(change.path, before, after));
  }
  return parts.join('');
}
