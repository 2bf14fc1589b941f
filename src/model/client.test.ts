import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer, type Script } from '../../test/model-server/server.js';
import { TEST_API_KEY, TEST_ENV, testModelConfig } from '../../test/model-server/test-config.js';
import type { ModelConfig } from '../core/recipe.js';
import { createModelClient, type ModelClientOptions } from './client.js';
import type { ModelCallResult, RequestEditsInput } from './types.js';

const INPUT: RequestEditsInput = {
  files: [{ path: 'src/a.test.ts', text: "import { jest } from '@jest/globals';\njest.fn();\n" }],
  instructions: 'Replace jest with vi.',
  history: 'attempt 1: search matched 0 times in src/a.test.ts',
};
const GOOD_EDIT = { path: 'src/a.test.ts', search: 'jest.fn()', replace: 'vi.fn()' };

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function call(
  script: Script,
  overrides: Partial<ModelConfig> = {},
  options: ModelClientOptions = {},
): Promise<{ result: ModelCallResult; server: ModelServer }> {
  server = await startModelServer(script);
  const client = createModelClient(testModelConfig(server.baseURL, overrides), TEST_ENV, options);
  const result = await client.requestEdits(INPUT);
  expectSound(result, server);
  return { result, server };
}

/** Holds for every call: one attempt per request the server saw, and no key anywhere. */
function expectSound(result: ModelCallResult, seen: ModelServer): void {
  expect(result.transcript.attempts).toHaveLength(seen.requests.length);
  expect(JSON.stringify(result)).not.toContain(TEST_API_KEY);
}

