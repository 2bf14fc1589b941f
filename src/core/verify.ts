// What a verify command run gives back. Output is cut to its tail: what review shows.

export const VERIFY_STATUSES = ['passed', 'failed', 'timed-out', 'error'] as const;
export type VerifyStatus = (typeof VERIFY_STATUSES)[number];

export interface VerifyResult {
  /** The command after {files}/{module} expansion. */
  readonly command: string;
  readonly status: VerifyStatus;
  readonly exitCode: number | null;
  readonly durationMs: number;
  /** The last lines of stdout+stderr interleaved, at most VERIFY_TAIL_BYTES. */
  readonly outputTail: string;
}

export const VERIFY_TAIL_BYTES = 16 * 1024;
