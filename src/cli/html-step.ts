// Pieces of the HTML report (`review --html`): one step's section (verdict, codemods, leftovers,
// verify output, attempts with the compacted history, transcripts, diff) and the blocks the run
// summary shares with it. Diffs are drawn by diff2html, which escapes file names and lines itself.

import { html as diffToHtml } from 'diff2html';
import type { StepReview } from '../app/review.js';
import type { Leftover } from '../core/codemod.js';
import type { CodemodSummary } from '../core/state.js';
import type { VerifyResult } from '../core/verify.js';
import { html, trusted, type Markup } from './html-escape.js';
import { formatMs } from './print.js';
import { firstLine } from './render.js';

/** Bounds what one file's diff costs the page (diff2html prints a notice instead). */
const DIFF_LIMITS = { diffMaxChanges: 4000, diffMaxLineLength: 2000 };
/** Characters of a model reply shown per attempt. */
const MAX_REPLY_CHARS = 4000;

export function statusBadge(status: string): Markup {
  return html`<span class="status s-${status}">${status}</span>`;
}

export function diffBlock(diff: string, empty = 'no diff'): Markup {
  if (!diff.trim()) return html`<p class="none">${empty}</p>`;
  const drawn = diffToHtml(diff, { drawFileList: false, outputFormat: 'line-by-line', matching: 'none', ...DIFF_LIMITS });
  // Its templates indent every tag on its own line: about a third of the bytes. A code line never
  // holds a newline, so whitespace with a newline in it lies between tags only.
  return html`<div class="diff">${trusted(drawn.replace(/>\s*\n\s*</g, '><'))}</div>`;
}

export function codemodsTable(codemods: readonly CodemodSummary[]): Markup {
  if (codemods.length === 0) return html`<p class="none">no codemod ran</p>`;
  return html`<table class="grid-table"><thead><tr><th>codemod</th><th>modified</th><th>unchanged</th><th>skipped</th><th>errors</th><th>time</th></tr></thead><tbody>${codemods.map(
    (run) => html`<tr><td><code>${run.codemod}</code></td><td>${run.modified}</td><td>${run.unchanged}</td><td>${run.skipped}</td><td class="${run.errors > 0 ? 'bad' : ''}">${run.errors}</td><td>${formatMs(run.durationMs)}</td></tr>
${(run.output ?? []).map((printed) => html`<tr><td colspan="6"><details><summary>printed on <code>${printed.file}</code></summary><pre>${printed.text}</pre></details></td></tr>`)}`,
  )}</tbody></table>`;
}

export function leftoversTable(reports: readonly Leftover[], empty: string): Markup {
  if (reports.length === 0) return html`<p class="none">${empty}</p>`;
  return html`<table class="grid-table leftovers"><thead><tr><th>file</th><th>message</th><th>codemod</th></tr></thead><tbody>${reports.map(
    (report) => html`<tr><td><code>${report.file}${report.line === undefined ? '' : `:${report.line}`}</code></td><td>${report.message}</td><td><code>${report.codemod}</code></td></tr>`,
  )}</tbody></table>`;
}

export function verifyBlock(results: readonly VerifyResult[], empty: string): Markup {
  if (results.length === 0) return html`<p class="none">${empty}</p>`;
  return html`${results.map(
    (result) => html`<div class="check"><p><code>$ ${result.command}</code> ${statusBadge(result.status)}${result.exitCode === null ? '' : ` exit ${result.exitCode}`}, ${formatMs(result.durationMs)}</p>
${result.outputTail.trim() ? html`<details${result.status === 'passed' ? '' : ' open'}><summary>output (last lines)</summary><pre>${result.outputTail.trimEnd()}</pre></details>` : ''}</div>`,
  )}`;
}

