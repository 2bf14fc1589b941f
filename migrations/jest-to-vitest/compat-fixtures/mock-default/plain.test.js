// Jest's form: jest-api and vitest-imports migrate it before the run.
import { viaDefault } from './src/reader.js';

jest.mock('fakepkg', () => ({ readThing: jest.fn(() => 'plain') }));

test('a default import of a mock object gets the object', () => expect(viaDefault()).toBe('plain'));
