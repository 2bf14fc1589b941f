// Pure: the messages and parameters of one Chat Completions request for a step's model edits.

import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { replyJsonSchema, SCHEMA_NAME } from './reply-schema.js';
import type { ChatMessage, RequestEditsInput, ResponseFormatMode } from './types.js';

const SYSTEM_PROMPT = `You edit source files for codemigrate, a tool that carries a codebase through a migration one step at a time.

Rules:
- Change only the files listed in the request, naming each by the exact path shown.
- For a local change give {"path", "search", "replace"}. "search" is copied exactly from the file's current text, whitespace and indentation included, and must occur exactly once in it: include enough surrounding lines to make it unique.
- To rewrite a whole file give {"path", "content"} with its complete new text.
- A file marked "excerpt" shows only some of its lines; a line "⋯ lines N–M not shown ⋯" stands for the lines left out. Edit an excerpt with search/replace on the lines shown (never across a ⋯ line), never with "content".
- Edits to the same file apply in order, each to the result of the one before.
- Keep unrelated code, formatting and comments as they are. The edited files must still parse.
- If nothing needs to change, reply with an empty "edits" list and say why in "notes".

Reply with one JSON object and nothing else (no prose, no code fences), of this shape:
{"edits": [{"path": "src/a.ts", "search": "exact old text", "replace": "new text"}, {"path": "src/b.ts", "content": "whole new file text"}], "notes": "what was done, what is left"}`;

export function buildMessages(input: Pick<RequestEditsInput, 'files' | 'notShown' | 'instructions' | 'history'>): ChatMessage[] {
  const history = input.history.trim() || 'None: this is the first attempt.';
  const files = input.files.map((file) => {
    const fence = fenceFor(file.text);
    const title = file.excerpt ? `### ${file.path} (excerpt: ${file.excerpt.shownLines} of ${file.excerpt.totalLines} lines)` : `### ${file.path}`;
    return `${title}\n${fence}\n${file.text}${file.text.endsWith('\n') ? '' : '\n'}${fence}`;
  });
  const notShown = input.notShown ?? [];
  const user = [
    `## Instructions\n\n${input.instructions.trim()}`,
    `## History of earlier attempts\n\n${history}`,
    `## Files you may change (${input.files.length})\n\n${files.join('\n\n')}`,
    ...(notShown.length > 0
      ? [`## Other files of this step, not shown (not editable in this attempt)\n\n${notShown.map((file) => `- ${file.path}${file.why === 'no room' ? ' (no room in this request)' : ''}`).join('\n')}`]
      : []),
  ].join('\n\n');
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: user },
  ];
}

/** Everything but model and messages; the plain mode relies on the system prompt's shape alone. */
export type RequestParams = Pick<ChatCompletionCreateParamsNonStreaming, 'temperature' | 'response_format' | 'max_tokens'>;

export function buildParams(mode: ResponseFormatMode, temperature: number | undefined, maxTokens?: number): RequestParams {
  return {
    ...(temperature === undefined ? {} : { temperature }),
    ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
    ...(mode === 'json_schema'
      ? { response_format: { type: 'json_schema', json_schema: { name: SCHEMA_NAME, strict: true, schema: replyJsonSchema } } }
      : {}),
  };
}

/** A backtick fence longer than any backtick run in the text, so the file cannot close it early. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}
