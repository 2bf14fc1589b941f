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
import { runRef, TRAILER_STEP } from '../core/trailers.js';
import type { VerifyResult } from '../core/verify.js';
import { unifiedPatch } from '../edits/text-diff.js';
import { describeRegressions, judgeChecksWithCopies, summarizeVerdict } from '../verify/verdict.js';
import { applyCodemods, changedFiles, changeStats } from './apply-codemods.js';
import { askModel } from './ask-model.js';
import { stepCommitMessage } from './commit-message.js';
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
  const files = await (await ctx.readTree(parent)).read(step.files);
  const pass = await applyCodemods(ctx.engine, codemodSpecs(ctx), files, ctx.signal);
  const common = { codemods: pass.summaries as readonly CodemodSummary[], reports: pass.reports };
  let attempt = firstAttempt;
  const record = (entry: Omit<AttemptRecord, 'attempt'>) => ctx.history.addRecord(step.id, { attempt, ...entry });
  const done = (outcome: StepOutcome): StepRun => ({ outcome, tokens });

  const model = modelSpec(ctx);
  const verdict = decideAfterCodemods({
    model,
    modelConfigured: ctx.model !== undefined,
    reports: pass.reports,
    ...(pass.failure !== undefined ? { failure: pass.failure } : {}),
    changed: changedFiles(files, pass.texts).length,
  });
  if (verdict.next === 'failed') {
    await record({ by: 'codemods', result: 'codemod-failed', reason: verdict.reason, changed: [] });
    return done({ status: 'failed', reason: verdict.reason, ...common, stats: [], verify: [], durationMs: elapsed() });
  }

  let texts: ReadonlyMap<RepoPath, string> = pass.texts;
  let trigger: ModelTrigger | undefined = verdict.next === 'ask-model' || verdict.next === 'needs-model' ? verdict.trigger : undefined;
  let by: AttemptRecord['by'] = 'codemods';
  let notes: string | undefined;

  for (let left = ctx.maxAttempts; ; left -= 1) {
    const fail = (status: 'failed' | 'needs-model' | 'budget-exhausted', reason: string, extra: { commit?: string; verify?: readonly VerifyResult[] } = {}) =>
      done({ status, reason, ...common, stats: changeStats(files, texts), verify: extra.verify ?? [], ...(extra.commit ? { commit: extra.commit } : {}), durationMs: elapsed() });

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
      texts = reply.texts;
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
    failpoint('after-commit-object');
    // Attempt records feed the model's history: never-send files stay out of them, diffs included.
    const changed = stats.filter((stat) => !ctx.neverSend(stat.path)).map((stat) => ({ path: stat.path, added: stat.added, removed: stat.removed }));
    const diff = attemptDiff(files, texts, changes.filter((change) => !ctx.neverSend(change.path)));

    const install = ctx.verify.length > 0 ? await ctx.worktrees.prepare() : undefined;
    if (install?.status === 'failed') {
      // Not the edits' fault: no model attempt is spent on it, and only the one-line reason goes
      // into the history the model reads. Resume installs again.
      await record({ by, result: 'verify-failed', reason: install.reason, changed, diff, ...(notes ? { notes } : {}) });
      return fail('failed', install.reason, { commit, verify: [install.result] });
    }
    const runs = ctx.verify.length > 0
      ? await ctx.worktrees.use(commit, step.module, (cwd) =>
          ctx.runChecks(ctx.verify, { cwd, phase: 'current', files: step.files, modules: [step.module], recipeDir: dirname(ctx.recipe.file), env: ctx.verifyEnv, signal: ctx.signal, ...(ctx.sandbox && { sandbox: ctx.sandbox }) }),
        )
      : [];
    const verify = runs.map((run) => run.result);
    // Against the source commit the baseline ran on: the copies a run's setup made count too.
    const source = ctx.baseline?.commit;
    const judged = await judgeChecksWithCopies(ctx.baseline, runs, (paths) => (source === undefined ? Promise.resolve(new Map()) : ctx.git.copiedFiles(source, commit, paths)));
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
    await record({ by, result: 'succeeded', reason: verify.length === 0 ? 'no verify commands' : ctx.baseline ? 'no regression against the baseline' : 'verified', changed, diff, ...(notes ? { notes } : {}) });
    if (trigger === 'verify-failed') await learnFrom(ctx, step, diff);
    return done({ status: 'succeeded', ...common, commit: landed.commit, tree: landed.tree, stats, verify, durationMs: elapsed() });
  }
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

/** Creates the step's ref; one written by an earlier, interrupted attempt of this step is kept. */
async function createStepRef(ctx: RunnerContext, step: Step, commit: string, tree: string) {
  const ref = runRef(ctx.prefix, ctx.runId, step.id);
  if ((await ctx.git.createRef(ref, commit)) === 'created') return { status: 'created' as const, commit, tree };
  const [existing] = await ctx.git.listRefs(ref);
  const found = existing ? await ctx.git.readCommit(existing.commit) : undefined;
  if (!found || found.trailers[TRAILER_STEP] !== step.id) {
    return { status: 'conflict' as const, reason: `${ref} already exists and is not this step's commit` };
  }
  return { status: 'created' as const, commit: found.oid, tree: found.tree };
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
