// Pure helpers shared by both engines: a transform's error as one line, a report as a Leftover.

import { inspect } from 'node:util';
import type { Leftover } from '../core/codemod.js';
import type { RepoPath } from '../core/paths.js';

/** One line, as jscodeshift prints a transformation error (newlines folded into spaces). */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : inspect(error);
  return message.replace(/\s*\n\s*/g, ' ').trim() || (error instanceof Error ? error.name : 'unknown error');
}

/**
 * jscodeshift's `api.report(msg)` takes a string; we also accept `{ line, message, stop }` so that a
 * transform can say where a leftover is, and (in setup) that the run cannot go on: `stop` counts
 * only when it is `true` itself. Anything else is shown as Node would print it.
 */
export function toLeftover(file: RepoPath, report: unknown, codemod: string, line?: number): Leftover {
  if (typeof report === 'object' && report !== null && 'message' in report) {
    const { message, line: reportedLine, stop } = report as { message: unknown; line?: unknown; stop?: unknown };
    const at = validLine(reportedLine) ?? validLine(line);
    const text = typeof message === 'string' ? message : inspect(message);
    return { file, ...(at !== undefined && { line: at }), message: text, codemod, ...(stop === true && { stop: true as const }) };
  }
  const text = typeof report === 'string' ? report : inspect(report);
  const at = validLine(line);
  return at === undefined ? { file, message: text, codemod } : { file, line: at, message: text, codemod };
}

function validLine(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}
