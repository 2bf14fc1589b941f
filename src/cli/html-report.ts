// `codemigrate review --html DIR`: one self-contained page (index.html) for a run — summary and
// verdicts, baseline, setup, land, the steps table, a files × steps grid and one section per step.
// No script, no external URL (a Content-Security-Policy forbids both), diff2html's CSS inlined:
// it opens from file:// with no server and no network.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RunReport } from '../app/run-report.js';
import type { FileDiffStat } from '../core/git.js';
import type { BaselineCheckSummary, RunState } from '../core/state.js';
import { html, trusted, type Markup } from './html-escape.js';
import { codemodsTable, diffBlock, leftoversTable, stepAnchor, stepSection, statusBadge, verifyBlock } from './html-step.js';
import { formatMs } from './print.js';
import { firstLine } from './render.js';

/** Above this many cells the grid becomes a list of files with the steps that changed them. */
const MAX_GRID_CELLS = 40_000;

export function renderHtmlReport(report: RunReport, options: { generatedAt: string }): string {
  const { state, status } = report;
  const tokens = status.rows.reduce((sum, row) => sum + row.tokens, 0);
  const stepTime = status.rows.reduce((sum, row) => sum + row.durationMs, 0);
  const landed = new Set<string>(state.land?.landed ?? []);
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>codemigrate run ${state.runId}</title>
<style>${trusted(diff2htmlCss())}</style><style>${trusted(OWN_CSS)}</style>
</head><body>
<header id="summary"><h1>codemigrate run <code>${state.runId}</code></h1>
<dl class="facts">
<dt>recipe</dt><dd><code>${state.recipe.id}</code> (${state.recipe.file})</dd>
<dt>source</dt><dd><code>${state.sourceCommit.slice(0, 12)}</code></dd>
${state.baseCommit ? html`<dt>base</dt><dd><code>${state.baseCommit.slice(0, 12)}</code></dd>` : ''}
<dt>isolation</dt><dd>${state.isolation}</dd>
${state.only ? html`<dt>only</dt><dd><code>${state.only}</code></dd>` : ''}
<dt>started</dt><dd>${state.createdAt}</dd><dt>updated</dt><dd>${state.updatedAt}</dd>
<dt>time in steps</dt><dd>${formatMs(stepTime)} (sum over steps)</dd>
<dt>tokens</dt><dd>${tokens}</dd>
</dl>
<p class="verdicts" id="verdicts">${Object.entries(status.counts).map(([name, count]) => html`${statusBadge(name)} ${count} `)}
${status.leftovers > 0 ? html`<span class="status s-leftover">leftovers</span> ${status.leftovers} ` : ''}</p>
<p class="verdict" id="land-verdict">${landLine(state)}</p>
<nav><a href="#baseline">baseline</a> · <a href="#setup">setup</a> · <a href="#land">land</a> · <a href="#steps">steps</a> · <a href="#files">files × steps</a></nav>
</header>
<main>
<section id="baseline"><h2>Baseline</h2>${baselineBlock(state)}</section>
<section id="setup"><h2>Setup ${statusBadge(state.setup.status)}</h2>
${status.setupFailure ? html`<p class="bad">setup failed: ${status.setupFailure.reason}; no base was written (resume installs again)</p><pre>${status.setupFailure.outputTail}</pre>` : ''}
<h3>Codemods</h3>${codemodsTable(state.setup.codemods)}
<h3>Reports</h3>${leftoversTable(status.setupReports, 'setup reported nothing')}
<h3>Diff</h3>${diffBlock(report.setupDiff, 'setup changed nothing')}</section>
<section id="land"><h2>Land</h2>${landBlock(state)}</section>
<section id="steps"><h2>Steps</h2>${stepsTable(report)}</section>
<section id="files"><h2>Files × steps</h2>${filesGrid(state)}</section>
${report.steps.map((review) => {
  const row = status.rows.find((candidate) => candidate.step === review.step);
  const compacted = report.compacted.get(review.step);
  return stepSection(review, { ...(compacted !== undefined ? { compacted } : {}), tokens: row?.tokens ?? 0, durationMs: row?.durationMs ?? 0, landed: landed.has(review.step) });
})}
</main>
<footer>written by codemigrate review --html at ${options.generatedAt}</footer>
</body></html>
`;
  return page.text;
}

function landLine(state: RunState): Markup {
  if (!state.land) return html`not landed: <code>codemigrate land ${state.runId}</code> combines the succeeded steps`;
  const land = state.land;
  const verdict =
    land.verdict === undefined ? html`not compared with a baseline` : land.verdict === 'passed' ? statusBadge('passed') : html`${statusBadge('regressed')} unverified: ${land.regressionCount ?? land.regressions?.length ?? 0} regression(s)`;
  return html`landed ${land.landed.length} step(s) on <code>${state.prefix}/${state.runId}/result</code> (${land.commit.slice(0, 12)}): land verdict ${verdict}`;
}

function landBlock(state: RunState): Markup {
  const land = state.land;
  if (!land) return html`<p class="none">${landLine(state)}</p>`;
  return html`<p>${landLine(state)}, at ${land.at}</p>
<p>landed: ${land.landed.map((step) => html`<a href="#${stepAnchor(step)}">${step}</a> `)}</p>
${land.conflicts.length ? html`<p class="bad">conflicts, not landed: ${land.conflicts.map((step) => html`<a href="#${stepAnchor(step)}">${step}</a> `)}</p>` : ''}
${land.regressions?.length ? html`<ul class="regressions">${land.regressions.map((line) => html`<li><code>${line}</code></li>`)}</ul>` : ''}
<h3>Verify</h3>${verifyBlock(land.verify, 'not verified')}`;
}

function baselineBlock(state: RunState): Markup {
  const baseline = state.baseline;
  if (!baseline) return html`<p class="none">no baseline recorded: verdicts are the checks' exit status alone</p>`;
  const tests = (check: BaselineCheckSummary) =>
    Object.entries(check.tests ?? {}).map(([name, count]) => `${count} ${name}`).join(', ');
  return html`<p>on <code>${baseline.commit.slice(0, 12)}</code> in ${formatMs(baseline.durationMs)}</p>
<table class="grid-table"><thead><tr><th>check</th><th>parser</th><th>status</th><th>exit</th><th>time</th><th>diagnostics</th><th>tests</th></tr></thead><tbody>${baseline.checks.map(
    (check) => html`<tr><td><code>${check.command}</code></td><td>${check.parser}</td><td>${statusBadge(check.status)}</td><td>${check.exitCode ?? ''}</td><td>${formatMs(check.durationMs)}</td><td>${check.diagnostics ?? ''}</td><td>${tests(check)}${check.parseError ? html` <span class="bad">${check.parseError}</span>` : ''}</td></tr>`,
  )}</tbody></table>`;
}

