// One step's ladder: read its files at the parent commit → codemods in memory → commit object →
// verify in a scratch worktree → create the step's ref (expected old value: none, so a step is
// never committed twice). Every expected failure comes back as a StepOutcome value.

import type { Leftover } from '../core/codemod.js';
import type { CodemodSpec, ModelSpec } from '../core/recipe.js';
import type { StepOutcome, StepState } from '../core/state.js';
import { runRef, TRAILER_STEP } from '../core/trailers.js';
import type { VerifyResult } from '../core/verify.js';
import { openTreeFiles } from '../edits/tree-files.js';
import { applyCodemods, changedFiles, changeStats } from './apply-codemods.js';
import { stepCommitMessage } from './commit-message.js';
import type { RunnerContext } from './context.js';

export async function runStep(ctx: RunnerContext, step: Pick<StepState, 'id' | 'module' | 'files'>, parent: string, attempt: number): Promise<StepOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const tree = await openTreeFiles(ctx.git, parent);
  const files = await tree.read(step.files);
  const pass = await applyCodemods(ctx.engine, codemodSpecs(ctx), files, ctx.signal);
  const common = { codemods: pass.summaries, reports: pass.reports };
  if (pass.failure !== undefined) {
    return { status: 'failed', reason: pass.failure, ...common, stats: [], verify: [], durationMs: elapsed() };
  }

  const changes = changedFiles(files, pass.texts);
  const stats = changeStats(files, pass.texts);
  const model = modelSpec(ctx);
  const wantsModel = model !== undefined && modelWanted(model, pass.reports);
  if (changes.length === 0 && !wantsModel) return { status: 'unchanged', ...common, durationMs: elapsed() };

  const message = stepCommitMessage(ctx.recipe, ctx.runId, step, attempt, changes.length);
  const written = changes.length > 0 ? await ctx.git.writeCommit({ parent, changes, message }) : undefined;
  const attemptCommit = written ? { commit: written.commit } : {};
  if (wantsModel) {
    return {
      status: 'needs-model',
      reason: needsModelReason(pass.reports),
      ...common,
      ...attemptCommit,
      stats,
      verify: [],
      durationMs: elapsed(),
    };
  }
  const { commit, tree: treeOid } = written!;

  let verify: VerifyResult[] = [];
  if (ctx.verify.length > 0) {
    verify = await ctx.worktrees.use(commit, step.module, (cwd) =>
      ctx.runVerify(ctx.verify, { cwd, files: step.files, module: step.module, env: ctx.verifyEnv, signal: ctx.signal }),
    );
    const failed = verify.find((result) => result.status !== 'passed');
    if (failed) {
      const reason = `verify ${failed.status}: ${failed.command}${failed.exitCode === null ? '' : ` (exit ${failed.exitCode})`}`;
      const status = model?.when.includes('verify-failed') ? 'needs-model' : 'failed';
      return { status, reason, ...common, commit, stats, verify, durationMs: elapsed() };
    }
  }

  ctx.signal.throwIfAborted();
  const ref = runRef(ctx.prefix, ctx.runId, step.id);
  if ((await ctx.git.createRef(ref, commit)) === 'exists') {
    // A ref written by an earlier, interrupted attempt of this same step is the truth: keep it.
    const [existing] = await ctx.git.listRefs(ref);
    const record = existing ? await ctx.git.readCommit(existing.commit) : undefined;
    if (!record || record.trailers[TRAILER_STEP] !== step.id) {
      return { status: 'failed', reason: `${ref} already exists and is not this step's commit`, ...common, commit, stats, verify, durationMs: elapsed() };
    }
    return { status: 'succeeded', ...common, commit: record.oid, tree: record.tree, stats, verify, durationMs: elapsed() };
  }
  return { status: 'succeeded', ...common, commit, tree: treeOid, stats, verify, durationMs: elapsed() };
}

export function codemodSpecs(ctx: Pick<RunnerContext, 'recipe'>): CodemodSpec[] {
  return ctx.recipe.steps.filter((spec): spec is CodemodSpec => spec.kind === 'codemod');
}

function modelSpec(ctx: RunnerContext): ModelSpec | undefined {
  return ctx.recipe.steps.find((spec): spec is ModelSpec => spec.kind === 'model');
}

function modelWanted(model: ModelSpec, reports: readonly Leftover[]): boolean {
  return model.when.includes('always') || (model.when.includes('reported') && reports.length > 0);
}

function needsModelReason(reports: readonly Leftover[]): string {
  if (reports.length === 0) return 'the recipe asks a model to edit every step, and no model is configured';
  const first = reports[0]!;
  const where = first.line === undefined ? first.file : `${first.file}:${first.line}`;
  const more = reports.length > 1 ? ` (and ${reports.length - 1} more)` : '';
  return `${reports.length} leftover(s) need a model, none is configured: ${where}: ${first.message}${more}`;
}

