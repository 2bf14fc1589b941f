// Tables and reports for people, or NDJSON rows with --json.

import { relative } from 'node:path';
import type { JscodeshiftUsed } from '../core/codemod.js';
import type { Plan } from '../core/plan.js';
import type { RecipeListing } from '../config/index.js';
import type { LandReport, NothingToLand } from '../app/land.js';
import type { InitReport } from '../app/init.js';
import type { Checkout, StepReview } from '../app/review.js';
import type { RunRow } from '../app/runs.js';
import type { RunStatus } from '../app/status.js';
import { firstLine } from './render.js';

type Out = NodeJS.WritableStream;

const json = (out: Out, value: unknown) => out.write(`${JSON.stringify(value)}\n`);

export function printRecipes(recipes: readonly RecipeListing[], asJson: boolean, out: Out): void {
  if (asJson) return void recipes.forEach((recipe) => json(out, { type: 'recipe', ...recipe }));
  if (recipes.length === 0) return void out.write('no recipes\n');
  const width = Math.max(...recipes.map((recipe) => recipe.id.length));
  for (const recipe of recipes) out.write(`${recipe.id.padEnd(width)}  ${recipe.source.padEnd(7)}  ${recipe.description}\n`);
}

export function printInit(report: InitReport, asJson: boolean, out: Out): void {
  if (asJson) return void json(out, { type: 'init', ...report });
  for (const file of report.files) out.write(`created ${file}\n`);
  const from = report.dir === process.cwd() ? '' : `, from ${report.dir}`;
  out.write(`\ntest the transform on its fixtures (with Vitest installed in the project${from}):\n  ${report.commands.test}\n`);
  out.write(`run the recipe on the repository (edit its "modules" and "verify" first${from}):\n  ${report.commands.run}\n`);
}

export function printPlan(plan: Plan, asJson: boolean, out: Out): void {
  if (asJson) {
    json(out, { type: 'plan', recipe: plan.recipeId, recipeHash: plan.recipeHash, sourceCommit: plan.sourceCommit, isolation: plan.isolation, hasSetup: plan.hasSetup, steps: plan.steps.length });
    for (const step of plan.steps) json(out, { type: 'step', ...step });
    return;
  }
  out.write(`${plan.recipeId} at ${plan.sourceCommit.slice(0, 12)}: ${plan.steps.length} step(s), ${plan.isolation}${plan.hasSetup ? ', with setup' : ''}\n`);
  table(out, ['step', 'module', 'files', 'depends on'], plan.steps.map((step) => [step.id, step.module, String(step.files.length), step.dependsOn.join(' ')]));
}

