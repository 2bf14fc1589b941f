// A mock of the package's main entry: Vitest mocks it for the test's own import, inlined or not.
import { search } from 'fake-deep';
import { expect, it, vi } from 'vitest';

vi.mock('fake-deep', () => ({ search: () => 'mocked entry' }));

it("mocks the package's main entry", () => {
  expect(search('shoes')).toBe('mocked entry');
});
