// `codemigrate review --html DIR`: index.html for the run — summary and verdicts, the steps table,
// land, baseline, setup and a files × steps grid — and one page per step (steps/<id>.html), so a
// 200-step run's index stays light. Each page stands alone: no script, no external URL (a
// Content-Security-Policy forbids both), the CSS inlined; it opens from file:// with no server.

import type { RunReport } from '../app/run-report.js';
import type { RunStatus } from '../app/status.js';
import type { FileDiffStat } from '../core/git.js';
import type { BaselineCheckSummary, RunState } from '../core/state.js';
import { html, type Markup } from './html-escape.js';
import { renderPage, stepPage } from './html-page.js';
import { codemodsTable, diffBlock, leftoversTable, stepSection, statusBadge, verifyBlock } from './html-step.js';
import { formatMs } from './print.js';
import { firstLine } from './render.js';

/** Above this many cells the grid becomes a list of files with the steps that changed them. */
const MAX_GRID_CELLS = 40_000;

/** The report's files by path relative to DIR: index.html and one page per step (steps/<id>.html). */
export function renderHtmlReport(report: RunReport, options: { generatedAt: string }): Record<string, string> {
  const { state, status } = report;
  const tokens = status.rows.reduce((sum, row) => sum + row.tokens, 0);
  const stepTime = status.rows.reduce((sum, row) => sum + row.durationMs, 0);
  const landed: ReadonlySet<string> = new Set<string>(state.land?.landed ?? []);
  const footer = html`<footer>written by codemigrate review --html at ${options.generatedAt}</footer>`;
  const index = html`<header id="summary"><h1>codemigrate run <code>${state.runId}</code></h1>
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
<nav><a href="#steps">steps</a> · <a href="#land">land</a> · <a href="#baseline">baseline</a> · <a href="#setup">setup</a> · <a href="#files">files × steps</a></nav>
</header>
<main>
<section id="steps"><h2>Steps</h2>${stepsTable(report)}</section>
<section id="land"><h2>Land</h2>${landBlock(state)}</section>
<section id="baseline"><h2>Baseline</h2>${baselineBlock(state)}</section>
<section id="setup"><h2>Setup ${statusBadge(state.setup.status)}</h2>
${setupFailureBlock(status.setupFailure)}
<h3>Codemods</h3>${codemodsTable(state.setup.codemods)}
<h3>Reports</h3>${leftoversTable(status.setupReports, 'setup reported nothing')}
<h3>Diff</h3>${diffBlock(report.setupDiff, 'setup changed nothing')}</section>
<section id="files"><h2>Files × steps</h2>${filesGrid(state)}</section>
</main>
${footer}`;
  const files: Record<string, string> = { 'index.html': renderPage(`codemigrate run ${state.runId}`, index) };
  report.steps.forEach((review, at) => {
    const path = stepPage(review.step);
    if (path !== undefined) files[path] = renderPage(`${review.step}: codemigrate run ${state.runId}`, html`${pager(report, at)}<main>${stepSection(review, stepExtras(report, review.step, landed))}</main>${footer}`);
  });
  return files;
}

function stepExtras(report: RunReport, step: string, landed: ReadonlySet<string>) {
  const row = report.status.rows.find((candidate) => candidate.step === step);
  const compacted = report.compacted.get(step);
  return { ...(compacted !== undefined ? { compacted } : {}), tokens: row?.tokens ?? 0, durationMs: row?.durationMs ?? 0, landed: landed.has(step) };
}

/** A step page's way back to the run and on to its neighbours in plan order. */
function pager(report: RunReport, at: number): Markup {
  const neighbour = (other: number, rel: 'prev' | 'next') => {
    const step = report.steps[other]?.step;
    const path = step === undefined ? undefined : stepPage(step);
    if (step === undefined || path === undefined) return '';
    return html` · <a rel="${rel}" href="../${path}">${rel === 'prev' ? `← ${step}` : `${step} →`}</a>`;
  };
  return html`<nav class="pager"><a href="../index.html#steps">run ${report.state.runId}</a> · step ${at + 1} of ${report.steps.length}${neighbour(at - 1, 'prev')}${neighbour(at + 1, 'next')}</nav>`;
}

/** A link to a step's page from index.html, or its name alone when it has none. */
function stepLink(step: string): Markup {
  const path = stepPage(step);
  return path === undefined ? html`${step}` : html`<a href="${path}">${step}</a>`;
}

function landLine(state: RunState): Markup {
  if (!state.land) return html`not landed: <code>codemigrate land ${state.runId}</code> combines the succeeded steps`;
  const land = state.land;
  const verdict =
    land.verdict === undefined ? html`not compared with a baseline` : land.verdict === 'passed' ? statusBadge('passed') : html`${statusBadge('regressed')} unverified: ${land.regressionCount ?? land.regressions?.length ?? 0} regression(s)`;
  return html`landed ${land.landed.length} step(s) on <code>${state.prefix}/${state.runId}/result</code> (${land.commit.slice(0, 12)}): land verdict ${verdict}`;
}