function stepsTable(report: RunReport): Markup {
  if (report.status.rows.length === 0) return html`<p class="none">the plan has no step</p>`;
  return html`<table class="grid-table steps"><thead><tr><th>step</th><th>status</th><th>attempts</th><th>files</th><th>+/-</th><th>leftovers</th><th>time</th><th>tokens</th><th>review</th><th>why</th></tr></thead><tbody>${report.status.rows.map(
    (row) => html`<tr><td><a href="#${stepAnchor(row.step)}">${row.step}</a></td><td>${statusBadge(row.status)}</td><td>${row.attempts}</td><td>${row.changed > 0 ? `${row.changed}/${row.files}` : row.files}</td><td>${row.changed > 0 ? `+${row.added} −${row.removed}` : ''}</td><td>${row.leftovers || ''}</td><td>${formatMs(row.durationMs)}</td><td>${row.tokens || ''}</td><td>${row.review ?? ''}</td><td>${row.reason ? firstLine(row.reason) : ''}</td></tr>`,
  )}</tbody></table>`;
}

/** Which step changed which file: setup and every step with changes (a step not succeeded shows its last attempt's). */
function filesGrid(state: RunState): Markup {
  const columns: { id: string; anchor: string; status: string; stats: readonly FileDiffStat[] }[] = [];
  if (state.setup.stats.length > 0) columns.push({ id: 'setup', anchor: 'setup', status: state.setup.status, stats: state.setup.stats });
  for (const step of state.steps) {
    const stats = step.outcome && 'stats' in step.outcome ? step.outcome.stats : [];
    if (stats.length > 0) columns.push({ id: step.id, anchor: stepAnchor(step.id), status: step.status, stats });
  }
  if (columns.length === 0) return html`<p class="none">no step changed a file</p>`;
  const byFile = new Map<string, Map<string, FileDiffStat>>();
  for (const column of columns) {
    for (const stat of column.stats) {
      const row = byFile.get(stat.path) ?? new Map<string, FileDiffStat>();
      row.set(column.id, stat);
      byFile.set(stat.path, row);
    }
  }
  const files = [...byFile.keys()].sort();
  const legend = html`<p class="legend"><span class="cell s-succeeded">+a −r</span> committed on the step's branch · <span class="cell s-failed">+a −r</span> the last attempt of a step that did not succeed (not landable)</p>`;
  if (files.length * columns.length > MAX_GRID_CELLS) {
    return html`${legend}<p>${files.length} files × ${columns.length} steps: listed by file.</p><table class="grid-table"><tbody>${files.map(
      (file) => html`<tr><td><code>${file}</code></td><td>${columns.filter((column) => byFile.get(file)?.has(column.id)).map((column) => html`<a class="cell s-${column.status}" href="#${column.anchor}">${column.id}</a> `)}</td></tr>`,
    )}</tbody></table>`;
  }
  return html`${legend}<div class="scroll"><table class="grid-table files-grid"><thead><tr><th>file</th>${columns.map((column) => html`<th class="vertical"><a href="#${column.anchor}">${column.id}</a></th>`)}</tr></thead><tbody>${files.map(
    (file) => html`<tr><td><code>${file}</code></td>${columns.map((column) => {
      const stat = byFile.get(file)?.get(column.id);
      return stat ? html`<td class="cell s-${column.status}"><a href="#${column.anchor}">+${stat.added} −${stat.removed}</a></td>` : html`<td></td>`;
    })}</tr>`,
  )}</tbody></table></div>`;
}

