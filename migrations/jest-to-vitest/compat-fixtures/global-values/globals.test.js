import { expect, it } from 'vitest';
import { label, mode } from './src/flags.js';

it("sees the Jest config's globals values while its modules load", () => {
  expect(mode).toBe('dev');
  expect(label).toEqual({ name: 'store' });
});