export function printStatus(status: RunStatus, asJson: boolean, out: Out): void {
  if (asJson) {
    json(out, { type: 'run', runId: status.runId, recipe: status.recipe, sourceCommit: status.sourceCommit, baseCommit: status.baseCommit, counts: status.counts, leftovers: status.leftovers, landed: status.landed, landVerdict: status.landVerdict, setupReports: status.setupReports, setupFailure: status.setupFailure });
    for (const row of status.rows) json(out, { type: 'step', ...row });
    return;
  }
  const counts = Object.entries(status.counts).map(([name, n]) => `${n} ${name}`).join(', ');
  const leftovers = status.leftovers > 0 ? `; ${status.leftovers} leftover(s) (review STEP lists them)` : '';
  // A report that stopped the run is said once, as the cause, below.
  const failure = status.setupFailure;
  const setupReports = status.setupReports.filter((report) => !(failure?.cause === 'report' && report.stop));
  const setup = setupReports.length > 0 ? `; setup reported ${setupReports.length}` : '';
  out.write(`run ${status.runId} (${status.recipe} at ${status.sourceCommit.slice(0, 12)}): ${counts}${leftovers}${setup}${status.landed ? `; landed on ${status.landed} (verdict: ${status.landVerdict})` : ''}\n`);
  for (const report of setupReports) {
    out.write(`setup reported ${report.file}${report.line === undefined ? '' : `:${report.line}`}: ${report.message}\n`);
  }
  if (failure?.cause === 'install') {
    out.write(`setup failed: ${failure.reason}; no base was written (resume installs again)\n`);
    // The tail repeats the reason as its first line.
    const output = failure.outputTail.split('\n').slice(1).join('\n').trimEnd();
    if (output) out.write(`${indent(output, '    ')}\n`);
  }
  if (failure?.cause === 'report') out.write(`setup stopped the run: ${failure.reason}; no base was written, no step ran (resume computes setup again on the same commit)\n`);
  table(
    out,
    ['step', 'status', 'attempts', 'files', '+/-', 'leftovers', 'time', 'tokens', 'review'],
    status.rows.map((row) => [
      row.step,
      row.status,
      String(row.attempts),
      row.changed > 0 ? `${row.changed}/${row.files}` : String(row.files),
      row.changed > 0 ? `+${row.added} -${row.removed}` : '',
      row.leftovers > 0 ? String(row.leftovers) : '',
      formatMs(row.durationMs),
      row.tokens > 0 ? String(row.tokens) : '',
      row.review ?? '',
    ]),
  );
  for (const row of status.rows) if (row.reason) out.write(`  ${row.step}: ${firstLine(row.reason)}\n`);
}

export function printRuns(rows: readonly RunRow[], asJson: boolean, out: Out): void {
  if (asJson) return void rows.forEach((row) => json(out, { type: 'run', ...row }));
  if (rows.length === 0) return void out.write('no codemigrate run in this repository\n');
  table(
    out,
    ['run', 'recipe', 'state', 'steps', 'updated'],
    rows.map((row) => [
      row.runId,
      row.recipe ?? '',
      row.landVerdict ? `${row.condition} (${row.landVerdict === 'passed' ? 'passed' : 'unverified'})` : row.condition,
      Object.entries(row.counts).map(([status, n]) => `${n} ${status}`).join(', ') || '0',
      row.updatedAt?.replace('T', ' ').slice(0, 19) ?? '',
    ]),
  );
  for (const row of rows) if (row.problem) out.write(`  ${row.runId}: ${row.problem}\n`);
}

/** "codemigrate's jscodeshift 17.4.0", or "jscodeshift 0.11.0 from node_modules/jscodeshift (resolved as the transform would)". */
export function describeJscodeshift(used: JscodeshiftUsed, cwd = process.cwd()): string {
  if (used.from === undefined) return `codemigrate's jscodeshift ${used.version}`;
  const rel = relative(cwd, used.from);
  const where = rel !== '' && rel.length < used.from.length ? rel : used.from;
  return `jscodeshift ${used.version} from ${where} (${used.by === 'pinned' ? 'pinned by the recipe' : 'resolved as the transform would'})`;
}

