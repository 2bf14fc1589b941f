// Pure: which failures are worth another request, and how long to wait before it.

export interface BackoffOptions {
  /** Delay before the first retry; doubles on each later one. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: Omit<BackoffOptions, 'maxRetryAfterMs'> = { baseDelayMs: 500, maxDelayMs: 30_000 };

/** 408 and 429 mean "later"; 5xx are the server's own trouble. Other 4xx will not change on retry. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** A 400/422 that names response_format or json_schema: the server does not do structured output. */
export function rejectsJsonSchema(status: number, message: string): boolean {
  return (status === 400 || status === 422) && /response_format|json_schema/i.test(message);
}

/**
 * Milliseconds that Retry-After (or OpenAI's retry-after-ms) asks for, from seconds or an HTTP
 * date; undefined when absent or unreadable.
 */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined, nowMs: number): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * The wait before retry number `retry` (0-based). A server's Retry-After wins but is capped; else
 * exponential backoff with equal jitter, so that parallel steps do not retry in lockstep.
 */
export function retryDelayMs(retry: number, requestedMs: number | undefined, options: BackoffOptions, random: number): number {
  if (requestedMs !== undefined) return Math.min(requestedMs, options.maxRetryAfterMs);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
