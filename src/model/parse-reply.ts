// Pure: turns the raw body of a 2xx Chat Completions reply into edits or a one-line reason.
// Everything in the body is untrusted: the openai SDK passes HTML, empty choices, refusals,
// truncated replies and missing usage through without complaint, so each is checked here.

import { z } from 'zod';
import { replyContentSchema } from './reply-schema.js';
import type { ModelEdit, ModelUsage } from './types.js';

export const DEFAULT_MAX_REPLY_BYTES = 2 * 1024 * 1024;

export type ParsedReply =
  | { readonly status: 'ok'; readonly edits: readonly ModelEdit[]; readonly notes: string; readonly usage: ModelUsage }
  | { readonly status: 'rejected'; readonly reason: string; readonly usage?: ModelUsage };

const envelopeSchema = z.object({
  choices: z.array(
    z.object({
      finish_reason: z.string().nullish(),
      message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }),
    }),
  ),
});

const usageSchema = z.object({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
});

export function parseReply(body: string, maxBytes: number = DEFAULT_MAX_REPLY_BYTES): ParsedReply {
  if (Buffer.byteLength(body, 'utf8') > maxBytes) {
    return { status: 'rejected', reason: `reply over the size cap (${formatBytes(maxBytes)})` };
  }
  const json = tryJson(body);
  if (json === NOT_JSON) return { status: 'rejected', reason: `reply is not JSON: ${excerpt(body)}` };

  const usage = readUsage(json);
  const rejected = (reason: string): ParsedReply => ({ status: 'rejected', reason, usage });

  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return rejected(`reply is not a chat completion: ${firstIssue(envelope.error)}`);
  const choice = envelope.data.choices[0];
  if (choice === undefined) return rejected('reply has no choices');
  const { content, refusal } = choice.message;
  if (content === null || content === undefined) {
    return rejected(refusal ? `model refused: ${excerpt(refusal, 200)}` : 'reply has no content');
  }
  const finish = choice.finish_reason ?? 'null';
  if (finish === 'length') return rejected('reply truncated (finish_reason=length)');
  if (finish !== 'stop') return rejected(`reply did not finish normally (finish_reason=${excerpt(finish, 40)})`);

  // A content of JSON `null` is JSON (and fails the schema): only a failed parse looks for a fence.
  const direct = tryJson(content.trim());
  const payload = direct === NOT_JSON ? fencedJson(content) : direct;
  if (payload === NOT_JSON) return rejected(`reply content is not JSON: ${excerpt(content)}`);
  const parsed = replyContentSchema.safeParse(payload);
  if (!parsed.success) return rejected(`reply does not match the edits schema: ${firstIssue(parsed.error)}`);
  return { status: 'ok', edits: parsed.data.edits, notes: parsed.data.notes ?? '', usage };
}

function readUsage(json: unknown): ModelUsage {
  const raw = typeof json === 'object' && json !== null ? (json as { usage?: unknown }).usage : undefined;
  const usage = usageSchema.safeParse(raw);
  if (!usage.success) return { prompt: 0, completion: 0, source: 'missing' };
  return { prompt: usage.data.prompt_tokens, completion: usage.data.completion_tokens, source: 'server' };
}

const NOT_JSON: unique symbol = Symbol('not JSON');

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** Models without structured output often wrap the JSON in a ```json fence, sometimes with prose around it. */
function fencedJson(content: string): unknown {
  const match = /```(?:json|JSON)?[ \t]*\r?\n([\s\S]*?)```/.exec(content);
  return match?.[1] === undefined ? NOT_JSON : tryJson(match[1].trim());
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid';
  const where = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  return excerpt(`${where.replace(/^\./, '') || '(root)'}: ${issue.message}`, 200);
}

function excerpt(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line || '(empty)';
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}
