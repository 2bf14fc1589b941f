import { describe, it } from 'vitest';

describe('x', () => {
  it('y', () => {
    expect(vi.fn()).toBeDefined();
  });
});
