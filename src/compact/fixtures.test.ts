// Fixture pairs: __testfixtures__/<name>.input.json (a compactHistory input) → <name>.output.txt,
// the exact text the model reads. Found by name; run with CODEMIGRATE_UPDATE_FIXTURES=1 to rewrite
// the outputs after a deliberate change, then read the diff.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactHistory, DEFAULT_MAX_CHARS, type CompactInput } from './index.js';

const FIXTURES = join(import.meta.dirname, '__testfixtures__');
const UPDATE = process.env['CODEMIGRATE_UPDATE_FIXTURES'] === '1';

const names = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.input.json'))
  .map((file) => file.slice(0, -'.input.json'.length))
  .sort();

describe('compactHistory fixtures', () => {
  it('has fixtures to check', () => {
    expect(names.length).toBeGreaterThanOrEqual(3);
  });

  it.each(names)('%s', (name) => {
    const input = JSON.parse(readFileSync(join(FIXTURES, `${name}.input.json`), 'utf8')) as CompactInput;
    const outputPath = join(FIXTURES, `${name}.output.txt`);
    const text = compactHistory(input);
    if (UPDATE) writeFileSync(outputPath, `${text}\n`);
    if (!existsSync(outputPath)) throw new Error(`${outputPath}: missing; run with CODEMIGRATE_UPDATE_FIXTURES=1 to write it`);
    // The file ends with a newline so that it reads well; the text itself does not.
    expect(`${text}\n`).toBe(readFileSync(outputPath, 'utf8'));
    expect(text.length).toBeLessThanOrEqual(input.maxChars ?? DEFAULT_MAX_CHARS);
    expect(compactHistory(structuredClone(input))).toBe(text);
  });
});