function setupFailureBlock(failure: RunStatus['setupFailure']): Markup | string {
  if (failure === undefined) return '';
  if (failure.cause === 'report') return html`<p class="bad">setup stopped the run: ${failure.reason}; no base was written, no step ran (resume computes setup again on the same commit)</p>`;
  return html`<p class="bad">setup failed: ${failure.reason}; no base was written (resume installs again)</p><pre>${failure.outputTail}</pre>`;
}

function landBlock(state: RunState): Markup {
  const land = state.land;
  if (!land) return html`<p class="none">${landLine(state)}</p>`;
  return html`<p>${landLine(state)}, at ${land.at}</p>
<p>landed: ${land.landed.map((step) => html`${stepLink(step)} `)}</p>
${land.conflicts.length ? html`<p class="bad">conflicts, not landed: ${land.conflicts.map((step) => html`${stepLink(step)} `)}</p>` : ''}
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
    (check) => html`<tr><td><code>${check.command}</code></td><td>${check.parser}</td><td>${statusBadge(check.status)}</td><td>${check.exitCode ?? ''}</td><td>${formatMs(check.durationMs)}</td><td>${check.diagnostics ?? ''}</td><td>${tests(check)}${check.failing?.length ? html`<br>failing: ${check.failing.map((name, i) => html`${i > 0 ? ', ' : ''}<code>${name}</code>`)}` : ''}${check.parseError ? html` <span class="bad">${check.parseError}</span>` : ''}</td></tr>`,
  )}</tbody></table>`;
}

function stepsTable(report: RunReport): Markup {
  if (report.status.rows.length === 0) return html`<p class="none">the plan has no step</p>`;
  return html`<table class="grid-table steps"><thead><tr><th>step</th><th>status</th><th>attempts</th><th>files</th><th>+/-</th><th>leftovers</th><th>time</th><th>tokens</th><th>review</th><th>why</th></tr></thead><tbody>${report.status.rows.map(
    (row) => html`<tr><td>${stepLink(row.step)}</td><td>${statusBadge(row.status)}</td><td>${row.attempts}</td><td>${row.changed > 0 ? `${row.changed}/${row.files}` : row.files}</td><td>${row.changed > 0 ? `+${row.added} −${row.removed}` : ''}</td><td>${row.leftovers || ''}</td><td>${formatMs(row.durationMs)}</td><td>${row.tokens || ''}</td><td>${row.review ?? ''}</td><td>${row.reason ? firstLine(row.reason) : ''}</td></tr>`,
  )}</tbody></table>`;
}

/** Which step changed which file: setup and every step with changes (a step not succeeded shows its last attempt's). */
function filesGrid(state: RunState): Markup {
  const columns: { id: string; href: string; status: string; stats: readonly FileDiffStat[] }[] = [];
  if (state.setup.stats.length > 0) columns.push({ id: 'setup', href: '#setup', status: state.setup.status, stats: state.setup.stats });
  for (const step of state.steps) {
    const stats = step.outcome && 'stats' in step.outcome ? step.outcome.stats : [];
    if (stats.length > 0) columns.push({ id: step.id, href: stepPage(step.id) ?? '#steps', status: step.status, stats });
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
  const legend = html`<p class="legend">added and removed lines, coloured by the step's status: <span class="cell s-succeeded">+a −r</span> committed on the step's branch (or base, for setup) · <span class="cell s-needs-model">+a −r</span> <span class="cell s-failed">+a −r</span> the last attempt of a step that did not succeed (not landable)</p>`;
  if (files.length * columns.length > MAX_GRID_CELLS) {
    return html`${legend}<p>${files.length} files × ${columns.length} steps: listed by file.</p><table class="grid-table"><tbody>${files.map(
      (file) => html`<tr><td><code>${file}</code></td><td>${columns.filter((column) => byFile.get(file)?.has(column.id)).map((column) => html`<a class="cell s-${column.status}" href="${column.href}">${column.id}</a> `)}</td></tr>`,
    )}</tbody></table>`;
  }
  return html`${legend}<div class="scroll"><table class="grid-table files-grid"><thead><tr><th>file</th>${columns.map((column) => html`<th class="vertical"><a href="${column.href}">${column.id}</a></th>`)}</tr></thead><tbody>${files.map(
    (file) => html`<tr><td><code>${file}</code></td>${columns.map((column) => {
      const stat = byFile.get(file)?.get(column.id);
      return stat ? html`<td class="cell s-${column.status}"><a href="${column.href}">+${stat.added} −${stat.removed}</a></td>` : html`<td></td>`;
    })}</tr>`,
  )}</tbody></table></div>`;
}

