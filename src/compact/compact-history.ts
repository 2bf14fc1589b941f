// Pure: a step's attempts and the run's lessons → the compacted plan, the text a model reads
// before a retry and `codemigrate status --compact` prints. Its length never exceeds maxChars,
// however long the history; the same input always gives the same text.

import { CodemigrateError } from '../core/errors.js';
import type { AttemptRecord, RunLesson } from '../core/history.js';
import { allocateBudget, cutAtLine } from './budget.js';
import { collectErrors, type AttemptErrors, type CollectedErrors } from './collect-errors.js';
import { findLessons, renderLessons } from './lessons.js';
import { renderAttempts } from './render-attempts.js';
import { renderErrors } from './render-errors.js';
import { capLine } from './signature.js';

export interface CompactInput {
  readonly step: { readonly id: string; readonly module: string; readonly files: readonly string[] };
  readonly attempts: readonly AttemptRecord[];
  readonly lessons: readonly RunLesson[];
  /** Upper bound on the length of the text, in UTF-16 code units (String#length). */
  readonly maxChars?: number;
}

export const DEFAULT_MAX_CHARS = 6000;
export const CLOSING_LINE = 'Do not repeat an approach listed above that failed.';
const SEPARATOR = '\n\n';
/** Shares of the space left after the step header and the closing line; unused space moves on. */
const SHARES = { errors: 0.45, attempts: 0.35, lessons: 0.2 } as const;
const HEADER_MAX = 800;
const HEADER_SHARE = 0.2;

export function compactHistory(input: CompactInput): string {
  const maxChars = input.maxChars ?? DEFAULT_MAX_CHARS;
  if (!Number.isSafeInteger(maxChars) || maxChars < 0) {
    throw new CodemigrateError('internal', `compactHistory: maxChars must be a whole number ≥ 0, got ${String(maxChars)}`);
  }
  const collected = collectErrors(input.attempts, input.step.files);
  const lessons = findLessons(input.lessons, { stepId: input.step.id, errors: collected.errors });
  const latestIds = latestFailure(collected.attempts)?.errorIds ?? [];

  const header = cutAtLine(renderStep(input.step, collected), Math.min(HEADER_MAX, Math.floor(maxChars * HEADER_SHARE)));
  const sections = [
    { share: SHARES.errors, render: (budget: number) => renderErrors(collected.errors, latestIds, budget) },
    { share: SHARES.attempts, render: (budget: number) => renderAttempts(collected.attempts, budget) },
    { share: SHARES.lessons, render: (budget: number) => renderLessons(lessons, budget) },
  ].map((section) => ({ ...section, render: (budget: number) => withoutBareHeading(section.render(budget)) }));
  // Header, three sections and the closing line: four separators between five parts.
  const space = Math.max(0, maxChars - header.length - CLOSING_LINE.length - 4 * SEPARATOR.length);
  const needs = sections.map((section) => section.render(space).length);
  const budgets = allocateBudget(
    space,
    sections.map((section, index) => ({ share: section.share, need: needs[index] ?? 0 })),
  );
  const texts = sections.map((section, index) => section.render(budgets[index] ?? 0));
  // A section rarely fills its budget exactly (blocks are whole): what is left over goes to the
  // sections that wanted more, in order. Each render stays within the space the others leave.
  sections.forEach((section, index) => {
    if ((texts[index] ?? '').length >= (needs[index] ?? 0)) return;
    const others = texts.reduce((sum, text, other) => (other === index ? sum : sum + text.length), 0);
    const wider = section.render(space - others);
    if (wider.length > (texts[index] ?? '').length) texts[index] = wider;
  });
  return closeWithin([header, ...texts].filter((part) => part !== '').join(SEPARATOR), maxChars);
}

/** A heading with nothing under it says nothing: every section has at least one line of content. */
function withoutBareHeading(section: string): string {
  return section.includes('\n') ? section : '';
}

/** The closing line is kept whenever it fits; the body is cut at a line boundary to make room. */
function closeWithin(body: string, maxChars: number): string {
  const whole = body === '' ? CLOSING_LINE : `${body}${SEPARATOR}${CLOSING_LINE}`;
  if (whole.length <= maxChars) return whole;
  const room = maxChars - CLOSING_LINE.length - SEPARATOR.length;
  if (room <= 0) return cutAtLine(CLOSING_LINE, maxChars);
  const cut = cutAtLine(body, room);
  return cut === '' ? CLOSING_LINE : `${cut}${SEPARATOR}${CLOSING_LINE}`;
}

function renderStep(step: CompactInput['step'], collected: CollectedErrors): string {
  const files = step.files.slice(0, 8);
  const more = step.files.length - files.length;
  const fileList = `${files.join(', ')}${more > 0 ? `, … ${more} more` : ''}`;
  const latest = collected.attempts.at(-1);
  const history =
    latest === undefined
      ? 'attempts: none yet'
      : `attempts: ${collected.attempts.length}, latest #${latest.record.attempt} ${latest.record.result}; ` +
        `${collected.errors.length} distinct error${collected.errors.length === 1 ? '' : 's'}`;
  return [
    '## Step',
    capLine(`id: ${step.id}`),
    capLine(`module: ${step.module}`),
    step.files.length === 0 ? 'files: none' : capLine(`files (${step.files.length}): ${fileList}`, 400),
    history,
  ].join('\n');
}

function latestFailure(attempts: readonly AttemptErrors[]): AttemptErrors | undefined {
  return attempts.findLast((item) => item.record.result !== 'succeeded');
}
