import { test, expect } from 'vitest';

import fn from './fn.js';
import { a } from './named.js';

test('calls the default export', () => {
  expect(fn()).toBe(a);
});
