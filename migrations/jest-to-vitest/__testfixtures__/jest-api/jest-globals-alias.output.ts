import { vi as j, expect, test } from 'vitest';

test('alias', () => {
  const fn = j.fn();
  fn();
  expect(fn).toHaveBeenCalled();
});
