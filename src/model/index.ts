// The model adapter's public surface: the runner and app import from here only.

export { createModelClient, type ModelClientOptions } from './client.js';
export { applyEdits, type ApplyEditsResult } from './apply-edits.js';
export { CREDENTIAL_FILES, isNeverSend, neverSendMatcher, type NeverSendMatcher } from './never-send.js';
export { parseReply, DEFAULT_MAX_REPLY_BYTES, type ParsedReply } from './parse-reply.js';
export type * from './types.js';
export { USAGE_SOURCES, RESPONSE_FORMATS } from './types.js';
