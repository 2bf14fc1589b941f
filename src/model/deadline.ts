// Deadlines for one HTTP attempt, and an abortable sleep. The openai SDK's own timeout stops
// counting once headers arrive, so the whole-call and idle deadlines are ours, through one
// AbortSignal that also follows the caller's signal.

export const ABORT_CAUSES = ['outer', 'deadline', 'idle'] as const;
export type AbortCause = (typeof ABORT_CAUSES)[number];

export interface AttemptDeadline {
  readonly signal: AbortSignal;
  /** Bytes arrived: push the idle deadline back. */
  touch(): void;
  /** Why the signal fired, if it did. */
  cause(): AbortCause | undefined;
  dispose(): void;
}

export function startAttemptDeadline(totalMs: number, idleMs: number, outer?: AbortSignal): AttemptDeadline {
  const controller = new AbortController();
  let cause: AbortCause | undefined;
  const abort = (why: AbortCause): void => {
    if (cause !== undefined) return;
    cause = why;
    controller.abort(new Error(`attempt aborted: ${why}`));
  };
  const onOuter = (): void => abort('outer');
  if (outer?.aborted) abort('outer');
  outer?.addEventListener('abort', onOuter, { once: true });
  const total = setTimeout(() => abort('deadline'), totalMs);
  let idle = setTimeout(() => abort('idle'), idleMs);
  return {
    signal: controller.signal,
    touch: () => {
      clearTimeout(idle);
      if (cause === undefined) idle = setTimeout(() => abort('idle'), idleMs);
    },
    cause: () => cause,
    dispose: () => {
      clearTimeout(total);
      clearTimeout(idle);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts (a Retry-After wait must not outlive Ctrl-C). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
