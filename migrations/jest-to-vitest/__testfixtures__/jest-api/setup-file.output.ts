import '@testing-library/jest-dom/vitest';
import { server } from './mocks/server';

vi.setConfig({ testTimeout: 10000 });

beforeAll(() => server.listen());
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

Object.defineProperty(window, 'matchMedia', {
  value: vi.fn().mockImplementation((query: string) => ({ matches: false, media: query })),
});
