/**
 * @jest-environment jsdom
 */

import { test, expect } from 'vitest';

test('document', () => {
  expect(document.body).toBeDefined();
});