export function printReview(review: StepReview, asJson: boolean, out: Out): void {
  if (asJson) return void json(out, { type: 'review', ...review });
  out.write(`step ${review.step} (${review.module}) of run ${review.runId}: ${review.status}, ${review.attempts} attempt(s)${review.review ? `, ${review.review}` : ''}\n`);
  if (review.branch) out.write(`branch: ${review.branch}${branchNote(review)}\n`);
  if (review.finishedBy?.length) out.write(`finished by hand by ${review.finishedBy.join(', ')}\n`);
  if (review.earlierRecipe) out.write(`made with an earlier version of the recipe (${review.earlierRecipe.slice(0, 12)}) than the run goes on with\n`);
  if (review.reason) out.write(`reason: ${review.reason}\n`);
  if (review.regressions?.length) out.write(`regressed against the baseline:\n${review.regressions.map((line) => `  ${line}\n`).join('')}`);
  out.write('\ncodemods:\n');
  for (const run of review.codemods) {
    const cached = run.cached ? `; ${run.cached} from the result cache` : '';
    out.write(`  ${run.codemod}: ${run.modified} modified, ${run.unchanged} unchanged, ${run.skipped} skipped, ${run.errors} errors (${formatMs(run.durationMs)}${cached})\n`);
    if (run.jscodeshift) out.write(`    ran with ${describeJscodeshift(run.jscodeshift)}\n`);
    for (const printed of run.output ?? []) out.write(`    printed on ${printed.file}:\n${indent(printed.text.trimEnd(), '      ')}\n`);
  }
  if (review.reports.length > 0) {
    out.write('\nreported:\n');
    for (const report of review.reports) out.write(`  ${report.file}${report.line === undefined ? '' : `:${report.line}`}: ${report.message} (${report.codemod})\n`);
  }
  if (review.verify.length > 0) {
    out.write('\nverify:\n');
    for (const result of review.verify) {
      out.write(`  $ ${result.command}\n  ${result.status}${result.exitCode === null ? '' : ` (exit ${result.exitCode})`} in ${formatMs(result.durationMs)}\n`);
      if (result.outputTail.trim()) out.write(`${indent(result.outputTail.trimEnd(), '    ')}\n`);
    }
  }
  if (review.unreadable?.length) {
    out.write(`\nnot shown (damaged):\n${review.unreadable.map((line) => `  ${line}\n`).join('')}`);
  }
  if (review.attemptLog.length > 0) {
    out.write('\nattempts:\n');
    for (const entry of review.attemptLog) {
      out.write(`  ${entry.attempt}. ${entry.by}: ${entry.result}: ${entry.reason}\n`);
      if (entry.notes) out.write(`     model notes: ${entry.notes}\n`);
    }
  }
  for (const { attempt, transcript } of review.transcripts) {
    const t = transcript as { replayed?: boolean; request?: { messages?: { content: string }[] }; response?: string; usage?: { prompt: number; completion: number } };
    const sent = (t.request?.messages ?? []).reduce((sum, message) => sum + message.content.length, 0);
    const usage = t.usage ? `${t.usage.prompt} prompt + ${t.usage.completion} completion tokens` : 'no usage';
    out.write(`\nmodel transcript, attempt ${attempt}${t.replayed ? ' (replayed)' : ''}: ${sent} characters sent, ${usage}\n`);
    if (t.response) out.write(`${indent(cut(t.response, 2000), '    ')}\n`);
  }
  out.write(review.diff ? `\n${review.diff}` : '\n(no diff)\n');
}

/** What a step's branch holds, and what a person can do about it. */
function branchNote(review: StepReview): string {
  switch (review.branchState) {
    case 'kept':
      return ` (the last attempt, not verified: \`codemigrate review ${review.step} --checkout\` to finish it by hand)`;
    case 'start':
      return ` (at the run's base, for a person to start from)`;
    case 'by-hand':
      return ` (${review.handCommits!.count} commit(s) by ${review.handCommits!.authors.join(', ')}, not verified yet: \`codemigrate review ${review.step} --verify\`)`;
    case 'foreign':
      return ' (holds commits that start from no commit of this run: never verified or landed)';
    default:
      return '';
  }
}

export function printCheckout(made: Checkout, asJson: boolean, out: Out): void {
  if (asJson) return void json(out, { type: 'checkout', ...made });
  out.write(`${made.dir}: a worktree on ${made.branch}${made.branchState === 'start' ? " (at the run's base: the step had no attempt)" : ''}\n`);
  out.write(`commit your fixes there with git, then \`codemigrate review ${made.step} --verify\` (or \`codemigrate resume\`) verifies them;\n`);
  out.write(`\`git worktree remove ${made.dir}\` when done\n`);
}

