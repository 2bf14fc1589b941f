// Jest's form: jest-api and vitest-imports migrate it before the run.
import { readThing, other } from 'fakepkg';
import { viaDefault, viaNamespace } from './src/reader.js';

jest.mock('fakepkg', () => ({ ...jest.requireActual('fakepkg'), readThing: jest.fn(() => 'mocked') }));

test('named imports: the mock, and the original for the rest', () => {
  expect(readThing()).toBe('mocked');
  expect(other()).toBe('real-other');
});
test('a module that default-imports the package gets the mock', () => expect(viaDefault()).toBe('mocked'));
test("the namespace's default is the mock too", () => expect(viaNamespace()).toBe('mocked/mocked'));
