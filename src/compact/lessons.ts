// Pure: what other steps of the run teach this one. Lessons with the same text are one entry
// (naming every step it came from); those that share an error with this step come first, then
// those that share an error code, then the rest; within each, in array order, which is recency:
// the runner keeps lessons newest first (src/runner/step-history.ts).

import type { RunLesson } from '../core/history.js';
import { allocateBudget, createBlockWriter, listCapped } from './budget.js';
import type { ErrorEntry } from './collect-errors.js';
import { capLine, cleanLine, crossStepKey, errorCodes, errorSignature, splitLines } from './signature.js';

export const LESSONS_HEADING = '## Lessons from other steps';
export const RELEVANCES = ['same-error', 'same-code', 'other'] as const;
export type Relevance = (typeof RELEVANCES)[number];

export interface LessonEntry {
  readonly kind: RunLesson['kind'];
  readonly relevance: Relevance;
  /** Ids of this step's errors whose first line the lesson's text contains. */
  readonly matches: readonly string[];
  /** Cleaned, non-blank lines of the most recent text. */
  readonly lines: readonly string[];
  /** Steps it came from, most recent first, without repeats. */
  readonly steps: readonly string[];
  readonly count: number;
}

/** A lesson is an error and a short diff: its start is all that is read. */
const LESSON_TEXT_CHARS = 2048;
const LESSON_LINES = 8;
/** "- … 99999 more not shown" */
const MORE_RESERVE = 30;

export function findLessons(
  lessons: readonly RunLesson[],
  context: { readonly stepId: string; readonly errors: readonly ErrorEntry[] },
): LessonEntry[] {
  const idsByKey = new Map<string, string[]>();
  for (const error of context.errors) {
    const key = crossStepKey(error.lines[0] ?? '');
    if (key !== '') idsByKey.set(key, [...(idsByKey.get(key) ?? []), error.id]);
  }
  const stepCodes = new Set(errorCodes(context.errors.map((error) => error.lines.join('\n')).join('\n')));

  const entries = new Map<string, LessonEntry & { steps: string[]; count: number; order: number }>();
  for (const lesson of lessons) {
    if (lesson.step === context.stepId) continue;
    const text = lesson.text.slice(0, LESSON_TEXT_CHARS);
    const key = `${lesson.kind}\n${errorSignature(text)}`;
    const known = entries.get(key);
    if (known) {
      known.count += 1;
      if (!known.steps.includes(lesson.step)) known.steps.push(lesson.step);
      continue;
    }
    const lines = splitLines(text)
      .map((line) => cleanLine(line))
      .filter((line) => line.trim() !== '');
    const matches = [...new Set(lines.flatMap((line) => idsByKey.get(crossStepKey(line)) ?? []))];
    const shared = errorCodes(text).some((code) => stepCodes.has(code));
    const relevance: Relevance = matches.length > 0 ? 'same-error' : shared ? 'same-code' : 'other';
    entries.set(key, { kind: lesson.kind, relevance, matches, lines, steps: [lesson.step], count: 1, order: entries.size });
  }
  return [...entries.values()]
    .sort((a, b) => RELEVANCES.indexOf(a.relevance) - RELEVANCES.indexOf(b.relevance) || a.order - b.order)
    .map(({ order: _order, ...entry }) => entry);
}

/** Fixes get 70 % of the section and recurring errors 30 %, each giving what it does not use to the other. */
export function renderLessons(entries: readonly LessonEntry[], budget: number): string {
  const heading = createBlockWriter(budget);
  if (!heading.tryAdd(LESSONS_HEADING)) return '';
  if (entries.length === 0) return heading.tryAdd('None yet.') ? heading.text() : '';

  const groups = [
    { title: 'Fixes that worked:', entries: entries.filter((entry) => entry.kind === 'fix-that-worked'), share: 0.7 },
    { title: 'Recurring errors in this run:', entries: entries.filter((entry) => entry.kind === 'recurring-error'), share: 0.3 },
  ];
  const space = budget - heading.length - groups.length; // one "\n" before each group
  const render = (group: (typeof groups)[number], size: number) => renderGroup(group.title, group.entries, size);
  const budgets = allocateBudget(
    space,
    groups.map((group) => ({ share: group.share, need: render(group, space).length })),
  );
  const parts = groups.map((group, index) => render(group, budgets[index] ?? 0)).filter((part) => part !== '');
  return [heading.text(), ...parts].join('\n');
}

function renderGroup(title: string, entries: readonly LessonEntry[], budget: number): string {
  if (entries.length === 0) return '';
  // Without room for the "more not shown" line first: if every lesson fits, none is needed.
  const all = layout(title, entries, budget, 0);
  if (all.shown === entries.length) return all.writer.text();
  const some = layout(title, entries, budget, MORE_RESERVE + 1);
  if (some.shown === 0) return '';
  some.writer.tryAdd(`- … ${entries.length - some.shown} more not shown`);
  return some.writer.text();
}

function layout(title: string, entries: readonly LessonEntry[], budget: number, reserve: number) {
  const writer = createBlockWriter(budget);
  let shown = 0;
  if (!writer.tryAdd(title, reserve)) return { writer, shown };
  for (const entry of entries) {
    if (![LESSON_LINES, 3, 1].some((lines) => writer.tryAdd(lessonBlock(entry, lines), reserve))) break;
    shown += 1;
  }
  return { writer, shown };
}

function lessonBlock(entry: LessonEntry, lineCount: number): string {
  const from = entry.steps.length === 1 ? `step ${entry.steps[0] ?? ''}` : `steps ${listCapped(entry.steps)}`;
  const times = entry.count > 1 ? ` (${entry.count}×)` : '';
  const match = entry.matches.length > 0 ? ` — same error as ${listCapped(entry.matches)}` : '';
  const lines = entry.lines.slice(0, lineCount).map((line) => capLine(`    ${line}`, 200));
  const cut = entry.lines.length > lineCount ? ['    …'] : [];
  return [capLine(`- from ${from}${times}${match}:`), ...lines, ...cut].join('\n');
}
