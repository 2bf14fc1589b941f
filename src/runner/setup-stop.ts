// Pure: whether setup's reports stop the run, and the one line that says why. A setup codemod that
// finds nothing it can do (no Vitest version fits the project) reports with `stop: true`; the run
// then writes no base and runs no step, since every step would fail for that one cause. Only
// setup's reports are asked: a step's or finish's `stop` is an ordinary leftover.

import type { Leftover } from '../core/codemod.js';

/** `<codemod> reported <file>[:line]: <message>` for each stopping report, `; `-joined; undefined when none stops. */
export function setupStopReason(reports: readonly Leftover[]): string | undefined {
  const stopping = reports.filter((report) => report.stop === true);
  if (stopping.length === 0) return undefined;
  return stopping.map((report) => `${report.codemod} reported ${report.file}${report.line === undefined ? '' : `:${report.line}`}: ${oneLine(report.message)}`).join('; ');
}

/** A report's message may span lines (a file's text to write); the reason is one line. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim() || '(no message)';
}
