// Pure: the "Errors (deduplicated)" section within a character budget. When not every error fits,
// the ones to keep are chosen by what matters for the next attempt — the latest attempt's errors,
// then the first error of all (often the root cause), then the most frequent — and shown in id order.

import { createBlockWriter, listCapped } from './budget.js';
import type { ErrorEntry } from './collect-errors.js';
import { capLine } from './signature.js';

export const ERRORS_HEADING = '## Errors (deduplicated)';
/** Room kept for the "… more not shown" line; the line is cut to fit it. */
const OMITTED_RESERVE = 90;

export function renderErrors(errors: readonly ErrorEntry[], latestIds: readonly string[], budget: number): string {
  const writer = createBlockWriter(budget);
  if (!writer.tryAdd(ERRORS_HEADING)) return '';
  if (errors.length === 0) return writer.tryAdd('None recorded.') ? writer.text() : '';

  const all = everyBlockWithin(errors, budget);
  if (all !== undefined && writer.tryAdd(all)) return writer.text();

  const chosen = new Map<string, string>();
  let used = writer.length;
  for (const entry of byPriority(errors, latestIds)) {
    // The whole entry if it fits, else its head line alone.
    for (const block of [errorBlock(entry, entry.lines.length), errorBlock(entry, 1)]) {
      if (used + 1 + block.length + OMITTED_RESERVE <= budget) {
        chosen.set(entry.id, block);
        used += 1 + block.length;
        break;
      }
    }
  }
  for (const entry of errors) {
    const block = chosen.get(entry.id);
    if (block !== undefined) writer.tryAdd(block);
  }
  const omitted = errors.filter((entry) => !chosen.has(entry.id)).map((entry) => entry.id);
  if (omitted.length > 0) {
    const s = omitted.length === 1 ? '' : 's';
    writer.tryAdd(capLine(`… ${omitted.length} more distinct error${s} not shown (${listCapped(omitted)})`, OMITTED_RESERVE - 1));
  }
  return writer.text();
}

export function seenIn(attempts: readonly number[]): string {
  const word = attempts.length === 1 ? 'attempt' : 'attempts';
  return `seen in ${word} ${listCapped(attempts)} (${attempts.length}×)`;
}

function everyBlockWithin(errors: readonly ErrorEntry[], budget: number): string | undefined {
  const blocks: string[] = [];
  let length = 0;
  for (const entry of errors) {
    const block = errorBlock(entry, entry.lines.length);
    length += block.length + 1;
    if (length > budget) return undefined;
    blocks.push(block);
  }
  return blocks.join('\n');
}

function errorBlock(entry: ErrorEntry, lineCount: number): string {
  const lines = entry.lines.slice(0, Math.max(1, lineCount)).map((line) => `    ${line}`);
  return [`${entry.id} — ${seenIn(entry.attempts)}:`, ...lines].join('\n');
}

function byPriority(errors: readonly ErrorEntry[], latestIds: readonly string[]): ErrorEntry[] {
  const rank = (entry: ErrorEntry) => (latestIds.includes(entry.id) ? 0 : entry === errors[0] ? 1 : 2);
  // errors are in id order, and sort is stable: ties stay in order of first appearance.
  return [...errors].sort((a, b) => rank(a) - rank(b) || (rank(a) === 2 ? b.attempts.length - a.attempts.length : 0));
}
