// Pure: reads a check's output with the parser the recipe names for it.

import type { CheckOutput, CheckParser, ParseResult } from '../../core/checks.js';
import { parseJest } from './jest.js';
import { parseMocha } from './mocha.js';
import { parseNodeTest } from './node-test.js';
import { parseTsc } from './tsc.js';
import { parseVitest } from './vitest.js';

const PARSERS: Record<Exclude<CheckParser, 'exit-code'>, (output: CheckOutput) => ParseResult> = {
  tsc: parseTsc,
  jest: parseJest,
  vitest: parseVitest,
  'node-test': parseNodeTest,
  mocha: parseMocha,
};

/**
 * What `parser` reads from one run of a check. `exit-code` reads nothing. A check that was killed
 * (no exit code: a timeout) printed part of its output at most, which is not read: a partial list
 * of tests or diagnostics would pass for a whole one.
 */
export function parseCheckOutput(parser: CheckParser, output: CheckOutput): ParseResult {
  if (parser === 'exit-code') return { ok: true, parsed: {} };
  if (output.exitCode === null) return { ok: false, reason: 'the check was stopped before it exited: its output is partial' };
  return PARSERS[parser](output);
}

export { FILE_FAILED_TO_LOAD } from './jest.js';
