import { describe, expect, it } from 'vitest';
import { startModelServer } from './server.js';

const post = (baseURL: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(`${baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });

describe('startModelServer', () => {
  it('listens on 127.0.0.1 and records requests without the authorization value', async () => {
    const server = await startModelServer([{ kind: 'edits', edits: [] }, { kind: 'edits', edits: [] }]);
    try {
      expect(server.baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      await (await post(server.baseURL, { model: 'm' }, { authorization: 'Bearer secret-value' })).text();
      await (await post(server.baseURL, { model: 'n' })).text();
      expect(server.requests.map((r) => [r.authorization, r.body])).toEqual([
        ['present', { model: 'm' }],
        ['absent', { model: 'n' }],
      ]);
      expect(JSON.stringify(server.requests)).not.toContain('secret-value');
    } finally {
      await server.close();
    }
  });

  it('tells when a given number of replies has been sent', async () => {
    const server = await startModelServer([{ kind: 'status', status: 429 }, { kind: 'edits', edits: [] }]);
    try {
      let second = false;
      const waiting = server.replied(2).then(() => (second = true));
      await server.replied(0);
      expect((await post(server.baseURL, {})).status).toBe(429);
      await server.replied(1);
      expect(second).toBe(false);
      await (await post(server.baseURL, {})).text();
      await waiting;
      expect(second).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('answers 500 once the script is exhausted, and 404 off the route', async () => {
    const server = await startModelServer([]);
    try {
      expect((await post(server.baseURL, {})).status).toBe(500);
      expect((await fetch(`${server.baseURL}/models`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('closes promptly with a stalled request open', async () => {
    const server = await startModelServer([{ kind: 'stall-after-headers', ms: 60_000 }]);
    const response = await post(server.baseURL, {});
    expect(response.status).toBe(200);
    const reading = response.text().catch((error: unknown) => error);
    await server.close();
    expect(await reading).toBeInstanceOf(Error);
  });
});
