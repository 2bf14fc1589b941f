import { describe, expect, it } from 'vitest';
import { buildMessages, buildParams } from './build-request.js';

describe('buildMessages', () => {
  it('names each file with its text in a fence it cannot close', () => {
    const [, user] = buildMessages({
      files: [
        { path: 'src/a.ts', text: 'const a = 1;' },
        { path: 'docs/b.md', text: '```ts\nx\n```\n' },
      ],
      instructions: 'Migrate.',
      history: '',
    });
    expect(user?.content).toContain('### src/a.ts\n```\nconst a = 1;\n```');
    expect(user?.content).toContain('### docs/b.md\n````\n```ts\nx\n```\n````');
    expect(user?.content).toContain('None: this is the first attempt.');
    expect(user?.content).toContain('Files you may change (2)');
  });
});

describe('buildParams', () => {
  it('asks for the codemigrate_edits schema, or nothing in plain mode', () => {
    expect(buildParams('json_schema', 0)).toMatchObject({
      temperature: 0,
      response_format: { type: 'json_schema', json_schema: { name: 'codemigrate_edits', strict: true } },
    });
    expect(buildParams('plain', undefined)).toEqual({});
    expect(buildParams('plain', undefined, 4096)).toEqual({ max_tokens: 4096 });
  });
});
