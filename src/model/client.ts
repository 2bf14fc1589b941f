// The OpenAI-compatible model client. It uses the openai SDK for the request and error shapes but
// owns what the SDK gets wrong for us (see FACTS.md): retries (the SDK's are off), deadlines
// that keep counting after headers, capped Retry-After waits that end on abort, and validation
// of the body. Calls are non-streaming, but the body is read raw (`asResponse()`), chunk by
// chunk: the idle deadline sees every byte, the size cap stops a huge body early, and `usage`
// and json_schema work as on any compatible server, which is not true of streaming everywhere.

import OpenAI, { APIConnectionError, APIError } from 'openai';
import { configError, CodemigrateError } from '../core/errors.js';
import { checkRepoPath } from '../core/paths.js';
import { DEFAULT_NEVER_SEND_TO_MODEL, type ModelConfig } from '../core/recipe.js';
import { buildMessages, buildParams } from './build-request.js';
import { sleep, startAttemptDeadline } from './deadline.js';
import { neverSendMatcher } from './never-send.js';
import { estimateTokens } from './estimate-tokens.js';
import { DEFAULT_MAX_REPLY_BYTES, parseReply } from './parse-reply.js';
import { readBodyCapped, type BodyRead } from './read-body.js';
import { DEFAULT_BACKOFF, isRetryableStatus, rejectsJsonSchema, retryAfterMs, retryDelayMs } from './retry-policy.js';
import type { ChatMessage, ModelAttempt, ModelCallResult, ModelClient, ModelTranscript, ModelUsage, RequestEditsInput, ResponseFormatMode } from './types.js';

export interface ModelClientOptions {
  /** Globs of files that must never be sent (default: the config defaults for secrets). */
  readonly neverSendToModel?: readonly string[];
  readonly maxReplyBytes?: number;
  /** First backoff delay; doubles per retry up to maxDelayMs (tests make these small). */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Source of jitter in [0, 1). */
  readonly random?: () => number;
}

type AttemptOutcome =
  | { readonly kind: 'reply'; readonly status: number; readonly body: BodyRead }
  | {
      readonly kind: 'failed';
      readonly status?: number;
      readonly message: string;
      readonly retryable: boolean;
      readonly retryAfterMs?: number;
      readonly rejectsSchema: boolean;
    };

