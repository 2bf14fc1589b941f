import { describe, expect, it, jest } from '@jest/globals';
import { add } from './add';

describe('add', () => {
  it('adds', () => {
    const spy = jest.fn<typeof add>();
    expect(add(1, 2)).toBe(3);
    expect(spy).not.toHaveBeenCalled();
  });
});
