import type { Mocked } from 'vitest';

let fetchMock: Mocked<typeof fetch>;

describe('x', () => {
  it('y', () => {
    expect(vi.fn()).toBeDefined();
  });
});
