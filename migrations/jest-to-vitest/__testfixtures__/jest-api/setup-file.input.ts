import '@testing-library/jest-dom';
import { server } from './mocks/server';

jest.setTimeout(10000);

beforeAll(() => server.listen());
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

Object.defineProperty(window, 'matchMedia', {
  value: jest.fn().mockImplementation((query: string) => ({ matches: false, media: query })),
});
