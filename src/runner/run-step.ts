// One step's ladder, run once per `run`/`resume` of the step:
//   codemods in memory → [model edits when the codemods reported leftovers, or always]
//   → commit object → verify in a scratch worktree → ref (expected old value: none)
//   on a rejected reply or a failed verify: record the attempt, compact the history, ask the
//   model again … up to maxAttempts. Every expected failure comes back as a StepOutcome value;
//   nothing is written outside git objects and the step's own ref.

import { dirname } from 'node:path';
import type { Leftover } from '../core/codemod.js';
import { failpoint } from '../core/failpoint.js';
import type { FileChange } from '../core/git.js';
import type { AttemptRecord } from '../core/history.js';
import type { RepoPath } from '../core/paths.js';
import type { CodemodSpec, ModelSpec, ModelTrigger } from '../core/recipe.js';
import type { CodemodSummary, StepOutcome, StepState, TokenUsage } from '../core/state.js';
import { runRef } from '../core/trailers.js';
import type { VerifyResult } from '../core/verify.js';
import { unifiedPatch } from '../edits/text-diff.js';
import type { CheckRun } from '../core/checks.js';
import { judgeRuns } from '../verify/judge-runs.js';
import { describeRegressions, judgeChecksWithCopies, stepReference, summarizeVerdict, type Verdict } from '../verify/verdict.js';
import { applyCodemods, changedFiles, changeStats } from './apply-codemods.js';
import { askModel } from './ask-model.js';
import { withContextFiles } from './step-context.js';
import { finishedByMessage, keptAttemptMessage, stepCommitMessage } from './commit-message.js';
import { readStepBranch, type StepBranch } from './step-branch.js';
import type { RunnerContext } from './context.js';
import { decideAfterCodemods, needsModelReason } from './step-verdict.js';

type Step = Pick<StepState, 'id' | 'module' | 'files'>;

export interface StepRun {
  readonly outcome: StepOutcome;
  /** Tokens spent by the last attempt (earlier ones were handed to NextAttempt). */
  readonly tokens: TokenUsage;
}

/**
 * Called between attempts: records the failed attempt's outcome with the tokens it spent, starts
 * the next attempt and returns its number.
 */
export type NextAttempt = (failed: StepOutcome, tokens: TokenUsage) => Promise<number>;

