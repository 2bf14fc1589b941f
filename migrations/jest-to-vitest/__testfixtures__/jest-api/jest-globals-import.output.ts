import { describe, expect, it, vi } from 'vitest';
import { add } from './add';

describe('add', () => {
  it('adds', () => {
    const spy = vi.fn<typeof add>();
    expect(add(1, 2)).toBe(3);
    expect(spy).not.toHaveBeenCalled();
  });
});
