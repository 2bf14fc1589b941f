// What the runner needs from the outside world, passed in by src/app. Nothing here picks an
// adapter: tests and the app give real ones (temp repos, the local model server).

import type { CodemodEngine } from '../core/codemod.js';
import type { AttemptRecord, RunLesson } from '../core/history.js';
import type { ModelClient } from '../core/model.js';
import type { ScopeLimits } from '../model/scope-request.js';
import type { GitPort } from '../core/git.js';
import type { TreeFiles } from '../edits/tree-files.js';
import type { StepId } from '../core/plan.js';
import type { Baseline, CheckRun } from '../core/checks.js';
import type { CheckCommand, Recipe } from '../core/recipe.js';
import type { ChecksContext } from '../verify/run-checks.js';
import type { Sandbox } from '../verify/sandbox.js';
import type { StepFormat } from '../edits/format.js';
import type { CodemodSummary, RunEvent, RunState, StepStatus } from '../core/state.js';
import type { BaselineEvent } from './baseline.js';
import type { InstallEvent } from './dependency-install.js';
import type { StepHistory } from './step-history.js';
import type { TokenBudget } from '../core/budget.js';
import type { WorktreePool } from './worktree-pool.js';

/** Runs checks in a directory and reads their output (src/verify runChecks). */
export type RunChecks = (commands: readonly CheckCommand[], ctx: ChecksContext) => Promise<CheckRun[]>;

/** Progress as the runner reports it; the CLI renders it (TTY bar, plain lines or NDJSON). */
export type ProgressEvent =
  | InstallEvent
  | { readonly type: 'notice'; readonly message: string }
  | BaselineEvent
  | { readonly type: 'step-started'; readonly step: StepId; readonly attempt: number; readonly module: string }
  | {
      readonly type: 'step-finished';
      readonly step: StepId;
      readonly attempt: number;
      readonly status: StepStatus;
      readonly files: number;
      readonly added: number;
      readonly removed: number;
      readonly durationMs: number;
      /** What the codemods reported and left for a model or a person. */
      readonly leftovers: number;
      /** Each codemod's counts and, for jscodeshift, which jscodeshift ran it (what it printed is in `review`). */
      readonly codemods?: readonly Omit<CodemodSummary, 'output'>[];
      readonly reason?: string;
      readonly branch?: string;
      /** Set when a person finished the step by hand: who made its commits. */
      readonly finishedBy?: readonly string[];
    };

export interface RunnerContext {
  readonly git: GitPort;
  /** The files of a commit (cached: independent steps all read the same base tree). */
  readonly readTree: (commit: string) => Promise<TreeFiles>;
  readonly engine: CodemodEngine;
  readonly recipe: Recipe;
  readonly runId: string;
  readonly prefix: string;
  readonly verify: readonly CheckCommand[];
  readonly runChecks: RunChecks;
  /** What every verdict compares with; absent: every check must pass. */
  readonly baseline?: Baseline;
  readonly verifyEnv: NodeJS.ProcessEnv;
  /** Where verify runs (model-written code among it). */
  readonly sandbox?: Sandbox;
  /** The run's store of check caches (`{cache}`), which each step's checks start from a copy of. */
  readonly checkCache?: string;
  readonly worktrees: WorktreePool;
  readonly concurrency: number;
  readonly signal: AbortSignal;
  /** Appends an event to the run's store and returns the new state. */
  readonly record: (event: RunEvent) => Promise<RunState>;
  readonly progress: (event: ProgressEvent) => void;
  readonly now: () => string;
  /** Absent when no model is configured: steps that need one end "needs-model". */
  readonly model?: ModelClient;
  /** Attempts per step each time it runs (the codemod attempt counts as the first). */
  readonly maxAttempts: number;
  readonly budget: TokenBudget;
  readonly neverSend: (path: string) => boolean;
  /** How much of the step's files a request shows (model.maxFileBytes, maxRequestBytes). */
  readonly requestScope?: ScopeLimits;
  readonly history: StepHistory;
  /** The recipe's `format` hook over the files a step changed; absent: the texts go as edited. */
  readonly format?: StepFormat;
  /** The compacted plan of a step: its attempts and the run's lessons, bounded. */
  readonly compact: (input: {
    step: { id: string; module: string; files: readonly string[] };
    attempts: readonly AttemptRecord[];
    lessons: readonly RunLesson[];
  }) => string;
}
