// The run state document and the events that change it. src/state holds the pure reducer over
// these events and the store that keeps them in .git/codemigrate/<run>/ (state.json, events.jsonl).
// Refs and commit trailers are the truth; this document is a cache that resume reconciles.

import type { CheckParser, TestState } from './checks.js';
import type { JscodeshiftUsed, Leftover, TransformOutput } from './codemod.js';
import type { FileDiffStat } from './git.js';
import type { Plan, StepId } from './plan.js';
import type { RepoPath } from './paths.js';
import type { Isolation } from './recipe.js';
import type { VerifyResult, VerifyStatus } from './verify.js';

export const STATE_VERSION = 1;

export const STEP_STATUSES = [
  'pending',
  'running',
  'succeeded',
  'unchanged',
  'failed',
  'skipped',
  'needs-model',
  'budget-exhausted',
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** Statuses a finished run can leave a step in that count as success for the exit code. */
export const SUCCESS_STATUSES: readonly StepStatus[] = ['succeeded', 'unchanged'];

export const REVIEW_DECISIONS = ['accepted', 'rejected'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export interface CodemodSummary {
  readonly codemod: string;
  readonly modified: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly errors: number;
  readonly durationMs: number;
  /** Files whose outcome came from the codemod result cache instead of a run (absent: none). */
  readonly cached?: number;
  /** jscodeshift codemods: which jscodeshift ran the transform (absent in runs recorded before it was kept). */
  readonly jscodeshift?: JscodeshiftUsed;
  /** What the transform printed, per file (at most MAX_OUTPUT_FILES files); `review` shows it. */
  readonly output?: readonly TransformOutput[];
}

/** Files whose transform output a step keeps, per codemod. */
export const MAX_OUTPUT_FILES = 20;

export interface TokenUsage {
  readonly prompt: number;
  readonly completion: number;
}

interface OutcomeCommon {
  readonly durationMs: number;
  readonly codemods: readonly CodemodSummary[];
  readonly reports: readonly Leftover[];
}

export type StepOutcome =
  | (OutcomeCommon & {
      readonly status: 'succeeded';
      readonly commit: string;
      readonly tree: string;
      readonly stats: readonly FileDiffStat[];
      readonly verify: readonly VerifyResult[];
      /** Who made the step's commits when a person finished it (the human rung), `Name <email>` each. */
      readonly finishedBy?: readonly string[];
    })
  | (OutcomeCommon & { readonly status: 'unchanged' })
  | (OutcomeCommon & {
      readonly status: 'failed' | 'needs-model' | 'budget-exhausted';
      /** One line: what went wrong, naming the file where there is one. */
      readonly reason: string;
      /** What regressed against the baseline, one line each (a bounded list). */
      readonly regressions?: readonly string[];
      /** The commit object of the attempt (no ref points to it), for review's diff. */
      readonly commit?: string;
      readonly stats: readonly FileDiffStat[];
      readonly verify: readonly VerifyResult[];
    })
  | { readonly status: 'skipped'; readonly reason: string; readonly durationMs: number };

export interface StepState {
  readonly id: StepId;
  readonly module: string;
  readonly files: readonly RepoPath[];
  readonly dependsOn: readonly StepId[];
  readonly status: StepStatus;
  /** Attempts started so far (a retry or a resume starts a new one). */
  readonly attempts: number;
  readonly outcome?: StepOutcome;
  readonly review?: ReviewDecision;
  readonly tokens: TokenUsage;
  /** The recipe version (RecipeRecord.hash) the step's outcome was made with. */
  readonly recipeHash?: string;
}

export interface RecipeRecord {
  readonly id: string;
  readonly file: string;
  /** The recipe's identity hash; in runs started before identities existed, its file's sha256. */
  readonly hash: string;
  /** Each part's hash (src/config/recipe-identity.ts); absent in runs started before identities existed. */
  readonly parts?: Readonly<Record<string, string>>;
}

export interface SetupState {
  /**
   * 'failed': setup's install failed, or a setup report stopped the run (`stop: true`), so no base
   * was written; resume computes setup again.
   */
  readonly status: 'pending' | 'done' | 'failed';
  readonly codemods: readonly CodemodSummary[];
  readonly reports: readonly Leftover[];
  readonly stats: readonly FileDiffStat[];
  /**
   * Why setup failed, in one line; for a failed install, its result (whose output tail starts with
   * that line). Without `install`, setup's reports stopped the run: `reports` holds them.
   */
  readonly failure?: { readonly reason: string; readonly install?: VerifyResult };
}

export const LAND_VERDICTS = ['passed', 'regressed'] as const;
export type LandVerdict = (typeof LAND_VERDICTS)[number];

export interface LandState {
  readonly commit: string;
  readonly landed: readonly StepId[];
  readonly conflicts: readonly StepId[];
  readonly verify: readonly VerifyResult[];
  /** Absent in runs landed before verdicts existed. */
  readonly verdict?: LandVerdict;
  readonly regressions?: readonly string[];
  readonly regressionCount?: number;
  readonly at: string;
}

/** One check of the baseline, as state.json keeps it (the full results are in baseline.json). */
export interface BaselineCheckSummary {
  readonly command: string;
  readonly parser: CheckParser;
  readonly status: VerifyStatus;
  readonly exitCode: number | null;
  readonly durationMs: number;
  readonly diagnostics?: number;
  readonly tests?: Readonly<Partial<Record<TestState, number>>>;
  /** The first tests that failed there (`file > name`, at most BASELINE_FAILING_SHOWN): no step is judged on them. */
  readonly failing?: readonly string[];
  readonly parseError?: string;
}

/** How many failing tests a baseline summary names; `tests.failed` counts them all. */
export const BASELINE_FAILING_SHOWN = 5;

export interface BaselineSummary {
  readonly commit: string;
  readonly durationMs: number;
  readonly checks: readonly BaselineCheckSummary[];
}

export interface RunState {
  readonly version: typeof STATE_VERSION;
  readonly runId: string;
  readonly prefix: string;
  /** The recipe version the run goes on with: the one it started with, or one `resume --accept-recipe-change` took. */
  readonly recipe: RecipeRecord;
  readonly sourceCommit: string;
  readonly isolation: Isolation;
  /** `<prefix>/<run>/base`: the source commit plus setup edits (set once setup is done). */
  readonly baseCommit?: string;
  readonly setup: SetupState;
  readonly steps: readonly StepState[];
  readonly land?: LandState;
  /** The checks on the source commit that verdicts compare with (see baseline.json beside state.json). */
  readonly baseline?: BaselineSummary;
  /** `--only GLOB` of the run: its plan holds only the steps the glob selected. */
  readonly only?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Every event carries its own timestamp (ISO) so that the reducer stays pure. */
export type RunEvent =
  | {
      readonly type: 'run-planned';
      readonly at: string;
      readonly runId: string;
      readonly prefix: string;
      readonly recipe: RecipeRecord;
      readonly plan: Plan;
      /** The --only glob the plan was selected with (the base commit carries it as a trailer). */
      readonly only?: string;
    }
  /**
   * Setup failed, so nothing was committed: its install failed (`install`), or a setup codemod's
   * report said the run cannot go on (`reports`: setup's reports, the stopping ones marked `stop`).
   */
  | { readonly type: 'setup-failed'; readonly at: string; readonly reason: string; readonly install?: VerifyResult; readonly reports?: readonly Leftover[] }
  | {
      readonly type: 'setup-finished';
      readonly at: string;
      readonly baseCommit: string;
      readonly codemods: readonly CodemodSummary[];
      readonly reports: readonly Leftover[];
      readonly stats: readonly FileDiffStat[];
    }
  | { readonly type: 'baseline-recorded'; readonly at: string; readonly baseline: BaselineSummary }
  | { readonly type: 'step-started'; readonly at: string; readonly step: StepId; readonly attempt: number }
  | {
      readonly type: 'step-finished';
      readonly at: string;
      readonly step: StepId;
      /** Must equal the step's current attempt; a late event for an older attempt is refused. */
      readonly attempt: number;
      readonly outcome: StepOutcome;
      readonly tokens?: TokenUsage;
    }
  | {
      /** Resume found the step's ref: the refs are the truth. */
      readonly type: 'step-reconciled';
      readonly at: string;
      readonly step: StepId;
      readonly commit: string;
      readonly tree: string;
      readonly attempts: number;
      readonly stats: readonly FileDiffStat[];
      /** From the commit's Codemigrate-Finished-By trailer: a person finished the step. */
      readonly finishedBy?: readonly string[];
      /** From the commit's Codemigrate-Recipe-Hash trailer: the recipe version the step was made with. */
      readonly recipeHash?: string;
    }
  | { readonly type: 'step-reset'; readonly at: string; readonly step: StepId; readonly reason: string }
  /** `resume --accept-recipe-change`: the run goes on with this version; `changed` names the parts that differ. */
  | { readonly type: 'recipe-accepted'; readonly at: string; readonly recipe: RecipeRecord; readonly changed: readonly string[] }
  | { readonly type: 'step-reviewed'; readonly at: string; readonly step: StepId; readonly decision: ReviewDecision }
  | {
      readonly type: 'run-landed';
      readonly at: string;
      readonly commit: string;
      readonly landed: readonly StepId[];
      readonly conflicts: readonly StepId[];
      readonly verify: readonly VerifyResult[];
      readonly verdict?: LandVerdict;
      readonly regressions?: readonly string[];
      readonly regressionCount?: number;
    };

export type RunEventType = RunEvent['type'];
