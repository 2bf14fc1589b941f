import { readFileSync } from 'node:fs';
// The API under test.
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
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
