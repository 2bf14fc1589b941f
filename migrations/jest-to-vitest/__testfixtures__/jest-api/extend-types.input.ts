import { describe, expect, test } from 'vitest';

const toBeEven = (received: number) => ({ pass: received % 2 === 0, message: () => `${received} is odd` });

describe('custom matchers', () => {
  test('async matcher', async () => {
    const toBeBetweenZeroAndTen = async (num: number) => ({ pass: num >= 0 && num <= 10, message: () => '' });
    expect.extend({
      toBeBetweenZeroAndTen,
      toBeEven,
      'toBeOdd': (received: number) => ({ pass: received % 2 === 1, message: () => '' }),
    });
    await expect(8).toBeBetweenZeroAndTen();
    await expect(11).not.toBeBetweenZeroAndTen();
    expect(2).toBeEven();
    expect(3).toBeOdd();
  });
});
