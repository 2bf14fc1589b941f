// A scripted OpenAI-compatible Chat Completions server for tests. It listens only on 127.0.0.1
// at an ephemeral port, records every request (never the Authorization value) and replays a
// script of good and bad replies, including the failure modes the openai SDK lets through.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ScriptedUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
}

export type ScriptedReply =
  /** A well-formed completion whose content is the JSON `{ edits, notes }`. */
  | { kind: 'edits'; edits: readonly unknown[]; notes?: string; usage?: ScriptedUsage | 'missing' }
  /** A completion with this exact message content (or null, with an optional refusal). */
  | {
      kind: 'content';
      content: string | null;
      refusal?: string;
      finishReason?: string;
      usage?: ScriptedUsage | 'missing';
    }
  | { kind: 'no-choices'; usage?: ScriptedUsage | 'missing' }
  /** Any body with any status, e.g. an HTML page served with 200. */
  | { kind: 'body'; body: string; status?: number; contentType?: string; headers?: Record<string, string> }
  /** An error status with an OpenAI-style error body (429 with Retry-After, 500, 503, …). */
  | { kind: 'status'; status: number; message?: string; headers?: Record<string, string> }
  /** 400 "response_format json_schema is not supported", as some compatible servers answer. */
  | { kind: 'reject-json-schema' }
  /** Nothing at all for `ms`, then `then` (default: reset the connection). */
  | { kind: 'stall-before-headers'; ms: number; then?: ScriptedReply }
  /** 200 headers and the first bytes of a body, then nothing for `ms`, then the rest. */
  | { kind: 'stall-after-headers'; ms: number }
  /** A body that keeps arriving, one byte every `intervalMs`, and never completes. */
  | { kind: 'trickle'; intervalMs: number }
  | { kind: 'reset' }
  /** 200 headers and the first bytes of a body, then the connection is cut. */
  | { kind: 'reset-after-headers' }
  /** A 200 JSON completion whose content is `megabytes` MB of filler. */
  | { kind: 'huge'; megabytes: number };

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  /** Lower-case header names; the authorization header is left out. */
  readonly headers: Readonly<Record<string, string>>;
  readonly authorization: 'present' | 'absent';
  /** The parsed JSON body, or the raw text when it is not JSON. */
  readonly body: unknown;
}

export type Script = readonly ScriptedReply[] | ((request: RecordedRequest, n: number) => ScriptedReply);

export interface ModelServer {
  /** Ends with /v1, as the openai SDK expects. */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  /** Resolves once `count` replies have been sent in full (or their connections closed): an event to wait on, not a time. */
  replied(count: number): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_USAGE: ScriptedUsage = { prompt_tokens: 11, completion_tokens: 7 };

export async function startModelServer(script: Script): Promise<ModelServer> {
  const requests: RecordedRequest[] = [];
  let repliesSent = 0;
  const replyWaiters = new Set<{ count: number; resolve: () => void }>();
  const noteReplied = (): void => {
    repliesSent += 1;
    for (const waiter of replyWaiters) {
      if (repliesSent >= waiter.count) {
        replyWaiters.delete(waiter);
        waiter.resolve();
      }
    }
  };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) fn();
    }, ms);
    timers.add(timer);
  };

  const pick = (request: RecordedRequest, n: number): ScriptedReply => {
    if (typeof script === 'function') return script(request, n);
    return script[n] ?? { kind: 'status', status: 500, message: `test script exhausted at request ${n + 1}` };
  };

  const play = (reply: ScriptedReply, res: ServerResponse): void => {
    switch (reply.kind) {
      case 'edits':
        return sendJson(res, 200, completion(JSON.stringify({ edits: reply.edits, notes: reply.notes }), 'stop', null, reply.usage));
      case 'content':
        return sendJson(res, 200, completion(reply.content, reply.finishReason ?? 'stop', reply.refusal ?? null, reply.usage));
      case 'no-choices':
        return sendJson(res, 200, { ...envelope(reply.usage), choices: [] });
      case 'body':
        res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'text/html', ...reply.headers });
        res.end(reply.body);
        return;
      case 'status':
        return sendJson(res, reply.status, errorBody(reply.message ?? `scripted ${reply.status}`), reply.headers);
      case 'reject-json-schema':
        return sendJson(res, 400, errorBody("response_format of type 'json_schema' is not supported", 'response_format'));
      case 'stall-before-headers':
        later(reply.ms, () => play(reply.then ?? { kind: 'reset' }, res));
        return;
      case 'stall-after-headers': {
        const text = JSON.stringify(completion(JSON.stringify({ edits: [] }), 'stop', null, undefined));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(text.slice(0, 10));
        later(reply.ms, () => res.end(text.slice(10)));
        return;
      }
      case 'trickle': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const drip = (): void => {
          if (res.destroyed) return;
          res.write(' ');
          later(reply.intervalMs, drip);
        };
        drip();
        return;
      }
      case 'reset':
        res.socket?.destroy();
        return;
      case 'reset-after-headers':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":"chatcmpl-test",');
        later(20, () => res.socket?.destroy());
        return;
      case 'huge':
        return sendHuge(res, reply.megabytes);
    }
  };

  const server = createServer((req, res) => {
    res.on('error', () => {}); // the client may hang up mid-reply; that is what some tests do
    res.once('close', noteReplied);
    readBody(req).then(
      (text) => {
        const request = record(req, text);
        const n = requests.length;
        requests.push(request);
        if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
          sendJson(res, 404, errorBody(`no route ${req.method} ${req.url}`));
          return;
        }
        play(pick(request, n), res);
      },
      () => res.socket?.destroy(),
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    replied: (count) =>
      repliesSent >= count ? Promise.resolve() : new Promise<void>((resolve) => replyWaiters.add({ count, resolve })),
    close: async () => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function record(req: IncomingMessage, text: string): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'authorization' || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the raw text: a test may want to see what a non-JSON request looked like
  }
  return {
    method: req.method ?? '',
    url: req.url ?? '',
    headers,
    authorization: req.headers.authorization === undefined ? 'absent' : 'present',
    body,
  };
}

function envelope(usage: ScriptedUsage | 'missing' | undefined): Record<string, unknown> {
  const base = { id: 'chatcmpl-test', object: 'chat.completion', created: 1_700_000_000, model: 'test-model' };
  if (usage === 'missing') return base;
  const u = usage ?? DEFAULT_USAGE;
  return { ...base, usage: { ...u, total_tokens: u.prompt_tokens + u.completion_tokens } };
}

function completion(
  content: string | null,
  finishReason: string,
  refusal: string | null,
  usage: ScriptedUsage | 'missing' | undefined,
): Record<string, unknown> {
  return {
    ...envelope(usage),
    choices: [{ index: 0, finish_reason: finishReason, message: { role: 'assistant', content, refusal } }],
  };
}

function errorBody(message: string, param: string | null = null): Record<string, unknown> {
  return { error: { message, type: 'invalid_request_error', param, code: null } };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Streams the filler with backpressure so that a 50 MB reply never sits in the server's memory. */
function sendHuge(res: ServerResponse, megabytes: number): void {
  const head = '{"id":"chatcmpl-test","object":"chat.completion","created":1700000000,"model":"test-model",'
    + '"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"';
  const tail = '"}}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}';
  const chunk = 'x'.repeat(64 * 1024);
  let left = Math.ceil((megabytes * 1024 * 1024) / chunk.length);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write(head);
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      left -= 1;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end(tail);
  };
  pump();
}