export function stepSection(review: StepReview, extra: { compacted?: string; tokens: number; durationMs: number; landed: boolean }): Markup {
  const facts: [string, Markup | string][] = [
    ['module', html`<code>${review.module}</code>`],
    ['attempts', String(review.attempts)],
    ['files', String(review.files.length)],
    ['time', formatMs(extra.durationMs)],
    ['tokens', String(extra.tokens)],
  ];
  if (review.branch) facts.push(['branch', html`<code>${review.branch}</code>`]);
  if (review.review) facts.push(['review', review.review]);
  if (extra.landed) facts.push(['land', 'landed']);
  return html`<section class="step" id="step">
<h2>${review.step} ${statusBadge(review.status)}</h2>
<p class="verdict">${verdictText(review)}</p>
${review.regressions?.length ? html`<p>Regressed against the baseline:</p><ul class="regressions">${review.regressions.map((line) => html`<li><code>${line}</code></li>`)}</ul>` : ''}
<dl class="facts">${facts.map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}</dl>
<h3>Codemods</h3>${codemodsTable(review.codemods)}
<h3>Leftovers</h3>${leftoversTable(review.reports, 'none reported')}
<h3>Verify</h3>${verifyBlock(review.verify, 'not verified')}
<h3>Attempts</h3>${attemptsBlock(review)}
${extra.compacted ? html`<details><summary>compacted history (what the next attempt is told)</summary><pre>${extra.compacted}</pre></details>` : ''}
${review.unreadable?.length ? html`<p class="bad">Not shown (damaged):</p><ul>${review.unreadable.map((line) => html`<li><code>${line}</code></li>`)}</ul>` : ''}
<h3>Diff</h3>${diffBlock(review.diff, review.status === 'unchanged' ? 'nothing to change' : 'no diff: no attempt of this step was kept as a commit')}
<p class="top"><a href="../index.html#steps">back to the steps</a></p>
</section>`;
}

function verdictText(review: StepReview): string {
  if (review.status === 'succeeded') return 'verdict: verified, no regression against the baseline';
  if (review.status === 'unchanged') return 'verdict: nothing to change';
  return `verdict: ${review.status}${review.reason ? `: ${firstLine(review.reason)}` : ''}`;
}

function attemptsBlock(review: StepReview): Markup {
  const records = new Map(review.attemptLog.map((entry) => [entry.attempt, entry]));
  const transcripts = new Map(review.transcripts.map((entry) => [entry.attempt, entry.transcript as Transcript]));
  // A transcript whose attempt record was lost (a damaged attempts.json) is still shown.
  const attempts = [...new Set([...records.keys(), ...transcripts.keys()])].sort((a, b) => a - b);
  if (attempts.length === 0) return html`<p class="none">no attempt recorded</p>`;
  return html`<ol class="attempts">${attempts.map((attempt) => {
    const entry = records.get(attempt);
    const transcript = transcripts.get(attempt);
    const sent = (transcript?.request?.messages ?? []).reduce((sum, message) => sum + (typeof message?.content === 'string' ? message.content.length : 0), 0);
    return html`<li value="${attempt}">${entry ? html`<p><strong>${entry.by}</strong>: ${statusBadge(entry.result)} ${entry.reason}</p>
${entry.changed.length ? html`<p class="changed">${entry.changed.map((file) => html`<code>${file.path}</code> +${file.added} −${file.removed} `)}</p>` : ''}
${entry.notes ? html`<p class="notes">model notes: ${entry.notes}</p>` : ''}
${entry.verifyOutput ? html`<details><summary>verify output</summary><pre>${entry.verifyOutput}</pre></details>` : ''}
${entry.diff ? html`<details><summary>diff of this attempt</summary><pre>${entry.diff}</pre></details>` : ''}` : html`<p class="none">no record of this attempt</p>`}
${transcript ? html`<details><summary>model transcript${transcript.replayed ? ' (replayed)' : ''}: ${sent} characters sent, ${transcript.usage ? `${transcript.usage.prompt} prompt + ${transcript.usage.completion} completion tokens` : 'no usage'}</summary><pre>${typeof transcript.response === 'string' ? cut(transcript.response, MAX_REPLY_CHARS) : ''}</pre></details>` : ''}</li>`;
  })}</ol>`;
}

/** The parts of a stored transcript the report reads (it is kept as parsed JSON, unchecked). */
interface Transcript {
  readonly replayed?: boolean;
  readonly request?: { readonly messages?: readonly { readonly content: string }[] };
  readonly response?: string;
  readonly usage?: { readonly prompt: number; readonly completion: number };
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}
