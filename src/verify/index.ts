// The verify adapter: run a recipe's commands with timeouts in a given directory.

export { DEFAULT_SECRET_NAMES, expandCommand, shellQuote, verifyEnvironment } from './expand.js';
export { KILL_GRACE_MS, runVerify, type VerifyContext } from './run-verify.js';