export async function runStep(ctx: RunnerContext, step: Step, parent: string, firstAttempt: number, nextAttempt: NextAttempt): Promise<StepRun> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let tokens: TokenUsage = { prompt: 0, completion: 0 };
  const tree = await ctx.readTree(parent);
  const files = await tree.read(step.files);
  const pass = await applyCodemods(ctx.engine, await withContextFiles(codemodSpecs(ctx), tree), files, ctx.signal);
  const formatted = ctx.format ? await ctx.format(files, pass.texts) : { texts: pass.texts, summaries: [] };
  const common = { codemods: [...pass.summaries, ...formatted.summaries] as readonly CodemodSummary[], reports: pass.reports };
  let attempt = firstAttempt;
  const record = (entry: Omit<AttemptRecord, 'attempt'>) => ctx.history.addRecord(step.id, { attempt, ...entry });
  const done = (outcome: StepOutcome): StepRun => ({ outcome, tokens });

  const model = modelSpec(ctx);
  const verdict = decideAfterCodemods({
    model,
    modelConfigured: ctx.model !== undefined,
    reports: pass.reports,
    ...(pass.failure !== undefined ? { failure: pass.failure } : {}),
    changed: changedFiles(files, formatted.texts).length,
  });
  if (verdict.next === 'failed') {
    await record({ by: 'codemods', result: 'codemod-failed', reason: verdict.reason, changed: [] });
    return done({ status: 'failed', reason: verdict.reason, ...common, stats: [], verify: [], durationMs: elapsed() });
  }

  let texts: ReadonlyMap<RepoPath, string> = formatted.texts;
  let trigger: ModelTrigger | undefined = verdict.next === 'ask-model' || verdict.next === 'needs-model' ? verdict.trigger : undefined;
  let by: AttemptRecord['by'] = 'codemods';
  let notes: string | undefined;
  // The newest attempt commit: a step that ends without one of its own (a rejected reply, a spent
  // budget) still keeps it for review and for the person who finishes the step.
  let lastCommit: string | undefined;

  for (let left = ctx.maxAttempts; ; left -= 1) {
    const fail = (status: 'failed' | 'needs-model' | 'budget-exhausted', reason: string, extra: { commit?: string; verify?: readonly VerifyResult[] } = {}) => {
      const kept = extra.commit ?? lastCommit;
      return done({ status, reason, ...common, stats: changeStats(files, texts), verify: extra.verify ?? [], ...(kept ? { commit: kept } : {}), durationMs: elapsed() });
    };

    if (trigger !== undefined) {
      if (!ctx.model) {
        const changes = changedFiles(files, texts);
        const commit = changes.length > 0 ? (await writeAttemptCommit(ctx, step, parent, attempt, changes)).commit : undefined;
        return fail('needs-model', needsModelReason(trigger, pass.reports), commit ? { commit } : {});
      }
      const visible = { id: step.id, module: step.module, files: step.files.filter((path) => !ctx.neverSend(path)) };
      const history = ctx.compact({ step: visible, attempts: await ctx.history.records(step.id), lessons: await ctx.history.lessons() });
      const reply = await askModel(ctx, step.id, attempt, texts, {
        instructions: model!.instructionsText,
        // A report quotes its file's source: one about a never-send file stays out of the request.
        history: [leftoversText(pass.reports.filter((report) => !ctx.neverSend(report.file))), history].filter(Boolean).join('\n\n'),
      });
      tokens = { prompt: tokens.prompt + reply.tokens.prompt, completion: tokens.completion + reply.tokens.completion };
      if (reply.status === 'budget-exhausted') return fail('budget-exhausted', 'the run-wide token budget (model.maxTokensPerRun) is spent');
      if (reply.status === 'rejected') {
        const reason = `model reply rejected: ${reply.reason}`;
        await record({ by: 'model', result: 'rejected', reason, changed: [], ...(reply.notes ? { notes: reply.notes } : {}) });
        if (left <= 1) return fail('failed', reason);
        attempt = await nextAttempt(fail('failed', reason).outcome, tokens);
        tokens = { prompt: 0, completion: 0 };
        continue;
      }
      texts = ctx.format ? (await ctx.format(files, reply.texts)).texts : reply.texts;
      by = 'model';
      notes = reply.notes;
    }

    const stats = changeStats(files, texts);
    const changes = changedFiles(files, texts);

    if (changes.length === 0) {
      await record({ by, result: 'succeeded', reason: 'nothing to change', changed: [] });
      return done({ status: 'unchanged', ...common, durationMs: elapsed() });
    }
    const { commit, tree } = await writeAttemptCommit(ctx, step, parent, attempt, changes);
    lastCommit = commit;
    failpoint('after-commit-object');
    // Attempt records feed the model's history: never-send files stay out of them, diffs included.
    const changed = stats.filter((stat) => !ctx.neverSend(stat.path)).map((stat) => ({ path: stat.path, added: stat.added, removed: stat.removed }));
    const diff = attemptDiff(files, texts, changes.filter((change) => !ctx.neverSend(change.path)));

    const checked = await verifyCommit(ctx, step, commit);
    if (checked.status === 'install-failed') {
      // Not the edits' fault: no model attempt is spent on it, and only the one-line reason goes
      // into the history the model reads. Resume installs again.
      await record({ by, result: 'verify-failed', reason: checked.reason, changed, diff, ...(notes ? { notes } : {}) });
      return fail('failed', checked.reason, { commit, verify: [checked.result] });
    }
    const { runs, verify, judged } = checked;
    if (judged.status === 'regressed') {
      const regressions = describeRegressions(judged.regressions);
      const reason = `${summarizeVerdict(judged)}; ${regressions[0]}`;
      // The model reads what regressed first, then the output of the first check that did not pass.
      const tail = runs.find((run) => run.result.status !== 'passed')?.result.outputTail ?? '';
      const verifyOutput = [...regressions, ...(tail ? ['', tail] : [])].join('\n');
      await record({ by, result: 'verify-failed', reason, changed, diff, verifyOutput, ...(notes ? { notes } : {}) });
      const regressed = (status: 'failed' | 'needs-model', why: string): StepRun => {
        const run = fail(status, why, { commit, verify });
        return { ...run, outcome: { ...run.outcome, regressions } as StepOutcome };
      };
      const canFix = model?.when.includes('verify-failed') === true;
      if (!canFix) return regressed('failed', reason);
      if (!ctx.model) return regressed('needs-model', `${reason}; a model could fix it, none is configured`);
      if (left <= 1) return regressed('failed', reason);
      attempt = await nextAttempt(regressed('failed', reason).outcome, tokens);
      tokens = { prompt: 0, completion: 0 };
      trigger = 'verify-failed';
      continue;
    }

    failpoint('after-verify');
    ctx.signal.throwIfAborted();
    // A file a codemod threw on is not migrated: the other files' edits are kept as the step's
    // attempt (for review and the person who finishes it), never as a succeeded step. A model's
    // edit, verified, has handled it as it handles any leftover.
    if (by === 'codemods' && pass.failure !== undefined) {
      const files = pass.failedFiles > 1 ? ` (and ${pass.failedFiles - 1} more file(s))` : '';
      const checked = verify.length > 0 ? 'pass verify and are' : 'are';
      const reason = `a codemod threw on a file: ${pass.failure}${files}; the other files' edits ${checked} kept for review, not landed`;
      await record({ by, result: 'codemod-failed', reason, changed, diff });
      return fail('failed', reason, { commit, verify });
    }
    const landed = await createStepRef(ctx, step, commit, tree);
    failpoint('after-ref');
    if (landed.status === 'conflict') return fail('failed', landed.reason, { commit, verify });
    const verified = verify.length === 0 ? 'no verify commands' : ctx.baseline ? 'no regression against the baseline' : 'verified';
    await record({ by, result: 'succeeded', reason: checked.flaky === undefined ? verified : `${verified}; ${checked.flaky}`, changed, diff, ...(notes ? { notes } : {}) });
    if (trigger === 'verify-failed') await learnFrom(ctx, step, diff);
    return done({ status: 'succeeded', ...common, commit: landed.commit, tree: landed.tree, stats, verify, durationMs: elapsed() });
  }
}

