// The code under test constructs what these mocks stand for; this file imports none of them.
import { render } from './render';

jest.mock('./CountdownJs', () => {
  return jest.fn().mockImplementation((props: object) => ({ props, start: jest.fn() }));
});
jest.mock('./Store/index', () => jest.fn(() => ({ fetch: jest.fn() })));
jest.mock('./api', () => ({
  ApiClient: jest.fn(() => ({ get: jest.fn() })),
  request: jest.fn(() => Promise.resolve({})),
}));
jest.mock('./helpers', () => jest.fn(() => 'help'));

it('renders', () => {
  expect(render()).toBeDefined();
});
