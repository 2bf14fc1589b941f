// The HTML report escapes every text it did not write itself: a run whose every string (file
// names, diff lines, codemod output, verify output, model notes and replies, reasons, commands)
// holds markup renders none of it as markup.

import { describe, expect, it } from 'vitest';
import type { RunReport } from '../app/run-report.js';
import type { StepReview } from '../app/review.js';
import { statusOf } from '../app/status.js';
import type { RunState } from '../core/state.js';
import { escapeHtml, html } from './html-escape.js';
import { renderHtmlReport } from './html-report.js';

const EVIL = `<x-evil a="1" b='2'>&amp;`;
const evil = (where: string) => `${where} ${EVIL}`;
const verify = (where: string) => ({ command: evil(`${where} command`), status: 'failed' as const, exitCode: 1, durationMs: 5, outputTail: evil(`${where} output`) });
const diff = [
  `diff --git a/src/${EVIL}.js b/src/${EVIL}.js`,
  'index 1111111..2222222 100644',
  `--- a/src/${EVIL}.js`,
  `+++ b/src/${EVIL}.js`,
  '@@ -1,2 +1,2 @@',
  `-var a = "${EVIL}";`,
  `+let a = "${EVIL}";`,
  ` // ${EVIL}`,
  '',
].join('\n');
const FILE = `src/${EVIL}.js`;
const stats = [{ path: FILE, added: 1, removed: 1 }];
const codemods = [{ codemod: evil('codemod'), modified: 1, unchanged: 0, skipped: 0, errors: 1, durationMs: 3, output: [{ file: FILE, text: evil('printed') }] }] as unknown as StepReview['codemods'];
const reports = [{ file: FILE, line: 2, message: evil('leftover'), codemod: evil('codemod') }];

function hostileReport(): RunReport {
  const state = {
    version: 1,
    runId: 'r1',
    prefix: 'codemigrate',
    recipe: { id: evil('recipe'), file: evil('recipe file'), hash: 'h' },
    sourceCommit: 'a'.repeat(40),
    baseCommit: 'b'.repeat(40),
    isolation: 'independent',
    only: evil('only'),
    setup: { status: 'failed', codemods, reports, stats, failure: { reason: evil('setup reason'), install: verify('install') } },
    baseline: { commit: 'a'.repeat(40), durationMs: 9, checks: [{ command: evil('baseline'), parser: 'exit-code', status: 'passed', exitCode: 0, durationMs: 9, parseError: evil('parse error'), failing: [evil('failing test')] }] },
    steps: [
      {
        id: 'src-a',
        module: evil('module'),
        files: [FILE],
        dependsOn: [],
        status: 'failed',
        attempts: 2,
        tokens: { prompt: 11, completion: 7 },
        outcome: { status: 'failed', reason: evil('reason'), regressions: [evil('regression')], durationMs: 40, codemods, reports, stats, verify: [verify('step')] },
      },
    ],
    land: { commit: 'c'.repeat(40), landed: [], conflicts: [], verify: [verify('land')], verdict: 'regressed', regressions: [evil('land regression')], regressionCount: 1, at: evil('at') },
    createdAt: evil('created'),
    updatedAt: evil('updated'),
  } as unknown as RunState;
  const review: StepReview = {
    runId: 'r1',
    step: 'src-a',
    module: evil('module'),
    status: 'failed',
    attempts: 2,
    files: [FILE] as unknown as StepReview['files'],
    reason: evil('reason'),
    regressions: [evil('regression')],
    review: 'rejected',
    codemods,
    reports: reports as unknown as StepReview['reports'],
    verify: [verify('step')],
    diff,
    attemptLog: [
      { attempt: 1, by: 'codemods', result: 'verify-failed', reason: evil('attempt reason'), changed: stats, diff: evil('attempt diff'), verifyOutput: evil('attempt output') },
      { attempt: 2, by: 'model', result: 'rejected', reason: evil('model reason'), changed: [], notes: evil('notes') },
    ],
    transcripts: [{ attempt: 2, transcript: { request: { messages: [{ content: 'x' }] }, response: evil('reply'), usage: { prompt: 11, completion: 7 } } }],
    unreadable: [evil('unreadable')],
  };
  return { state, status: statusOf(state), steps: [review], compacted: new Map([['src-a', evil('compacted')]]), setupDiff: diff };
}

describe('renderHtmlReport', () => {
  it('shows every untrusted text as text, nowhere as markup', () => {
    const files = renderHtmlReport(hostileReport(), { generatedAt: evil('generated') });
    expect(Object.keys(files)).toEqual(['index.html', 'steps/src-a.html']);
    const page = Object.values(files).join('\n');
    expect(page).not.toContain('<x-evil');
    // Each place shows the text (escaped by us, or by diff2html in the diff, which writes &#x27; and &#x2F;).
    const places = ['recipe', 'recipe file', 'only', 'setup reason', 'install output', 'baseline', 'parse error', 'failing test', 'module', 'reason', 'regression', 'codemod', 'printed', 'leftover', 'step command', 'step output', 'land command', 'land output', 'land regression', 'attempt reason', 'attempt diff', 'attempt output', 'model reason', 'notes', 'reply', 'compacted', 'unreadable', 'created', 'generated'];
    for (const where of places) expect(page, where).toContain(escapeHtml(evil(where)));
    expect(page).toContain('&lt;x-evil a=&quot;1&quot;');
    expect(page.match(/class="d2h-file-name">src\/&lt;x-evil/g)?.length).toBe(2);
  });

  it('says a setup a report stopped as that cause, escaped, with no install output', () => {
    const hostile = hostileReport();
    const state = { ...hostile.state, setup: { ...hostile.state.setup, failure: { reason: evil('stop reason') } } } as RunState;
    const index = renderHtmlReport({ ...hostile, state, status: statusOf(state) }, { generatedAt: 'now' })['index.html']!;
    expect(index).toContain(`<p class="bad">setup stopped the run: ${escapeHtml(evil('stop reason'))}; no base was written, no step ran (resume computes setup again on the same commit)</p>`);
    expect(index).not.toContain(escapeHtml(evil('install output')));
  });

  it('holds no script and no URL to fetch', () => {
    for (const page of Object.values(renderHtmlReport(hostileReport(), { generatedAt: 'now' }))) {
      expect(page).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
      expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    }
  });
});

describe('html', () => {
  it('escapes interpolations, joins arrays, drops null, undefined and booleans, keeps nested markup', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${`"'`}">${['a', '<', inner]}${undefined}${null}${false}${0}</p>`.text).toBe('<p title="&quot;&#39;">a&lt;<b>&lt;i&gt;</b>0</p>');
  });
});
