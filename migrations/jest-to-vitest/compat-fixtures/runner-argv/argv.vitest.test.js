// The same test on Vitest, whose pools run tests in workers with argv of their own.
import { expect, test } from 'vitest';

test('process.argv holds no flag of the runner', () => {
  expect(process.argv.filter((arg) => arg.startsWith('-'))).toEqual([]);
});
