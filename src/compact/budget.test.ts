import { describe, expect, it } from 'vitest';
import { allocateBudget, createBlockWriter, cutAtLine, listCapped } from './budget.js';

describe('allocateBudget', () => {
  it('gives each section its share, and what one does not need to the next that does', () => {
    const sections = [
      { share: 0.5, need: 100 },
      { share: 0.3, need: 5000 },
      { share: 0.2, need: 5000 },
    ];
    expect(allocateBudget(1000, sections)).toEqual([100, 700, 200]);
  });

  it('never hands out more than the total', () => {
    for (const total of [-5, 0, 1, 7, 999, 6000]) {
      const budgets = allocateBudget(total, [
        { share: 0.45, need: 10_000 },
        { share: 0.35, need: 3 },
        { share: 0.2, need: 10_000 },
      ]);
      expect(budgets.reduce((sum, budget) => sum + budget, 0)).toBeLessThanOrEqual(Math.max(0, total));
    }
  });
});

describe('cutAtLine', () => {
  it('keeps whole lines only', () => {
    expect(cutAtLine('ab\ncd\nef', 7)).toBe('ab\ncd');
    expect(cutAtLine('ab\ncd\nef', 8)).toBe('ab\ncd\nef');
    expect(cutAtLine('abcdef', 3)).toBe('');
  });
});

describe('createBlockWriter', () => {
  it('refuses a block that would pass the budget, counting the newline between blocks and the reserve', () => {
    const writer = createBlockWriter(10);
    expect(writer.tryAdd('abcd')).toBe(true);
    expect(writer.tryAdd('abcd', 2)).toBe(false);
    expect(writer.tryAdd('abcd')).toBe(true);
    expect(writer.text()).toBe('abcd\nabcd');
    expect(writer.tryAdd('x')).toBe(false);
    expect(writer.length).toBe(9);
  });
});

describe('listCapped', () => {
  it('shows the first three and the last', () => {
    expect(listCapped([3, 5, 9])).toBe('3, 5, 9');
    expect(listCapped([3, 5, 9, 11])).toBe('3, 5, 9, 11');
    expect(listCapped([3, 5, 9, 11, 997])).toBe('3, 5, 9, … 997');
  });
});
