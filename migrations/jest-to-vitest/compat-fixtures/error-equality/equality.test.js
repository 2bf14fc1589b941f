// Run by vitest-settings.test.ts with the compat setup file: Errors compared as Jest's equals() did
// (@jest/expect-utils: by message; toStrictEqual also by class), checked against Jest 29 by hand.
import { expect, it, vi } from 'vitest';

class NotFound extends Error {
  constructor(message) {
    super(message);
    this.name = 'NotFound';
    this.status = 404;
  }
}

it('takes two Errors with one message as equal, whatever else they carry', () => {
  const error = new Error('boom', { cause: new Error('inner') });
  error.code = 'E_BOOM';
  expect(error).toEqual(new Error('boom'));
  expect(new NotFound('gone')).toEqual(new Error('gone'));
  expect(new NotFound('gone')).toStrictEqual(new NotFound('gone'));
  // Inside other values, as neverthrow's Results hold them.
  expect({ ok: false, error: new NotFound('gone') }).toEqual({ ok: false, error: new Error('gone') });
  const spy = vi.fn();
  spy(new NotFound('gone'));
  expect(spy).toHaveBeenCalledWith(new Error('gone'));
});

it('still tells Errors apart by message, and by class for toStrictEqual', () => {
  expect(new Error('a')).not.toEqual(new Error('b'));
  expect(new NotFound('gone')).not.toStrictEqual(new Error('gone'));
  expect({ message: 'gone' }).not.toEqual(new Error('gone'));
  expect(new Error('gone')).toEqual(expect.objectContaining({ message: 'gone' }));
  expect({ a: 1 }).not.toEqual({ a: 2 });
});
