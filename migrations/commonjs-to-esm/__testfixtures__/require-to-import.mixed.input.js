import { test, expect } from 'vitest';

const fn = require('./fn');
const { a } = require('./named');

test('calls the default export', () => {
  expect(fn()).toBe(a);
});
