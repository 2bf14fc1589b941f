import { describe, it, expect, vi } from 'vitest';

describe('x', () => {
  it('y', () => {
    expect(vi.fn()).toBeDefined();
  });
});
