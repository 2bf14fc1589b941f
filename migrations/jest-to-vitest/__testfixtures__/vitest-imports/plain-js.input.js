'use strict';

const { sum } = require('./sum');

test('sum', () => {
  expect(sum(1, 2)).toBe(3);
});