type Checked =
  | { readonly status: 'install-failed'; readonly reason: string; readonly result: VerifyResult }
  | { readonly status: 'checked'; readonly runs: readonly CheckRun[]; readonly verify: readonly VerifyResult[]; readonly judged: Verdict; readonly flaky?: string };

/** Runs the step's checks on a commit in a scratch worktree and judges them against the baseline. */
async function verifyCommit(ctx: RunnerContext, step: Step, commit: string): Promise<Checked> {
  const install = ctx.verify.length > 0 ? await ctx.worktrees.prepare() : undefined;
  if (install?.status === 'failed') return { status: 'install-failed', reason: install.reason, result: install.result };
  const check = () =>
    ctx.verify.length > 0
      ? ctx.worktrees.use(commit, step.module, (cwd) =>
          ctx.runChecks(ctx.verify, { cwd, phase: 'current', files: step.files, modules: [step.module], recipeDir: dirname(ctx.recipe.file), env: ctx.verifyEnv, signal: ctx.signal, ...(ctx.sandbox && { sandbox: ctx.sandbox }), ...(ctx.checkCache !== undefined && { cache: { store: ctx.checkCache, mode: 'seed' as const } }) }),
        )
      : Promise.resolve([]);
  // Against the source commit the baseline ran on: the copies a run's setup made count too.
  const source = ctx.baseline?.commit;
  const judge = (runs: readonly CheckRun[]) => judgeChecksWithCopies(stepReference(ctx.baseline), runs, (paths) => (source === undefined ? Promise.resolve(new Map()) : ctx.git.copiedFiles(source, commit, paths)));
  const { runs, judged, flaky } = await judgeRuns(check, judge, ctx.signal);
  return { status: 'checked', runs, verify: runs.map((run) => run.result), judged, ...(flaky !== undefined && { flaky }) };
}

