import { describe, expect, it } from 'vitest';
import { isRetryableStatus, rejectsJsonSchema, retryAfterMs, retryDelayMs } from './retry-policy.js';

const headers = (values: Record<string, string>) => new Headers(values);
const options = { baseDelayMs: 500, maxDelayMs: 4000, maxRetryAfterMs: 10_000 };

describe('retry policy', () => {
  it('retries 408, 429 and 5xx only', () => {
    expect([400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503].filter(isRetryableStatus)).toEqual([408, 429, 500, 502, 503]);
  });

  it('recognises a server that refuses json_schema', () => {
    expect(rejectsJsonSchema(400, "response_format of type 'json_schema' is not supported")).toBe(true);
    expect(rejectsJsonSchema(422, 'Unsupported: response_format')).toBe(true);
    expect(rejectsJsonSchema(400, 'model not found')).toBe(false);
    expect(rejectsJsonSchema(500, 'json_schema crashed')).toBe(false);
  });

  it('reads Retry-After as seconds, as an HTTP date, and retry-after-ms first', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(retryAfterMs(headers({ 'retry-after': 'Tue, 01 Jan 2030 00:00:07 GMT' }), now)).toBe(7000);
    expect(retryAfterMs(headers({ 'retry-after': '3', 'retry-after-ms': '250' }), now)).toBe(250);
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });

  it('caps a requested wait and backs off exponentially with jitter otherwise', () => {
    expect(retryDelayMs(0, 3_600_000, options, 0.5)).toBe(10_000);
    expect(retryDelayMs(0, 2000, options, 0.5)).toBe(2000);
    expect([0, 1, 2, 3, 4].map((retry) => retryDelayMs(retry, undefined, options, 0))).toEqual([250, 500, 1000, 2000, 2000]);
    expect(retryDelayMs(1, undefined, options, 0.999)).toBe(1000);
  });
});
