// Pure: a step's attempts → its distinct errors (E1, E2, … in order of first appearance), each
// with the attempts it was seen in, and per attempt the ids of its errors.

import type { AttemptRecord } from '../core/history.js';
import { extractErrorLines } from './extract-lines.js';
import { cleanLine, errorSignature, splitLines } from './signature.js';

export interface ErrorEntry {
  /** "E1", "E2", … in order of first appearance. */
  readonly id: string;
  readonly signature: string;
  /** The lines of its latest occurrence: closest to the code as it is now. */
  readonly lines: readonly string[];
  /** Attempt numbers, ascending, without repeats. */
  readonly attempts: readonly number[];
}

export interface AttemptErrors {
  readonly record: AttemptRecord;
  readonly errorIds: readonly string[];
  /** Errors in its verify output beyond those kept. */
  readonly more: number;
}

export interface CollectedErrors {
  readonly errors: readonly ErrorEntry[];
  /** Ascending by attempt number. */
  readonly attempts: readonly AttemptErrors[];
}

interface MutableEntry {
  id: string;
  signature: string;
  lines: readonly string[];
  attempts: number[];
}

export function collectErrors(records: readonly AttemptRecord[], files: readonly string[]): CollectedErrors {
  // A stable sort of a copy: the caller's array stays as it is, equal numbers keep their order.
  const ordered = [...records].sort((a, b) => a.attempt - b.attempt);
  const bySignature = new Map<string, MutableEntry>();
  const attempts = ordered.map((record): AttemptErrors => {
    const { errors, more } = errorsOf(record, files);
    const ids: string[] = [];
    for (const lines of errors) {
      const signature = errorSignature(lines.join('\n'));
      let entry = bySignature.get(signature);
      if (!entry) {
        entry = { id: `E${bySignature.size + 1}`, signature, lines, attempts: [] };
        bySignature.set(signature, entry);
      }
      entry.lines = lines;
      if (entry.attempts.at(-1) !== record.attempt) entry.attempts.push(record.attempt);
      if (!ids.includes(entry.id)) ids.push(entry.id);
    }
    return { record, errorIds: ids, more };
  });
  return { errors: [...bySignature.values()], attempts };
}

function errorsOf(record: AttemptRecord, files: readonly string[]): { errors: readonly (readonly string[])[]; more: number } {
  if (record.result === 'succeeded') return { errors: [], more: 0 };
  if (record.verifyOutput !== undefined) {
    const extracted = extractErrorLines(record.verifyOutput, { files });
    if (extracted.errors.length > 0) return extracted;
  }
  // No output to read (a refused reply, a codemod that threw, no connection): the reason is the error.
  const reason = splitLines(record.reason.slice(0, 4096))
    .map((line) => cleanLine(line).trim())
    .find((line) => line !== '');
  return { errors: [[reason ?? `${record.result} (no reason recorded)`]], more: 0 };
}
