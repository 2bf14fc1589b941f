// Pure: error text normalised so that one failure seen in several attempts (or several steps)
// gets one signature, whatever its colours, timings, scratch paths, hex ids and counters.

/** Longer lines are cut before any regex sees them: keeps every pass linear in the input. */
export const MAX_LINE_CHARS = 240;

const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
// <anything>/.git/codemigrate/<run>/worktrees/<slot>/ → "" so that a path reads repo-relative.
const WORKTREE = /(?:[A-Za-z]:)?[^\s'"`()<>]*?[\\/]\.git[\\/]codemigrate[\\/][^\s\\/]+[\\/](?:worktrees[\\/][^\s\\/]+[\\/]?)?/g;
const TEMP =
  /(?<![\w./-])(?:(?:\/private)?\/var\/folders\/[^\s/]+\/[^\s/]+\/T\/[^\s/]+|\/tmp\/[^\s/]+|[A-Za-z]:\\Users\\[^\s\\]+\\AppData\\Local\\Temp\\[^\s\\]+)/g;
const TIMING = /\b\d+(?:\.\d+)?\s?(?:ms|s|secs?|seconds?|m|mins?|µs|us|ns)\b/g;
const HEX = /\b0x[0-9a-f]+\b|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi;
const NUMBER = /\b\d+(?:\.\d+)*\b/g;
const PATH_LIKE = /(?:[\w.@-]+\/)+[\w.@-]+|\b[\w.-]+\.(?:[cm]?[jt]sx?|json|vue|svelte)\b/g;
const ERROR_CODE = /\bTS\d{4,5}\b|\b[A-Z][A-Za-z]*Error\b|\bERR_[A-Z0-9_]+\b/g;

/** Lines as a terminal shows them: CRLF ends a line; a bare CR (progress redraw) keeps the last text. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => {
    const redraw = line.lastIndexOf('\r');
    return redraw === -1 ? line : line.slice(redraw + 1);
  });
}

export function capLine(line: string, max = MAX_LINE_CHARS): string {
  return line.length <= max ? line : `${line.slice(0, Math.max(0, max - 1))}…`;
}

/** For display: no colours, repo-relative paths instead of scratch-worktree ones, bounded length. */
export function cleanLine(line: string): string {
  let text = line.length > 4 * MAX_LINE_CHARS ? line.slice(0, 4 * MAX_LINE_CHARS) : line;
  // The includes() checks skip regexes that cannot match: verify outputs run to megabytes.
  if (text.includes('\u001b')) text = text.replace(ANSI, '');
  text = text.replace(CONTROL, '');
  if (text.includes('codemigrate')) text = text.replace(WORKTREE, '');
  if (text.includes('file://')) text = text.replace(/file:\/\//g, '');
  if (/tmp|Temp|folders/.test(text)) text = text.replace(TEMP, '<tmp>');
  return capLine(text.trimEnd());
}

/** For comparison: also without timings, hex ids and numbers (line numbers, counters, pids). */
export function normalizeLine(line: string): string {
  return cleanLine(line)
    .replace(TIMING, '<t>')
    .replace(HEX, '<hex>')
    .replace(NUMBER, '<n>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Equal for two texts that differ only in colours, timings, temp or worktree paths, hex ids, numbers. */
export function errorSignature(text: string): string {
  return splitLines(text)
    .map(normalizeLine)
    .filter((line) => line !== '')
    .join('\n');
}

/** A line's signature with file paths left out: the same error in another step's files matches. */
export function crossStepKey(line: string): string {
  return normalizeLine(line).replace(PATH_LIKE, '<path>');
}

/** Error codes and error class names in a text (TS2345, TypeError, ERR_ASSERTION), sorted, unique. */
export function errorCodes(text: string): string[] {
  return [...new Set(text.match(ERROR_CODE) ?? [])].sort();
}
