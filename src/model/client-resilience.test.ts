import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer, type Script } from '../../test/model-server/server.js';
import { TEST_API_KEY, TEST_ENV, testModelConfig } from '../../test/model-server/test-config.js';
import { CodemigrateError } from '../core/errors.js';
import type { ModelConfig } from '../core/recipe.js';
import { createModelClient } from './client.js';
import type { ModelCallResult, RequestEditsInput } from './types.js';

const INPUT: RequestEditsInput = {
  files: [{ path: 'src/a.ts', text: 'export const a = 1;\n' }],
  instructions: 'Do the thing.',
  history: '',
};
const OK = { kind: 'edits', edits: [] } as const;
// Backoff jitter pinned to its middle, so that waits are exact values to compare.
const OPTIONS = { baseDelayMs: 20, maxDelayMs: 200, random: () => 0.5 };

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function call(script: Script, overrides: Partial<ModelConfig> = {}, signal?: AbortSignal): Promise<ModelCallResult> {
  server = await startModelServer(script);
  const client = createModelClient(testModelConfig(server.baseURL, overrides), TEST_ENV, OPTIONS);
  const result = await client.requestEdits(signal ? { ...INPUT, signal } : INPUT);
  expect(result.transcript.attempts).toHaveLength(server.requests.length);
  expect(JSON.stringify(result)).not.toContain(TEST_API_KEY);
  return result;
}

describe('retries', () => {
  it('honours Retry-After but caps the wait at maxRetryAfterSeconds', async () => {
    const result = await call([{ kind: 'status', status: 429, headers: { 'retry-after': '3600' } }, OK], {
      maxRetryAfterSeconds: 0.3,
    });
    expect(result.status).toBe('ok');
    expect(result.transcript.attempts).toMatchObject([{ status: 429, waitMs: 300 }, { status: 200 }]);
  });

  it('retries a 500 with backoff and then succeeds', async () => {
    const result = await call([{ kind: 'status', status: 500 }, { kind: 'status', status: 503 }, OK]);
    expect(result.status).toBe('ok');
    // Equal jitter at 0.5: 3/4 of 20 ms, then of 40 ms.
    expect(result.transcript.attempts).toMatchObject([{ status: 500, waitMs: 15 }, { status: 503, waitMs: 30 }, { status: 200 }]);
  });

  it('gives up after maxRetries with the last error', async () => {
    const result = await call(Array(3).fill({ kind: 'status', status: 503, message: 'overloaded' }), { maxRetries: 2 });
    expect(result).toMatchObject({ status: 'rejected', reason: 'HTTP 503: overloaded (gave up after 3 attempts)' });
  });

  it('retries a reset connection', async () => {
    const result = await call([{ kind: 'reset' }, OK]);
    expect(result.status).toBe('ok');
    expect(result.transcript.attempts[0]?.error).toMatch(/^network error: /);
    expect(result.transcript.attempts[0]).not.toHaveProperty('status');
  });


  it('retries a connection cut in the middle of the body', async () => {
    const result = await call([{ kind: 'reset-after-headers' }, OK]);
    expect(result.status).toBe('ok');
    expect(result.transcript.attempts[0]?.error).toMatch(/^network error: /);
  });
});

describe('deadlines', () => {
  it('ends a stall before headers by the idle deadline, then retries', async () => {
    const result = await call([{ kind: 'stall-before-headers', ms: 20_000 }, OK], { idleTimeoutSeconds: 0.3, maxRetries: 1 });
    expect(result.status).toBe('ok');
    expect(result.transcript.attempts[0]?.error).toBe('no bytes from the server for 0.3 s');
  });

  it('ends a stall after headers by the idle deadline', async () => {
    const result = await call([{ kind: 'stall-after-headers', ms: 20_000 }], { idleTimeoutSeconds: 0.3, maxRetries: 0 });
    expect(result).toMatchObject({ status: 'rejected', reason: 'no bytes from the server for 0.3 s' });
  });

  it('ends a body that keeps trickling by the whole-call deadline', async () => {
    const result = await call([{ kind: 'trickle', intervalMs: 50 }], {
      timeoutSeconds: 0.5,
      idleTimeoutSeconds: 0.3,
      maxRetries: 0,
    });
    expect(result).toMatchObject({ status: 'rejected', reason: 'no complete reply within 0.5 s' });
  });
});

describe('outer abort', () => {
  // The test timeout is the bound: without a prompt abort these would wait an hour.

  it('ends a Retry-After wait promptly', { timeout: 5000 }, async () => {
    const controller = new AbortController();
    const script: Script = (_request, n) => {
      if (n === 0) setTimeout(() => controller.abort(), 50);
      return { kind: 'status', status: 429, headers: { 'retry-after': '3600' } };
    };
    const promise = call(script, { maxRetryAfterSeconds: 3600 }, controller.signal);
    await expect(promise).rejects.toSatisfy((error) => error instanceof CodemigrateError && error.code === 'interrupted');
    expect(server?.requests).toHaveLength(1);
  });

  it('ends a stalled request promptly', { timeout: 5000 }, async () => {
    const controller = new AbortController();
    const script: Script = () => {
      setTimeout(() => controller.abort(), 50);
      return { kind: 'stall-before-headers', ms: 20_000 };
    };
    await expect(call(script, { idleTimeoutSeconds: 3600, timeoutSeconds: 3600 }, controller.signal)).rejects.toThrow(
      'model call interrupted',
    );
  });

  it('sends nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(call([OK], {}, controller.signal)).rejects.toBeInstanceOf(CodemigrateError);
    expect(server?.requests).toHaveLength(0);
  });
});
