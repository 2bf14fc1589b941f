import { describe, expect, it } from 'vitest';
import { parseReply } from './parse-reply.js';

const completion = (content: unknown, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal: null } }],
    usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    ...extra,
  });
const edits = { edits: [{ path: 'a.ts', search: 'x', replace: 'y' }, { path: 'b.ts', content: 'new\n' }], notes: 'n' };

describe('parseReply', () => {
  it('accepts both edit kinds with notes and usage', () => {
    expect(parseReply(completion(JSON.stringify(edits)))).toEqual({
      status: 'ok',
      edits: edits.edits,
      notes: 'n',
      usage: { prompt: 3, completion: 4, source: 'server' },
    });
  });

  it('accepts JSON in a ```json fence, with prose around it', () => {
    const content = `Here you go:\n\`\`\`json\n${JSON.stringify(edits)}\n\`\`\`\nDone.`;
    expect(parseReply(completion(content))).toMatchObject({ status: 'ok', edits: edits.edits });
  });

  it('accepts null notes (strict json_schema sends them) as empty', () => {
    expect(parseReply(completion(JSON.stringify({ edits: [], notes: null })))).toMatchObject({ status: 'ok', notes: '' });
  });

  it('marks missing or malformed usage as unknown', () => {
    const body = JSON.stringify({ choices: [{ finish_reason: 'stop', message: { content: '{"edits":[]}' } }] });
    expect(parseReply(body)).toMatchObject({ status: 'ok', usage: { prompt: 0, completion: 0, source: 'missing' } });
    expect(parseReply(completion('{"edits":[]}', { usage: { prompt_tokens: '3' } }))).toMatchObject({
      usage: { source: 'missing' },
    });
  });

  const rejected: [string, string, string][] = [
    ['HTML', '<html>\n<body>502</body></html>', 'reply is not JSON: <html> <body>502</body></html>'],
    ['an empty body', '', 'reply is not JSON: (empty)'],
    ['JSON that is no completion', '{"error":"x"}', 'reply is not a chat completion: choices: Invalid input: expected array, received undefined'],
    ['no choices', JSON.stringify({ choices: [] }), 'reply has no choices'],
    ['a refusal', completion(null, {}).replace('"refusal":null', '"refusal":"no."'), 'model refused: no.'],
    ['null content without refusal', completion(null), 'reply has no content'],
    ['a truncated reply', completion('{"ed').replace('"stop"', '"length"'), 'reply truncated (finish_reason=length)'],
    ['a content-filtered reply', completion('{}').replace('"stop"', '"content_filter"'), 'reply did not finish normally (finish_reason=content_filter)'],
    ['non-JSON content', completion('I changed a.ts'), 'reply content is not JSON: I changed a.ts'],
    ['an edit with both forms', completion(JSON.stringify({ edits: [{ path: 'a', search: 's', replace: 'r', content: 'c' }] })), 'reply does not match the edits schema: edits[0]: Invalid input'],
    ['an empty search', completion(JSON.stringify({ edits: [{ path: 'a', search: '', replace: 'r' }] })), 'reply does not match the edits schema: edits[0].search: search must not be empty'],
    // Found by the hostile-replies campaign: JSON null was called "not JSON".
    ['JSON null content', completion('null'), 'reply does not match the edits schema: (root): Invalid input: expected object, received null'],
    ['JSON false content', completion('false'), 'reply does not match the edits schema: (root): Invalid input: expected object, received boolean'],
    ['extra keys', completion(JSON.stringify({ edits: [], run: 'rm -rf /' })), 'reply does not match the edits schema: (root): Unrecognized key: "run"'],
  ];
  it.each(rejected)('rejects %s', (_name, body, reason) => {
    expect(parseReply(body)).toMatchObject({ status: 'rejected', reason });
  });

  it('keeps usage on a rejected completion', () => {
    expect(parseReply(completion('nope'))).toMatchObject({ status: 'rejected', usage: { prompt: 3, completion: 4 } });
  });

  it('rejects a body over the size cap before parsing it', () => {
    const body = completion(JSON.stringify({ edits: [{ path: 'a.ts', content: 'x'.repeat(2000) }] }));
    expect(parseReply(body, 1000)).toEqual({ status: 'rejected', reason: 'reply over the size cap (1000 bytes)' });
    expect(parseReply(body, 1024 * 1024).status).toBe('ok');
  });

  it('cuts a long excerpt to one line', () => {
    const result = parseReply(`<html>${'\n<p>junk</p>'.repeat(100)}`);
    expect(result.status === 'rejected' && result.reason).toMatch(/^reply is not JSON: <html> <p>junk<\/p>.{0,80}…$/);
  });
});
