// Run by vitest-settings.test.ts with the compat setup file and fake-jest-matchers among the
// setup files, as jest-extended/all would be: its matchers reach the expect the test imports.
import { expect, it } from 'vitest';

it('has the matchers a setup package added to the global expect', () => {
  expect('foo').toBeFoo();
  expect('bar').not.toBeFoo();
});