let css: string | undefined;
function diff2htmlCss(): string {
  css ??= readFileSync(createRequire(import.meta.url).resolve('diff2html/bundles/css/diff2html.min.css'), 'utf8');
  return css;
}

const OWN_CSS = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1400px; padding: 0 1.5rem 3rem; color: #1f2328; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; }
pre { background: #f6f8fa; padding: .6rem; overflow: auto; max-height: 28rem; white-space: pre-wrap; word-break: break-word; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; }
dl.facts dt { color: #57606a; } dl.facts dd { margin: 0; }
.grid-table { border-collapse: collapse; margin: .3rem 0; }
.grid-table th, .grid-table td { border: 1px solid #d0d7de; padding: .2rem .5rem; text-align: left; vertical-align: top; }
.grid-table thead th { background: #f6f8fa; }
.scroll { overflow: auto; max-height: 40rem; }
th.vertical { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
.status, .cell { border-radius: 4px; padding: 0 .35rem; font-size: 12px; white-space: nowrap; }
.status { display: inline-block; border: 1px solid #d0d7de; background: #f6f8fa; }
.s-succeeded, .s-passed, .s-done, .s-accepted { background: #dafbe1; border-color: #4ac26b; }
.s-failed, .s-regressed, .s-verify-failed, .s-rejected, .s-codemod-failed, .s-transport-failed, .s-timed-out, .s-error { background: #ffebe9; border-color: #ff8182; }
.s-needs-model, .s-budget-exhausted, .s-skipped, .s-leftover, .s-not-compared, .s-pending, .s-running { background: #fff8c5; border-color: #d4a72c; }
td.cell a, a.cell { text-decoration: none; color: inherit; }
.verdict { font-weight: 600; } .bad { color: #cf222e; } .none { color: #57606a; font-style: italic; }
.notes { background: #ddf4ff; padding: .2rem .4rem; }
section.step { border-top: 3px solid #d0d7de; margin-top: 2.5rem; }
section.step:target { border-top-color: #0969da; }
section.step:target > h2 { background: #ddf4ff; }
.d2h-file-collapse { display: none; }
footer { margin-top: 3rem; color: #57606a; }
`;
