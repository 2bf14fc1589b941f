import { describe, expect, it } from 'vitest';
import { syntaxError } from './parse-check.js';

describe('syntaxError', async () => {
  it('accepts valid JS, TS, TSX and JSON', async () => {
    expect(await syntaxError('a.js', 'const a = 1;\nmodule.exports = a;\n')).toBeUndefined();
    expect(await syntaxError('a.ts', 'const a: number = 1 as const;\nexport type T = { a: string };\n')).toBeUndefined();
    expect(await syntaxError('a.tsx', 'export const A = () => <div className="x">{1}</div>;\n')).toBeUndefined();
    expect(await syntaxError('a.json', '\uFEFF{ "a": 1 }\n')).toBeUndefined();
  });

  it('ignores type errors: only syntax counts', async () => {
    expect(await syntaxError('a.ts', 'const a: number = "text";\n')).toBeUndefined();
  });

  it('names the position of the first syntax error', async () => {
    expect(await syntaxError('a.ts', 'const a = {;\n')).toMatch(/^1:12: /);
    expect(await syntaxError('b.js', 'function (\n')).toBeDefined();
    expect(await syntaxError('c.json', '{ "a": }')).toBeDefined();
  });

  it('does not check other files', async () => {
    expect(await syntaxError('README.md', '{{{ not code')).toBeUndefined();
  });
});
