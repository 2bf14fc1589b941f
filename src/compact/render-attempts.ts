// Pure: the "Attempts" section within a character budget, newest first. The latest two attempts
// in detail (what they changed, the start of their diff, why they failed, the model's notes), then
// one line per earlier attempt while the budget lasts, then one line for all the rest.

import type { AttemptRecord } from '../core/history.js';
import { createBlockWriter, listCapped } from './budget.js';
import type { AttemptErrors } from './collect-errors.js';
import { capLine, cleanLine, splitLines } from './signature.js';

export const ATTEMPTS_HEADING = '## Attempts (newest first)';
const DETAILED = 2;
const DIFF_LINES = 12;
const NOTE_LINES = 3;
/** Room kept for the closing "attempts 1–950: …" line; the line is cut to fit it. */
const REST_RESERVE = 100;

export function renderAttempts(attempts: readonly AttemptErrors[], budget: number): string {
  const writer = createBlockWriter(budget);
  if (!writer.tryAdd(ATTEMPTS_HEADING)) return '';
  if (attempts.length === 0) return writer.tryAdd('No attempts yet.') ? writer.text() : '';

  const newestFirst = [...attempts].reverse();
  // Without room for a closing line first: if every attempt fits, none is needed.
  const all = layout(newestFirst, budget, 0);
  if (all.shown === newestFirst.length) return all.writer.text();
  const some = layout(newestFirst, budget, REST_RESERVE + 1);
  some.writer.tryAdd(capLine(restLine(newestFirst.slice(some.shown)), REST_RESERVE));
  return some.writer.text();
}

function layout(newestFirst: readonly AttemptErrors[], budget: number, reserve: number) {
  const writer = createBlockWriter(budget);
  writer.tryAdd(ATTEMPTS_HEADING);
  let shown = 0;
  for (const item of newestFirst) {
    const variants = shown < DETAILED ? [detailBlock(item, true), detailBlock(item, false), oneLine(item)] : [oneLine(item)];
    if (!variants.some((block) => writer.tryAdd(block, reserve))) break;
    shown += 1;
  }
  return { writer, shown };
}

function detailBlock(item: AttemptErrors, withDiff: boolean): string {
  const { record } = item;
  const lines = [`### Attempt ${record.attempt} — ${record.by}, ${record.result}`];
  lines.push(capLine(`Reason: ${firstLine(record.reason)}`));
  if (item.errorIds.length > 0) lines.push(capLine(`Errors: ${errorList(item)} (see above)`));
  if (record.changed.length > 0) lines.push(capLine(`Changed: ${changedSummary(record, 6)}`));
  if (withDiff && record.diff !== undefined && record.diff.trim() !== '') lines.push('Diff (start):', ...diffSlice(record.diff));
  const notes = noteLines(record.notes);
  if (notes.length > 0) lines.push(capLine(`Notes: ${notes[0] ?? ''}`), ...notes.slice(1).map((line) => capLine(`  ${line}`)));
  return lines.join('\n');
}

function oneLine(item: AttemptErrors): string {
  const { record } = item;
  const parts = [`- attempt ${record.attempt} — ${record.by}, ${record.result}`];
  parts.push(item.errorIds.length > 0 ? errorList(item) : firstLine(record.reason));
  if (record.changed.length > 0) parts.push(`changed ${changedSummary(record, 2)}`);
  const note = noteLines(record.notes)[0];
  if (note !== undefined) parts.push(`notes: ${note}`);
  return capLine(parts.join('; '));
}

function restLine(rest: readonly AttemptErrors[]): string {
  // Newest first: the first is the highest attempt number, the last the lowest.
  const high = rest[0]?.record.attempt ?? 0;
  const low = rest.at(-1)?.record.attempt ?? 0;
  const ids = [...new Set(rest.flatMap((item) => item.errorIds))].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  const range = rest.length === 1 ? `attempt ${low}` : `attempts ${low}–${high} (${rest.length})`;
  if (ids.length === 0) return `- ${range}: no errors recorded`;
  const s = ids.length === 1 ? '' : 's';
  return `- ${range}: ${ids.length} distinct error${s} (${listCapped(ids)}), see above`;
}

function errorList(item: AttemptErrors): string {
  const more = item.more > 0 ? ` (+${item.more} more in the output)` : '';
  return `${listCapped(item.errorIds, 5)}${more}`;
}

function changedSummary(record: AttemptRecord, maxFiles: number): string {
  const files = record.changed.slice(0, maxFiles).map((file) => `${file.path} (+${file.added} -${file.removed})`);
  const others = record.changed.length - files.length;
  return others > 0 ? `${files.join(', ')}, +${others} more file${others === 1 ? '' : 's'}` : files.join(', ');
}

/** The start of the diff, without the "diff --git"/"index" lines that say nothing to a reader. */
function diffSlice(diff: string): string[] {
  const lines = splitLines(diff.slice(0, 8192))
    .filter((line) => !/^(?:diff --git |index [0-9a-f]+\.\.|\\ No newline)/.test(line))
    .map((line) => capLine(`    ${cleanLine(line)}`, 160));
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  return lines.length > DIFF_LINES ? [...lines.slice(0, DIFF_LINES), '    … (diff cut)'] : lines;
}

function noteLines(notes: string | undefined): string[] {
  if (notes === undefined) return [];
  const lines = splitLines(notes.slice(0, 4096))
    .map((line) => cleanLine(line).trim())
    .filter((line) => line !== '');
  return lines.slice(0, NOTE_LINES);
}

function firstLine(text: string): string {
  return (
    splitLines(text.slice(0, 4096))
      .map((line) => cleanLine(line).trim())
      .find((line) => line !== '') ?? '(none)'
  );
}
