// One model call for a step: send the step's files the work names (never the ones
// neverSendToModel matches; big ones as excerpts, src/model/scope-request.ts), the instructions
// and the compacted history; apply the reply's edits all-or-nothing; check that
// every edited file still parses. A reply recorded for the same request is replayed instead of
// calling the model again. The token budget is checked before every call.

import { createHash } from 'node:crypto';
import type { RepoPath } from '../core/paths.js';
import type { ModelCallResult } from '../core/model.js';
import type { TokenUsage } from '../core/state.js';
import { syntaxError } from '../edits/parse-check.js';
import { applyEdits } from '../model/apply-edits.js';
import { namedLines, scopeRequest } from '../model/scope-request.js';
import type { RunnerContext } from './context.js';

export type AskModelResult =
  | {
      readonly status: 'applied';
      readonly texts: ReadonlyMap<RepoPath, string>;
      readonly changed: readonly RepoPath[];
      readonly notes: string;
      readonly tokens: TokenUsage;
    }
  | { readonly status: 'rejected'; readonly reason: string; readonly notes?: string; readonly tokens: TokenUsage }
  | { readonly status: 'budget-exhausted'; readonly tokens: TokenUsage };

const NO_TOKENS: TokenUsage = { prompt: 0, completion: 0 };
/** Runs already told that the server sends no usage (once each). */
const estimateNoticed = new WeakSet<RunnerContext>();

export async function askModel(
  ctx: RunnerContext,
  step: string,
  attempt: number,
  texts: ReadonlyMap<RepoPath, string>,
  prompt: { readonly instructions: string; readonly history: string },
): Promise<AskModelResult> {
  const model = ctx.model!;
  const sendable = [...texts].filter(([path]) => !ctx.neverSend(path)).map(([path, text]) => ({ path, text }));
  if (sendable.length === 0) return { status: 'rejected', reason: 'every file of the step matches neverSendToModel: no request was sent', tokens: NO_TOKENS };
  const { files, notShown } = scopeRequest(sendable, namedLines(sendable.map((file) => file.path), prompt.history), ctx.requestScope);
  if (files.length === 0) return { status: 'rejected', reason: `no file of the step fits a request (model.maxRequestBytes ${ctx.requestScope?.maxRequestBytes ?? 'default'}): no request was sent`, tokens: NO_TOKENS };
  const key = createHash('sha256')
    .update(JSON.stringify({ model: model.model, files, notShown, instructions: prompt.instructions, history: prompt.history }))
    .digest('hex');

  let result: ModelCallResult | undefined = await ctx.history.recordedReply(key);
  const replayed = result !== undefined;
  let tokens = NO_TOKENS;
  if (!result) {
    const claim = await ctx.budget.claim();
    if (claim === undefined) return { status: 'budget-exhausted', tokens };
    try {
      result = await model.requestEdits({ files, notShown, instructions: prompt.instructions, history: prompt.history, signal: ctx.signal });
    } catch (error) {
      // A call that threw charges nothing. Should the settle fail too (Redis gone), the claim lapses
      // as a killed worker's does; the call's own error is the one worth showing.
      await claim.settle(0).catch(() => undefined);
      throw error;
    }
    tokens = result.usage ? { prompt: result.usage.prompt, completion: result.usage.completion } : NO_TOKENS;
    // Only a reply the server actually sent is worth replaying; transport failures are not. Recorded
    // before the settle: a paid reply must survive a budget store that fails after the call, so
    // that resuming the step replays it instead of paying for it again; and settled even when the
    // record cannot be written (a full disk): the call was paid for all the same.
    try {
      if (result.transcript.response !== undefined) await ctx.history.recordReply(key, result);
    } finally {
      await claim.settle(tokens.prompt + tokens.completion);
    }
    if (result.usage?.source === 'estimated' && !estimateNoticed.has(ctx)) {
      estimateNoticed.add(ctx);
      ctx.progress({ type: 'notice', message: `the model server sent no token usage: the budget counts a local estimate (${tokens.prompt + tokens.completion} tokens for this call, o200k_base)` });
    }
  }
  await ctx.history.writeTranscript(step, attempt, result.transcript, replayed);
  if (result.status === 'rejected') return { status: 'rejected', reason: result.reason, tokens };

  const allowed = new Set(files.map((file) => file.path));
  const excerpted = new Set(files.filter((file) => file.excerpt).map((file) => file.path));
  const applied = applyEdits(texts, result.edits, allowed, excerpted);
  if (applied.status === 'rejected') return { status: 'rejected', reason: applied.reason, notes: result.notes, tokens };
  for (const path of applied.changed) {
    const problem = await syntaxError(path, applied.files.get(path)!);
    if (problem !== undefined) return { status: 'rejected', reason: `edit leaves ${path} unparseable: ${problem}`, notes: result.notes, tokens };
  }
  if (applied.changed.length === 0) return { status: 'rejected', reason: 'the reply changed nothing', notes: result.notes, tokens };
  return { status: 'applied', texts: applied.files, changed: applied.changed, notes: result.notes, tokens };
}
