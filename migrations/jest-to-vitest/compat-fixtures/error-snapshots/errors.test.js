import { expect, test } from 'vitest';

test('a thrown TypeError', () => {
  expect(() => {
    throw new TypeError('Invalid number of arguments (1): "GET"');
  }).toThrowErrorMatchingSnapshot();
});

test('a rejection', async () => {
  await expect(Promise.reject(new RangeError('out of range'))).rejects.toThrowErrorMatchingSnapshot('hint');
});

test('an error with a cause', () => {
  expect(() => {
    throw new Error('outer', { cause: new Error('inner') });
  }).toThrowErrorMatchingSnapshot();
});

test('a message the snapshot does not have', () => {
  expect(() => {
    throw new Error('the message now');
  }).toThrowErrorMatchingSnapshot();
});
