// What a step tried and how it went, as the compacted plan reads it. The runner records one
// AttemptRecord per attempt; src/compact condenses a step's records and the run's lessons into
// bounded text for the model (and for `codemigrate status --compact`).

import type { StepId } from './plan.js';

export const ATTEMPT_RESULTS = [
  'succeeded', // verified and committed
  'verify-failed', // edits applied, a verify command failed
  'rejected', // the model's reply was refused (bad patch, path outside the step, truncated…)
  'codemod-failed', // a codemod threw on a file
  'transport-failed', // the model could not be reached (after retries)
] as const;
export type AttemptResult = (typeof ATTEMPT_RESULTS)[number];

export interface AttemptRecord {
  readonly attempt: number;
  /** Who produced the edits of this attempt. */
  readonly by: 'codemods' | 'model' | 'person';
  readonly result: AttemptResult;
  /** One line: why it failed, or what passed. */
  readonly reason: string;
  /** Paths the attempt changed, with +/- line counts. */
  readonly changed: readonly { readonly path: string; readonly added: number; readonly removed: number }[];
  /** A short unified diff of what the attempt changed (may be cut). */
  readonly diff?: string;
  /** Tail of the failing verify command's output. */
  readonly verifyOutput?: string;
  /** The model's own notes from its reply. */
  readonly notes?: string;
}

/** A fix that made another step of the same run pass, or an error that keeps coming back. */
export interface RunLesson {
  readonly step: StepId;
  readonly kind: 'fix-that-worked' | 'recurring-error';
  /** For fix-that-worked: the error it fixed and a short diff of the fix. For recurring-error: the error. */
  readonly text: string;
}
