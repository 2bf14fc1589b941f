// The code under test constructs what these mocks stand for; this file imports none of them.
import { render } from './render';

vi.mock('./CountdownJs', () => {
  return {
    default: vi.fn().mockImplementation(function(props: object) {
      return {
        props,
        start: vi.fn()
      };
    })
  };
});
vi.mock('./Store/index', () => ({
  default: vi.fn(function() {
    return {
      fetch: vi.fn()
    };
  })
}));
vi.mock('./api', () => ({
  ApiClient: vi.fn(function() {
    return {
      get: vi.fn()
    };
  }),

  request: vi.fn(() => Promise.resolve({})),

  get default() {
    return this;
  }
}));
vi.mock('./helpers', () => ({
  default: vi.fn(() => 'help')
}));

it('renders', () => {
  expect(render()).toBeDefined();
});