export function codemodSpecs(ctx: Pick<RunnerContext, 'recipe'>): CodemodSpec[] {
  return ctx.recipe.steps.filter((spec): spec is CodemodSpec => spec.kind === 'codemod');
}

export function modelSpec(ctx: Pick<RunnerContext, 'recipe'>): ModelSpec | undefined {
  return ctx.recipe.steps.find((spec): spec is ModelSpec => spec.kind === 'model');
}

async function writeAttemptCommit(ctx: RunnerContext, step: Step, parent: string, attempt: number, changes: readonly FileChange[]) {
  const message = stepCommitMessage(ctx.recipe, ctx.runId, step, attempt, changes.length);
  return ctx.git.writeCommit({ parent, changes, message });
}

/**
 * Points the step's ref at its verified commit. One written by an earlier, interrupted attempt of
 * this step is kept; a kept (unverified) attempt is replaced; commits a person made are never
 * overwritten.
 */
async function createStepRef(ctx: RunnerContext, step: Step, commit: string, tree: string) {
  const ref = runRef(ctx.prefix, ctx.runId, step.id);
  if ((await ctx.git.createRef(ref, commit)) === 'created') return { status: 'created' as const, commit, tree };
  const branch = await readStepBranch(ctx.git, ctx.prefix, ctx.runId, step.id);
  if (branch.kind === 'verified') return { status: 'created' as const, commit: branch.commit.oid, tree: branch.commit.tree };
  if ((branch.kind === 'kept' || branch.kind === 'start') && (await ctx.git.updateRef(ref, commit, branch.commit.oid)) === 'updated') return { status: 'created' as const, commit, tree };
  const why = branch.kind === 'by-hand' || branch.kind === 'foreign' ? 'holds commits made by hand' : 'moved while the step ran';
  return { status: 'conflict' as const, reason: `${ref} ${why}; it was not overwritten` };
}

/**
 * The human rung: a step that ended with changes but did not succeed keeps its attempt on its
 * branch, marked `Codemigrate-Verified: no`, for a person to finish with plain git. An older kept
 * attempt is replaced; a branch with commits made by hand is never touched.
 */
export async function keepAttempt(ctx: RunnerContext, step: Step, attempt: number, outcome: StepOutcome): Promise<void> {
  if (outcome.status !== 'failed' && outcome.status !== 'needs-model' && outcome.status !== 'budget-exhausted') return;
  if (outcome.commit === undefined) return;
  const attemptCommit = await ctx.git.readCommit(outcome.commit);
  const kept = await ctx.git.commitTree({
    tree: attemptCommit.tree,
    parents: attemptCommit.parents,
    message: keptAttemptMessage(ctx.recipe, ctx.runId, step, attempt, outcome.status, outcome.reason),
  });
  const ref = runRef(ctx.prefix, ctx.runId, step.id);
  if ((await ctx.git.createRef(ref, kept)) === 'created') return;
  const branch = await readStepBranch(ctx.git, ctx.prefix, ctx.runId, step.id);
  if (branch.kind === 'kept' || branch.kind === 'start') await ctx.git.updateRef(ref, kept, branch.commit.oid);
}

