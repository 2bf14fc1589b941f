import { test } from './fixtures';
import { expect } from 'vitest';

type Mock = { id: number };

function it(name: string) {
  return name;
}

test('custom', () => {
  const value: Mock = { id: 1 };
  expect(it('x')).toBe('x');
  const obj = { describe: 1, expect };
  obj.describe;
});
