// The verify adapter: run a recipe's commands with timeouts in a given directory.

export { chunkLists, DEFAULT_SECRET_NAMES, expandCheck, expandCommand, shellQuote, shownCommand, verifyEnvironment } from './expand.js';
export { KILL_GRACE_MS, runVerify, type VerifyContext } from './run-verify.js';
export { runChecks, type CheckPhase, type ChecksContext } from './run-checks.js';
export { describeFlaky, describeRegressions, judgeChecks, judgeChecksWithCopies, mayBeFlaky, settleFlaky, stepReference, summarizeVerdict, type Regression, type Verdict } from './verdict.js';
export { CHECK_CACHE_STORE } from './check-cache.js';
export { closeKept } from './kept-checks.js';
export { judgeRuns, type JudgedRuns } from './judge-runs.js';
