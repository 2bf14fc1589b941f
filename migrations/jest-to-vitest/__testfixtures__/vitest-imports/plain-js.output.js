'use strict';
import { test, expect } from 'vitest';

const { sum } = require('./sum');

test('sum', () => {
  expect(sum(1, 2)).toBe(3);
});