/**
 * Verifies the commits a person made on a step's branch with the step's checks, against the
 * baseline. Passed: codemigrate adds a commit naming who made them (first parent: the step's
 * parent, so land replays the whole step; second parent: their last commit) and the step has
 * succeeded. Regressed: the step stays failed and their commits stay where they are.
 */
export async function finishByHand(ctx: RunnerContext, step: Step, branch: Extract<StepBranch, { kind: 'by-hand' }>, attempt: number): Promise<StepOutcome> {
  const started = performance.now();
  const common = { codemods: [], reports: [] };
  const stats = await ctx.git.diffStat(branch.parent, branch.tip.oid);
  const who = branch.authors.join(', ');
  const changed = stats.map((stat) => ({ path: stat.path, added: stat.added, removed: stat.removed }));
  const failed = (reason: string, verify: readonly VerifyResult[], regressions?: readonly string[]): StepOutcome => ({
    status: 'failed',
    reason,
    ...common,
    commit: branch.tip.oid,
    stats,
    verify,
    ...(regressions ? { regressions } : {}),
    durationMs: Math.round(performance.now() - started),
  });
  const checked = await verifyCommit(ctx, step, branch.tip.oid);
  if (checked.status === 'install-failed') return failed(checked.reason, [checked.result]);
  const { judged, verify } = checked;
  if (judged.status === 'regressed') {
    const regressions = describeRegressions(judged.regressions);
    const reason = `the commits made by hand (${who}) ${summarizeVerdict(judged)}; ${regressions[0]}`;
    await ctx.history.addRecord(step.id, { attempt, by: 'person', result: 'verify-failed', reason, changed });
    return failed(reason, verify, regressions);
  }
  ctx.signal.throwIfAborted();
  const message = finishedByMessage(ctx.recipe, ctx.runId, step, attempt, branch.authors, branch.commits);
  const commit = await ctx.git.commitTree({ tree: branch.tip.tree, parents: [branch.parent, branch.tip.oid], message });
  if ((await ctx.git.updateRef(branch.ref, commit, branch.tip.oid)) === 'moved') {
    return failed(`${branch.ref} moved while its commits were verified; resume verifies the new ones`, verify);
  }
  await ctx.history.addRecord(step.id, { attempt, by: 'person', result: 'succeeded', reason: `finished by hand (${who}): no regression against the baseline`, changed });
  return { status: 'succeeded', ...common, commit, tree: branch.tip.tree, stats, verify, finishedBy: branch.authors, durationMs: Math.round(performance.now() - started) };
}

async function learnFrom(ctx: RunnerContext, step: Step, diff: string): Promise<void> {
  const records = await ctx.history.records(step.id);
  const lastFailure = [...records].reverse().find((entry) => entry.result === 'verify-failed');
  if (!lastFailure) return;
  const error = (lastFailure.verifyOutput ?? lastFailure.reason).split('\n').filter((line) => line.trim()).slice(-6).join('\n');
  await ctx.history.addLesson({ step: step.id as never, kind: 'fix-that-worked', text: `error:\n${error}\nfix:\n${diff.slice(0, 1500)}` });
}

function attemptDiff(before: readonly { path: RepoPath; text: string }[], after: ReadonlyMap<RepoPath, string>, changes: readonly FileChange[]): string {
  const texts = new Map(before.map((file) => [file.path, file.text] as const));
  return changes
    .map((change) => unifiedPatch(change.path, texts.get(change.path), after.get(change.path)))
    .join('')
    .slice(0, 20_000);
}

function leftoversText(reports: readonly Leftover[]): string {
  if (reports.length === 0) return '';
  const lines = reports.slice(0, 50).map((report) => `- ${report.file}${report.line === undefined ? '' : `:${report.line}`}: ${report.message}`);
  const more = reports.length > 50 ? [`- … and ${reports.length - 50} more`] : [];
  return ['## Leftovers the codemods reported (your work)', ...lines, ...more].join('\n');
}
