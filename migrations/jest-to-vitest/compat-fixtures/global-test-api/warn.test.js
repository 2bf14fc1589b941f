import { describe, expect, it } from 'vitest';
import { mockWarn } from 'jest-mock-warn';

describe('a store', () => {
  mockWarn();

  it('warns', () => {
    console.warn('[store] state is not a function');
    expect('state is not a function').toHaveBeenWarned();
  });
});