export function printCompact(plans: readonly { step: string; text: string }[], asJson: boolean, out: Out): void {
  if (asJson) return void plans.forEach((plan) => json(out, { type: 'compact', ...plan }));
  if (plans.length === 0) return void out.write('every step succeeded: nothing to compact\n');
  for (const plan of plans) out.write(`# ${plan.step}\n${plan.text}\n\n`);
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

/** How many left-out steps land names one by one (the rest are counted). */
const LEFT_OUT_LINES = 20;

export function printLand(report: LandReport | NothingToLand, asJson: boolean, out: Out): void {
  if (asJson) return void json(out, { type: 'land', ...report });
  if ('nothing' in report) {
    out.write(`nothing to land: every step of run ${report.runId} (${report.unchanged}) was unchanged, and the recipe has no setup or finish change; no result branch was written\n`);
    return;
  }
  const unchanged = report.unchanged > 0 ? `; ${report.unchanged} step(s) had nothing to change` : '';
  out.write(`landed ${report.landed.length} step(s) on ${report.branch} (${report.commit.slice(0, 12)})${unchanged}\n`);
  for (const conflict of report.conflicts) out.write(`  conflict: ${conflict.step} (${conflict.paths.join(', ')}): not landed\n`);
  if (report.leftOut.length > 0) out.write(`left out ${report.leftOut.length} step(s):\n`);
  for (const item of report.leftOut.slice(0, LEFT_OUT_LINES)) out.write(`  ${item.step}: ${item.why}\n`);
  if (report.leftOut.length > LEFT_OUT_LINES) out.write(`  and ${report.leftOut.length - LEFT_OUT_LINES} more (land --json lists them all)\n`);
  if (report.earlierRecipe.length > 0) {
    const shown = report.earlierRecipe.slice(0, LEFT_OUT_LINES).join(', ');
    const more = report.earlierRecipe.length > LEFT_OUT_LINES ? ` and ${report.earlierRecipe.length - LEFT_OUT_LINES} more` : '';
    out.write(`${report.earlierRecipe.length} landed step(s) were made with an earlier version of the recipe (their land commits carry it): ${shown}${more}\n`);
  }
  if (report.finish.status === 'applied') {
    out.write(`finish: every step has landed; the recipe's finish changed ${report.finish.files} file(s)\n`);
    for (const item of report.finish.reports) out.write(`  finish reported ${item.file}${item.line === undefined ? '' : `:${item.line}`}: ${item.message}\n`);
    if (report.finish.lockfiles) out.write(`  finish's install rewrote ${report.finish.lockfiles.join(', ')}\n`);
    if (report.finish.installFailed) out.write(`  finish's install failed: ${report.finish.installFailed}\n`);
  } else if (report.finish.status === 'waiting') {
    const shown = report.finish.missing.slice(0, 5).join(', ');
    const more = report.finish.missing.length > 5 ? ` and ${report.finish.missing.length - 5} more` : '';
    out.write(`finish: not yet: ${report.finish.missing.length} step(s) of the plan are not in the result (${shown}${more}); land them, then land again\n`);
  }
  for (const result of report.verify) {
    out.write(`  check ${result.status}${result.exitCode === null || result.status === 'passed' ? '' : ` (exit ${result.exitCode})`}: ${result.command}\n`);
  }
  if (report.verdict === 'passed') {
    out.write(report.verify.length > 0 ? 'verdict: passed: no regression against the baseline\n' : 'verdict: passed (no checks to run)\n');
    return;
  }
  out.write(`verdict: UNVERIFIED: ${report.regressionCount} regression(s) against the baseline\n`);
  for (const line of report.regressions) out.write(`  ${line}\n`);
  const shown = report.regressedOutput ?? report.verify.find((result) => result.status !== 'passed');
  if (shown?.outputTail.trim()) out.write(`output of ${shown.command}:\n${indent(shown.outputTail.trimEnd().split('\n').slice(-40).join('\n'), '    ')}\n`);
}

function table(out: Out, header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  out.write(`${line(header)}\n`);
  for (const row of rows) out.write(`${line(row)}\n`);
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => prefix + line).join('\n');
}
