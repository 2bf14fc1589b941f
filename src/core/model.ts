// The model port: what the runner passes to an OpenAI-compatible model and gets back. src/model
// implements it. Expected failures (bad replies, HTTP errors, deadlines, exhausted retries) are
// values; only an abort throws.

import type { TokenUsage } from './state.js';

export type ModelEdit =
  | { readonly path: string; readonly search: string; readonly replace: string }
  | { readonly path: string; readonly content: string };

/** `estimated`: the server sent none; counted locally (src/model/estimate-tokens.ts). */
export const USAGE_SOURCES = ['server', 'missing', 'estimated'] as const;
export type UsageSource = (typeof USAGE_SOURCES)[number];

/** Token counts of one call; `source: 'missing'` means the server sent none and both are 0. */
export interface ModelUsage extends TokenUsage {
  readonly source: UsageSource;
}

export const RESPONSE_FORMATS = ['json_schema', 'plain'] as const;
export type ResponseFormatMode = (typeof RESPONSE_FORMATS)[number];

/** One HTTP request: its status when one came back, else the error; `waitMs` is the pause after it. */
export interface ModelAttempt {
  readonly status?: number;
  readonly error?: string;
  readonly ms: number;
  readonly format: ResponseFormatMode;
  readonly waitMs?: number;
}

export interface ChatMessage {
  readonly role: 'system' | 'user';
  readonly content: string;
}

/** Everything needed to audit or replay a call. Never holds the API key or any header. */
export interface ModelTranscript {
  readonly request: {
    readonly model: string;
    readonly messages: readonly ChatMessage[];
    /** Parameters of the last attempt besides model and messages (temperature, response_format). */
    readonly params: Readonly<Record<string, unknown>>;
  };
  /** Body of the last 2xx reply (cut when it was over the size cap); absent when none came. */
  readonly response?: string;
  readonly usage?: ModelUsage;
  /** One entry per HTTP request sent; `waitMs` is the pause before the next one. */
  readonly attempts: readonly ModelAttempt[];
}

export type ModelCallResult =
  | {
      readonly status: 'ok';
      readonly edits: readonly ModelEdit[];
      readonly notes: string;
      readonly usage: ModelUsage;
      readonly transcript: ModelTranscript;
    }
  | {
      readonly status: 'rejected';
      /** One line, fit for the next attempt's history. */
      readonly reason: string;
      readonly usage?: ModelUsage;
      readonly transcript: ModelTranscript;
    };

export interface RequestEditsInput {
  /**
   * Repo-relative paths with their current text: the files the model may change. An `excerpt`
   * shows part of its file (gaps marked): it may be edited by search/replace only.
   */
  readonly files: readonly { readonly path: string; readonly text: string; readonly excerpt?: { readonly totalLines: number; readonly shownLines: number } }[];
  /** Files of the step the request names without showing them. */
  readonly notShown?: readonly { readonly path: string; readonly why: 'not named' | 'no room' }[];
  readonly instructions: string;
  /** The compacted history of the step and run; empty on a first attempt. */
  readonly history: string;
  readonly signal?: AbortSignal;
}

export interface ModelClient {
  readonly model: string;
  /** Resolves with a result value; rejects only with CodemigrateError('interrupted') on abort. */
  requestEdits(input: RequestEditsInput): Promise<ModelCallResult>;
}
