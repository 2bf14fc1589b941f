import { readFileSync } from 'node:fs';
// The API under test.
import type { Mock } from 'vitest' with { 'resolution-mode': 'import' };
import { load } from '../lib/load';

let read: Mock;

beforeEach(() => {
  read = vi.fn(readFileSync);
});
afterEach(() => vi.restoreAllMocks());

describe('load', () => {
  it('reads the file', () => {
    expect(load('a', read)).toBe('a');
  });
});
