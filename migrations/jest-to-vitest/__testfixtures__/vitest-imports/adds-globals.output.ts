// Copyright header stays on top.
import { add } from './add';
import { describe, it, expect, vi, beforeEach, type Mock } from 'vitest';

describe('add', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('adds', () => {
    const fn: Mock = vi.fn();
    expect(add(1, 2)).toBe(3);
    expect.assertions(1);
  });
});
