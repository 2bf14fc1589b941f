// The migrated form of cio-plp's CioPlpGrid.test.jsx mock: a class for a file inside the package.
import { search } from 'fake-deep';
import { expect, it, vi } from 'vitest';

vi.mock('fake-deep/lib/search.js', () => ({
  default: class {
    results(query) {
      return `mocked results for ${query}`;
    }
  },
}));

it("reaches the package's own require of the mocked file", () => {
  expect(search('shoes')).toBe('[mocked results for shoes]');
});
