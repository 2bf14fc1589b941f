// The checks of one tree, judged: once, and once more when every regression is a failed test
// (mayBeFlaky / settleFlaky). Shared by a step's verify and land's, which differ only in where
// and over what the checks run and what they are judged against.

import type { CheckRun } from '../core/checks.js';
import { describeFlaky, mayBeFlaky, settleFlaky, type Verdict } from './verdict.js';

export interface JudgedRuns {
  /** The runs the verdict rests on: the second ones when there were two. */
  readonly runs: readonly CheckRun[];
  readonly judged: Verdict;
  /** The line naming the tests let through as flaky, when there are any. */
  readonly flaky?: string;
}

export async function judgeRuns(check: () => Promise<readonly CheckRun[]>, judge: (runs: readonly CheckRun[]) => Promise<Verdict>, signal?: AbortSignal): Promise<JudgedRuns> {
  const runs = await check();
  const judged = await judge(runs);
  if (!mayBeFlaky(judged)) return { runs, judged };
  // Only failed tests: once more on the same tree, and a test charged only if it fails both times.
  signal?.throwIfAborted();
  const again = await check();
  const settled = settleFlaky(judged, await judge(again));
  return { runs: again, judged: settled, ...(settled.flaky.length > 0 && { flaky: describeFlaky(settled.flaky) }) };
}
