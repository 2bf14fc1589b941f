// What a use-case tells the person running it while it works. The CLI renders these events as a
// live TTY display, plain lines, or NDJSON; tests collect them.

import type { ProgressEvent } from '../runner/context.js';
import type { Leftover } from '../core/codemod.js';
import type { StepStatus } from '../core/state.js';

export type AppEvent =
  | ProgressEvent
  | { readonly type: 'notice'; readonly message: string }
  | {
      readonly type: 'run-started';
      readonly runId: string;
      readonly recipe: string;
      readonly sourceCommit: string;
      readonly steps: number;
      readonly toRun: number;
      readonly dryRun: boolean;
      readonly resumed: boolean;
    }
  | {
      readonly type: 'setup-finished';
      readonly baseCommit: string;
      readonly branch: string;
      readonly files: number;
      /** What the setup codemods reported: nothing acts on it (no model step runs for setup), so it is shown. */
      readonly reports: readonly Leftover[];
      /** Lockfiles setup's install wrote, committed into the base with setup's changes (counted in `files`). */
      readonly lockfiles?: readonly string[];
    }
  /**
   * No base was written. `install`: setup's install failed, and `reason` names the command and how
   * it ended; `report`: a setup codemod reported that the run cannot go on (`stop: true`), and
   * `reason` names the codemod, the file and its message. A dry run says what a run would do.
   */
  | { readonly type: 'setup-failed'; readonly runId: string; readonly reason: string; readonly cause: 'install' | 'report'; readonly dryRun?: true }
  | {
      /** A dry run's verdict for setup (step "base") or for one step, with its diff and leftovers. */
      readonly type: 'step-diff';
      readonly step: string;
      readonly module: string;
      readonly status: StepStatus;
      readonly patch: string;
      readonly reason?: string;
      /** What the codemods reported, as a run would record it. */
      readonly reports: readonly Leftover[];
      /** On a step that would be verified and committed: a dry run runs no verify command. */
      readonly verified?: false;
    }
  | {
      readonly type: 'run-finished';
      readonly runId: string;
      readonly exitCode: number;
      readonly counts: Readonly<Partial<Record<StepStatus, number>>>;
      readonly branchGlob?: string;
      readonly dryRun: boolean;
      /** SIGINT or SIGTERM ended the run early (exit 130): the steps it did not finish are pending. */
      readonly interrupted?: true;
    };

export interface AppOutput {
  emit(event: AppEvent): void;
}

export const silentOutput: AppOutput = { emit() {} };
