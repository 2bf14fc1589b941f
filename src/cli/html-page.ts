// The shell every page of the HTML report shares: a Content-Security-Policy that allows no script
// and no fetch, diff2html's CSS and ours inlined (a page opens alone from file://).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { html, trusted, type Markup } from './html-escape.js';

/** Where a step's page is, relative to index.html; undefined for an id unsafe as a file name (a hand-edited state). */
export function stepPage(step: string): string | undefined {
  return /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*$/.test(step) ? `steps/${step}.html` : undefined;
}

export function renderPage(title: string, body: Markup): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${trusted(diff2htmlCss())}</style><style>${trusted(OWN_CSS)}</style>
</head><body>
${body}
</body></html>
`.text;
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
nav.pager { margin-top: 1rem; }
.d2h-file-collapse { display: none; }
table.steps td, .files-grid td { white-space: nowrap; }
table.steps td:last-child { white-space: normal; }
footer { margin-top: 3rem; color: #57606a; }
`;