/** Throws CodemigrateError('config') when the API key's environment variable is unset. */
export function createModelClient(config: ModelConfig, env: NodeJS.ProcessEnv, options: ModelClientOptions = {}): ModelClient {
  const apiKey = env[config.apiKeyEnv];
  if (!apiKey) throw configError(`model.apiKeyEnv: environment variable ${config.apiKeyEnv} is not set`);
  const totalMs = Math.ceil(config.timeoutSeconds * 1000);
  const idleMs = Math.ceil(config.idleTimeoutSeconds * 1000);
  const maxReplyBytes = options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;
  const backoff = {
    baseDelayMs: options.baseDelayMs ?? DEFAULT_BACKOFF.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
    maxRetryAfterMs: config.maxRetryAfterSeconds * 1000,
  };
  const random = options.random ?? Math.random;
  const neverSend = neverSendMatcher(options.neverSendToModel ?? DEFAULT_NEVER_SEND_TO_MODEL);
  // A server may echo what it was sent; the key must not reach a transcript even then. Short
  // values ("none", "local") are placeholders for keyless local servers: redacting them would
  // only mangle the transcript.
  const redact = (text: string): string => (apiKey.length < 8 ? text : text.split(apiKey).join('[redacted]'));

  const openai = new OpenAI({
    baseURL: config.baseURL,
    apiKey,
    maxRetries: 0,
    // Ours fires first; the SDK's is only a backstop and stops counting at headers anyway.
    timeout: totalMs + 1000,
    // Explicit, so that OPENAI_ORG_ID / OPENAI_PROJECT_ID in the environment add no headers.
    organization: null,
    project: null,
    logLevel: 'off',
  });
  // Once a server has refused json_schema it is not asked again while this client lives.
  let mode: ResponseFormatMode = 'json_schema';

  async function attemptOnce(body: OpenAI.ChatCompletionCreateParamsNonStreaming, outer?: AbortSignal): Promise<AttemptOutcome> {
    const deadline = startAttemptDeadline(totalMs, idleMs, outer);
    let phase: 'request' | 'body' = 'request';
    try {
      const response = await openai.chat.completions.create(body, { signal: deadline.signal }).asResponse();
      deadline.touch();
      phase = 'body';
      return { kind: 'reply', status: response.status, body: await readBodyCapped(response, maxReplyBytes, deadline.touch) };
    } catch (error) {
      const cause = deadline.cause();
      if (cause === 'outer') throw interrupted(error);
      if (cause === 'deadline') return failed(`no complete reply within ${config.timeoutSeconds} s`, true);
      if (cause === 'idle') return failed(`no bytes from the server for ${config.idleTimeoutSeconds} s`, true);
      if (error instanceof APIError && error.status !== undefined) {
        const message = `HTTP ${error.status}: ${describeApiError(error)}`;
        const after = retryAfterMs(error.headers, Date.now());
        return {
          kind: 'failed',
          status: error.status,
          message: redact(oneLine(message)),
          retryable: isRetryableStatus(error.status),
          ...(after === undefined ? {} : { retryAfterMs: after }),
          rejectsSchema: rejectsJsonSchema(error.status, `${error.message} ${JSON.stringify(error.error ?? '')}`),
        };
      }
      // Before headers the SDK wraps connection errors; while reading the body they are undici's own.
      if (error instanceof APIConnectionError || phase === 'body') {
        return failed(redact(oneLine(`network error: ${describeCauses(error)}`)), true);
      }
      throw error;
    } finally {
      deadline.dispose();
    }
  }

  async function requestEdits(input: RequestEditsInput): Promise<ModelCallResult> {
    const messages = buildMessages(input);
    const attempts: ModelAttempt[] = [];
    let params = buildParams(mode, config.temperature, config.maxOutputTokens);
    const transcript = (response?: string, usage?: ModelTranscript['usage']): ModelTranscript => ({
      request: {
        model: config.model,
        messages: messages.map((message) => ({ ...message, content: redact(message.content) })),
        params: { ...params },
      },
      ...(response === undefined ? {} : { response: redact(response) }),
      ...(usage === undefined ? {} : { usage }),
      attempts: [...attempts],
    });

    for (const file of input.files) {
      const checked = checkRepoPath(file.path);
      if (!checked.ok) return { status: 'rejected', reason: `${file.path}: ${checked.reason}`, transcript: transcript() };
      if (neverSend(checked.path)) {
        return { status: 'rejected', reason: `${checked.path}: may never be sent to the model (neverSendToModel)`, transcript: transcript() };
      }
    }

    let retries = 0;
    for (;;) {
      if (input.signal?.aborted) throw interrupted(input.signal.reason);
      const format = mode;
      params = buildParams(format, config.temperature, config.maxOutputTokens);
      const started = performance.now();
      const outcome = await attemptOnce({ model: config.model, messages: [...messages], ...params }, input.signal);
      const ms = Math.round(performance.now() - started);

      if (outcome.kind === 'reply') {
        attempts.push({ status: outcome.status, ms, format });
        if (outcome.body.status === 'over-cap') {
          const reason = `reply over the size cap (${maxReplyBytes} bytes)`;
          return { status: 'rejected', reason, transcript: transcript(`${outcome.body.head}… [cut: over the size cap]`) };
        }
        const parsed = parseReply(outcome.body.text, maxReplyBytes);
        const reply = parsed.usage?.source === 'missing' ? { ...parsed, usage: await estimatedUsage(messages, outcome.body.text) } : parsed;
        const done = transcript(outcome.body.text, reply.usage);
        if (reply.status === 'ok') {
          // A reply that carries the key (echoed, or read from somewhere) is not applied: its
          // edits would put the key into a file, a commit and later requests.
          const key = apiKey ?? '';
          const carriesKey = key.length >= 8 && reply.edits.some((edit) => JSON.stringify(edit).includes(key));
          if (carriesKey) return { status: 'rejected', reason: 'the reply contains the API key: nothing of it is applied', usage: reply.usage, transcript: done };
          return { ...reply, notes: redact(reply.notes), transcript: done };
        }
        return { status: 'rejected', reason: redact(reply.reason), ...(reply.usage ? { usage: reply.usage } : {}), transcript: done };
      }

      const attempt: ModelAttempt = {
        ...(outcome.status === undefined ? {} : { status: outcome.status }),
        error: outcome.message,
        ms,
        format,
      };
      if (outcome.rejectsSchema && format === 'json_schema') {
        mode = 'plain';
        attempts.push(attempt);
        continue;
      }
      if (outcome.retryable && retries < config.maxRetries) {
        const waitMs = retryDelayMs(retries, outcome.retryAfterMs, backoff, random());
        retries += 1;
        attempts.push({ ...attempt, waitMs });
        await sleep(waitMs, input.signal).catch((reason: unknown) => {
          throw interrupted(reason);
        });
        continue;
      }
      attempts.push(attempt);
      const reason = retries > 0 ? `${outcome.message} (gave up after ${attempts.length} attempts)` : outcome.message;
      return { status: 'rejected', reason, transcript: transcript() };
    }
  }

  return { model: config.model, requestEdits };
}

function failed(message: string, retryable: boolean): AttemptOutcome {
  return { kind: 'failed', message, retryable, rejectsSchema: false };
}

function interrupted(cause: unknown): CodemigrateError {
  return new CodemigrateError('interrupted', 'model call interrupted', { cause });
}

function describeApiError(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  if (typeof body?.message === 'string') return body.message;
  return error.message.replace(/^\d{3}\s*/, '') || 'no message';
}

/** "fetch failed: other side closed": the SDK's "Connection error." says nothing; its causes do. */
function describeCauses(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current instanceof APIConnectionError && current.cause !== undefined) continue;
    if (current.message && !parts.includes(current.message)) parts.push(current.message);
  }
  return parts.join(': ') || String(error);
}

function oneLine(text: string, max = 300): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** The call's tokens counted here, for a server that sent no `usage`. */
async function estimatedUsage(messages: readonly ChatMessage[], reply: string): Promise<ModelUsage> {
  const prompt = await estimateTokens(messages.map((message) => message.content));
  return { prompt, completion: await estimateTokens([reply]), source: 'estimated' };
}
