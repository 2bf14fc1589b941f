// Pure: the lines of a verify output that say what failed, grouped per error. A group starts at a
// head (a TypeScript error, a failed test, an `…Error:` line) and keeps the details that follow it
// (Expected/Received, TypeScript continuation lines, the first stack frame in the step's files).
// Everything else — npm noise, passing tests, blank runs, other frames — is dropped.

import { cleanLine, splitLines } from './signature.js';

export interface ExtractOptions {
  /** The step's repo-relative files: the one stack frame kept per error must point into them. */
  readonly files: readonly string[];
  readonly maxLinesPerError?: number;
  readonly maxErrors?: number;
}

export interface Extracted {
  /** Cleaned lines per error, head first. */
  readonly errors: readonly (readonly string[])[];
  /** Errors found beyond maxErrors. */
  readonly more: number;
}

export const DEFAULT_LINES_PER_ERROR = 8;
export const DEFAULT_ERRORS_PER_OUTPUT = 20;
/** When nothing matches (a shell error, a timeout), the tail is the best evidence. */
const FALLBACK_TAIL_LINES = 4;

const NOISE = /^\s*(?:npm (?:ERR!|error|warn|WARN|notice|verb)\b|> \S|\$ \S|✖ failing tests:)/;
const PASSING = /^\s*(?:[✓✔√]\s|PASS\b|ok \d|# (?:pass|tests|suites|skipped|todo|duration_ms)\b)/;
const TS_HEAD = /\berror TS\d+:/;
const TEST_HEAD = /^\s*(?:[✗✘×✕✖●]\s|FAIL\b|not ok\b)/;
/** vitest's, jest's and node:test's one-line summary of a failed test, repeated in detail further down. */
const SUMMARY_MARK = /^[✗✘×✕✖]\s+/;
const BARE_FAIL = /^FAIL\s+\S+$/;
const ERROR_HEAD = /\b[A-Za-z]*Error\b(?:\s*\[[A-Z0-9_]+\])?:/;
const DETAIL = /^\s*(?:[-+]?\s*(?:Expected|Received|expected|actual)\b|→|expect\(|error:|code:\s*'?ERR_)/;
const FRAME = /^\s*(?:at\s+\S|❯\s+\S+:\d+)/;
const DIFF_LINE = /^\s*[-+] \S/;
const TS_CONTINUATION = /^\s{2,}\S/;

interface Group {
  lines: string[];
  kind: 'ts' | 'test' | 'error' | 'skip';
  frameKept: boolean;
  hasError: boolean;
  /** After "- Expected / + Received", the "- 4 / + 3" lines are the difference itself. */
  inDiff: boolean;
}

export function extractErrorLines(output: string, options: ExtractOptions): Extracted {
  const maxLines = options.maxLinesPerError ?? DEFAULT_LINES_PER_ERROR;
  const maxErrors = options.maxErrors ?? DEFAULT_ERRORS_PER_OUTPUT;
  const groups: Group[] = [];
  const seenHeads = new Set<string>();
  let current: Group | undefined;
  let previousBlank = false;

  const open = (line: string, kind: Group['kind']) => {
    // The same head twice in one output (vitest's summary and its detail) is one error.
    const duplicate = seenHeads.has(line);
    seenHeads.add(line);
    current = { lines: [line], kind: duplicate ? 'skip' : kind, frameKept: false, hasError: kind === 'error', inDiff: false };
    if (!duplicate) groups.push(current);
  };
  const add = (group: Group, line: string) => {
    if (group.kind !== 'skip' && group.lines.length < maxLines && !group.lines.includes(line)) group.lines.push(line);
  };

  for (const raw of splitLines(output)) {
    if (raw.trim() === '') {
      previousBlank = true;
      continue;
    }
    const line = cleanLine(raw);
    const blank = line.trim() === '';
    if (NOISE.test(line) || PASSING.test(line)) {
      current = undefined;
    } else if (TS_HEAD.test(line)) {
      open(line.trim(), 'ts');
    } else if (TEST_HEAD.test(line)) {
      open(line.trim(), 'test');
    } else if (ERROR_HEAD.test(line) && !FRAME.test(line)) {
      // An error right under a failed test's name is that test's message, not a new error.
      if (current?.kind === 'test' && !current.hasError) {
        current.hasError = true;
        add(current, line.trim());
      } else if (current?.kind === 'skip' && !current.hasError) {
        current.hasError = true;
      } else {
        open(line.trim(), 'error');
      }
    } else if (current && FRAME.test(line)) {
      if (!current.frameKept && mentionsAny(line, options.files)) {
        current.frameKept = true;
        add(current, line.trim());
      }
    } else if (current && DETAIL.test(line)) {
      current.inDiff ||= /^\s*[-+]\s*(?:Expected|Received)\s*$/.test(line);
      add(current, line.trim());
    } else if (current?.inDiff && DIFF_LINE.test(line)) {
      add(current, line.trim());
    } else if (current?.kind === 'ts' && !previousBlank && !blank && TS_CONTINUATION.test(line)) {
      add(current, line.trim());
    } else if (current?.kind === 'ts' && !blank) {
      current = undefined;
    }
    previousBlank = blank;
  }

  const kept = withoutSummaries(groups);
  if (kept.length === 0) return { errors: fallbackTail(output), more: 0 };
  return {
    errors: kept.slice(0, maxErrors).map((group) => group.lines),
    more: Math.max(0, kept.length - maxErrors),
  };
}

/**
 * Drops what another group says better: "× adds > works 3ms" when a later head ("FAIL  src/a.test.ts >
 * adds > works") names the same test, and jest's bare "FAIL src/a.test.ts" when nothing followed it.
 */
function withoutSummaries(groups: readonly Group[]): Group[] {
  return groups.filter((group, index) => {
    const head = group.lines[0] ?? '';
    if (group.kind === 'test' && group.lines.length === 1 && BARE_FAIL.test(head)) return groups.length === 1;
    if (group.kind !== 'test' || !SUMMARY_MARK.test(head)) return true;
    const name = head
      .replace(SUMMARY_MARK, '')
      .replace(/\s*\(?\d+(?:\.\d+)?\s?m?s\)?$/, '')
      .trim();
    return !groups.slice(index + 1).some((later) => {
      const laterHead = later.lines[0] ?? '';
      return later.kind === 'test' && !SUMMARY_MARK.test(laterHead) && laterHead.includes(name);
    });
  });
}

function fallbackTail(output: string): string[][] {
  const tail: string[] = [];
  const lines = splitLines(output.length > 8192 ? output.slice(-8192) : output);
  for (let index = lines.length - 1; index >= 0 && tail.length < FALLBACK_TAIL_LINES; index--) {
    const line = cleanLine(lines[index] ?? '').trim();
    if (line !== '' && !NOISE.test(line) && !PASSING.test(line)) tail.unshift(line);
  }
  return tail.length === 0 ? [] : [tail];
}

/** A whole-path mention: "src/a.ts" in "(src/a.ts:3:1)" but not in "lib/src/a.tsx". */
function mentionsAny(line: string, files: readonly string[]): boolean {
  return files.some((file) => {
    for (let at = line.indexOf(file); at !== -1; at = line.indexOf(file, at + 1)) {
      const before = line[at - 1];
      const after = line[at + file.length];
      if ((before === undefined || !/[\w.-]/.test(before)) && (after === undefined || !/[\w.-]/.test(after))) return true;
    }
    return false;
  });
}