describe('requestEdits against the local server', () => {
  it('returns edits, notes and usage, and sends the files, instructions, history and json_schema', async () => {
    const { result, server } = await call([{ kind: 'edits', edits: [GOOD_EDIT], notes: 'done' }]);
    expect(result).toMatchObject({ status: 'ok', edits: [GOOD_EDIT], notes: 'done' });
    expect(result.status === 'ok' && result.usage).toEqual({ prompt: 11, completion: 7, source: 'server' });

    const [request] = server.requests;
    expect(request?.authorization).toBe('present');
    expect(request?.headers).not.toHaveProperty('authorization');
    expect(request?.headers).not.toHaveProperty('openai-organization');
    const body = request?.body as { model: string; messages: { role: string; content: string }[]; response_format: unknown };
    expect(body.model).toBe('test-model');
    expect(body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'codemigrate_edits', strict: true },
    });
    const user = body.messages.find((message) => message.role === 'user')?.content ?? '';
    expect(user).toContain('### src/a.test.ts');
    expect(user).toContain("import { jest } from '@jest/globals';");
    expect(user).toContain('Replace jest with vi.');
    expect(user).toContain('attempt 1: search matched 0 times');
    expect(result.transcript.request.messages).toEqual(body.messages);
    expect(result.transcript.attempts).toMatchObject([{ status: 200, format: 'json_schema' }]);
  });

  it('falls back to a plain JSON reply when the server rejects json_schema, and remembers it', async () => {
    server = await startModelServer([
      { kind: 'reject-json-schema' },
      { kind: 'content', content: '```json\n' + JSON.stringify({ edits: [GOOD_EDIT] }) + '\n```' },
      { kind: 'edits', edits: [] },
    ]);
    const client = createModelClient(testModelConfig(server.baseURL), TEST_ENV);
    const first = await client.requestEdits(INPUT);
    expect(first).toMatchObject({ status: 'ok', edits: [GOOD_EDIT], notes: '' });
    expect(first.transcript.attempts).toMatchObject([
      { status: 400, format: 'json_schema' },
      { status: 200, format: 'plain' },
    ]);
    expect(first.transcript.request.params).not.toHaveProperty('response_format');
    expectSound(first, server);

    const second = await client.requestEdits(INPUT);
    expect(second.status).toBe('ok');
    expect(server.requests.map((request) => 'response_format' in (request.body as object))).toEqual([true, false, false]);
  });

  it('counts the tokens itself when the server sends no usage, and says the figure is an estimate', async () => {
    const { result } = await call([{ kind: 'edits', edits: [], usage: 'missing' }]);
    expect(result).toMatchObject({ status: 'ok', usage: { source: 'estimated' } });
    if (result.status !== 'ok') return;
    // The system prompt alone is some hundreds of tokens; the reply's JSON a few.
    expect(result.usage.prompt).toBeGreaterThan(200);
    expect(result.usage.completion).toBeGreaterThan(0);
  });

  it('rejects a reply whose edits carry the API key, and redacts it from the notes', async () => {
    const withKey = await call([{ kind: 'edits', edits: [{ path: 'src/a.ts', search: 'x', replace: `x // ${TEST_API_KEY}` }] }]);
    expect(withKey.result).toMatchObject({ status: 'rejected', reason: 'the reply contains the API key: nothing of it is applied' });
    const inNotes = await call([{ kind: 'edits', edits: [], notes: `the key is ${TEST_API_KEY}` }]);
    expect(inNotes.result).toMatchObject({ status: 'ok', notes: 'the key is [redacted]' });
  });

  const badReplies: [string, Script, RegExp][] = [
    ['an HTML page with status 200', [{ kind: 'body', body: '<!doctype html><html>Gateway</html>' }], /^reply is not JSON: <!doctype html>/],
    ['empty choices', [{ kind: 'no-choices' }], /^reply has no choices$/],
    ['a refusal', [{ kind: 'content', content: null, refusal: 'I cannot help\nwith that' }], /^model refused: I cannot help with that$/],
    ['a truncated reply', [{ kind: 'content', content: '{"edits": [', finishReason: 'length' }], /^reply truncated \(finish_reason=length\)$/],
    ['prose instead of JSON', [{ kind: 'content', content: 'Sure! Here are the edits.' }], /^reply content is not JSON: Sure!/],
    ['JSON of the wrong shape', [{ kind: 'edits', edits: [{ path: 'a.ts', search: 'x' }] }], /^reply does not match the edits schema: edits\[0\]/],
    ['a 50 MB body', [{ kind: 'huge', megabytes: 50 }], /^reply over the size cap \(2097152 bytes\)$/],
  ];
  it.each(badReplies)('rejects %s with a one-line reason', async (_name, script, reason) => {
    const { result } = await call(script);
    expect(result.status).toBe('rejected');
    if (result.status !== 'rejected') return;
    expect(result.reason).toMatch(reason);
    expect(result.reason).not.toContain('\n');
  });

  it('keeps the usage of a rejected reply', async () => {
    const { result } = await call([{ kind: 'content', content: 'x', finishReason: 'length', usage: { prompt_tokens: 5, completion_tokens: 9 } }]);
    expect(result).toMatchObject({ status: 'rejected', usage: { prompt: 5, completion: 9, source: 'server' } });
  });

  it('does not retry a 400 that is not about response_format', async () => {
    const { result } = await call([{ kind: 'status', status: 400, message: 'model not found' }, { kind: 'edits', edits: [] }]);
    expect(result).toMatchObject({ status: 'rejected', reason: 'HTTP 400: model not found' });
  });

  it('never stores the key, even when the server echoes it', async () => {
    const { result } = await call([{ kind: 'body', body: `<html>bad key ${TEST_API_KEY}</html>` }]);
    expect(result.status === 'rejected' && result.reason).toContain('[redacted]');
  });

  it('refuses to send a file that matches neverSendToModel, without a request', async () => {
    server = await startModelServer([{ kind: 'edits', edits: [] }]);
    const client = createModelClient(testModelConfig(server.baseURL), TEST_ENV);
    const result = await client.requestEdits({ ...INPUT, files: [...INPUT.files, { path: 'config/.env.local', text: 'K=1' }] });
    expect(result).toMatchObject({ status: 'rejected', reason: 'config/.env.local: may never be sent to the model (neverSendToModel)' });
    expect(server.requests).toHaveLength(0);
    expectSound(result, server);
  });

  it('fails fast with a config error when the key variable is unset', () => {
    expect(() => createModelClient(testModelConfig('http://127.0.0.1:9/v1'), {})).toThrow(
      /model\.apiKeyEnv: environment variable CODEMIGRATE_TEST_MODEL_KEY is not set/,
    );
  });
});
