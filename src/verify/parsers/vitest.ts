// Pure: reads Vitest's `--reporter=json` report (the `{report}` file, else the JSON on stdout)
// into test outcomes. Its JSON is Jest's shape, so jest.ts reads it.

import type { CheckOutput, ParseResult } from '../../core/checks.js';
import { parseJestShapedReport } from './jest.js';

/** Vitest's `--reporter=json` report (`--outputFile` or stdout). */
export function parseVitest(output: CheckOutput): ParseResult {
  return parseJestShapedReport(output, 'Vitest');
}
