// Pure: reads `tsc --pretty false` output (stdout, then stderr) into diagnostics.

import type { CheckOutput, Diagnostic, ParseResult } from '../../core/checks.js';
import { relativePath, relativePathsInText } from './paths.js';

/** `src/a.ts(12,5): error TS2322: Type 'string' is not assignable to type 'number'.` */
const FILE_DIAGNOSTIC = /^(.+)\((\d+),(\d+)\): error (TS\d+): (.*)$/;
/** `error TS2688: Cannot find type definition file for 'node'.`: about the program, no file. */
const GLOBAL_DIAGNOSTIC = /^error (TS\d+): (.*)$/;

interface Draft {
  file: string;
  code: string;
  line?: number;
  lines: string[];
}

/** The first non-empty lines of the output, for a reason. */
function headOf(output: CheckOutput): string {
  const lines = `${output.stdout}\n${output.stderr}`.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.length === 0 ? 'no output' : lines.slice(0, 3).join(' | ').slice(0, 300);
}

/**
 * Diagnostics as tsc prints them without `--pretty`: one line each, then the indented lines of
 * its message chain, which join the message with '\n' as printed. Paths under the check
 * directory, in `file` and inside messages, are made relative so that the same error reads the
 * same from any checkout; messages carry no line numbers, so a line shift does not change them.
 */
export function parseTsc(output: CheckOutput): ParseResult {
  const drafts: Draft[] = [];
  let current: Draft | undefined;
  for (const raw of `${output.stdout}\n${output.stderr}`.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const inFile = FILE_DIAGNOSTIC.exec(line);
    const global = inFile === null ? GLOBAL_DIAGNOSTIC.exec(line) : null;
    if (inFile !== null) {
      const [, path = '', lineNumber = '0', , code = '', message = ''] = inFile;
      current = { file: relativePath(path.replaceAll('\\', '/'), output), code, line: Number(lineNumber), lines: [message] };
      drafts.push(current);
    } else if (global !== null) {
      const [, code = '', message = ''] = global;
      current = { file: '', code, lines: [message] };
      drafts.push(current);
    } else if (current !== undefined && /^\s+\S/.test(line)) {
      current.lines.push(line);
    } else {
      current = undefined;
    }
  }
  if (drafts.length === 0 && output.exitCode !== 0) {
    return { ok: false, reason: `tsc exited with ${String(output.exitCode)} and printed no diagnostic: ${headOf(output)}` };
  }
  const diagnostics = drafts.map((draft): Diagnostic => {
    const message = relativePathsInText(draft.lines.join('\n'), output);
    return draft.line === undefined ? { file: draft.file, code: draft.code, message } : { file: draft.file, code: draft.code, message, line: draft.line };
  });
  return { ok: true, parsed: { diagnostics } };
}
