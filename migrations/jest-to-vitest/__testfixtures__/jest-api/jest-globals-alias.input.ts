import { jest as j, expect, test } from '@jest/globals';

test('alias', () => {
  const fn = j.fn();
  fn();
  expect(fn).toHaveBeenCalled();
});
