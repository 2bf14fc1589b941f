// What a recipe's check gives when its output is read by a parser: typecheck diagnostics and
// test results by id. A baseline of these, taken on the source commit, is what every verdict of
// a run is measured against.

import type { VerifyResult } from './verify.js';

/** How a check's output is read; `exit-code` reads nothing but the exit status. */
export const CHECK_PARSERS = ['exit-code', 'tsc', 'jest', 'vitest', 'node-test', 'mocha'] as const;
export type CheckParser = (typeof CHECK_PARSERS)[number];

export const TEST_STATES = ['passed', 'failed', 'skipped', 'todo'] as const;
export type TestState = (typeof TEST_STATES)[number];

/**
 * One typecheck diagnostic. `file` is relative to the directory the check ran in ('' for a
 * diagnostic with no file, such as a missing type definition); `line` is kept for people, never
 * compared: a line shift is not a new error.
 */
export interface Diagnostic {
  readonly file: string;
  readonly code: string;
  readonly message: string;
  readonly line?: number;
}

/**
 * One test. `file` is relative to the directory the check ran in, '/'-separated; `name` is the
 * describe titles and the test title joined with ' > ' (mocha: its full title).
 */
export interface TestOutcome {
  readonly file: string;
  readonly name: string;
  readonly state: TestState;
  /** Assertions counted by the runner, where it counts them (Jest and Vitest do not by default). */
  readonly assertions?: number;
}

/** What a parser read from one run of a check. */
export interface ParsedCheck {
  readonly diagnostics?: readonly Diagnostic[];
  readonly tests?: readonly TestOutcome[];
}

/**
 * Output handed to a parser: the whole stdout (and stderr) of the command, the text of the
 * `{report}` file the command wrote (when it wrote one), and the directory it ran in, so that
 * absolute paths in the output can be made relative.
 */
export interface CheckOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly report?: string;
  readonly cwd: string;
  /**
   * `cwd` with its symlinks resolved, when that differs: runners print real paths (Jest and Vitest
   * print /private/tmp/x for /tmp/x), so a path under either one is relative. Computed by the
   * caller, which keeps the parsers pure.
   */
  readonly cwdReal?: string;
  readonly exitCode: number | null;
}

/** A parser's answer: what it read, or why it could not read anything (the verdict then falls back to the exit status). */
export type ParseResult = { readonly ok: true; readonly parsed: ParsedCheck } | { readonly ok: false; readonly reason: string };

/** One check run for a verdict: over one directory, its chunks merged. */
export interface CheckRun {
  /** Its place in the recipe's `verify` list. */
  readonly index: number;
  /** The check's `run` as the recipe writes it, also in the baseline: how a run finds its baseline. */
  readonly key: string;
  readonly parser: CheckParser;
  /** Worst status of its chunks, their summed time, the tail of the worst one. */
  readonly result: VerifyResult;
  readonly parsed?: ParsedCheck;
  /** Why the output could not be read; the verdict then compares exit statuses only. */
  readonly parseError?: string;
  /** The files `{files}` stood for: tests outside them are not expected in this run. Absent: the whole project. */
  readonly files?: readonly string[];
}

/** The checks run once on the source commit: the reference for every verdict of the run. */
export interface Baseline {
  readonly commit: string;
  readonly takenAt: string;
  readonly durationMs: number;
  readonly checks: readonly CheckRun[];
  /**
   * The checks that read diagnostics, run again on the run's base commit (setup's) with setup's
   * install: what a step's verdict does not charge to the step in library files (stepReference).
   */
  readonly base?: { readonly commit: string; readonly checks: readonly CheckRun[] };
}
