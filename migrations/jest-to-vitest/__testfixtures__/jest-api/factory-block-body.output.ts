import Api from './api';
import Store from './store';
import Logger from './logger';
import Widget from './widget';

const mockFetch = vi.fn();
const config = vi.hoisted(() => ({
  retries: 2
}));

vi.mock('./api', () => {
  const m = vi.fn();
  return { default: m };
});

vi.mock('./store', () => {
  const mockFetch = vi.fn();
  return {
    load: mockFetch,

    get default() {
      return this;
    }
  };
});

vi.mock('./logger', () => {
  const log = vi.fn().mockName('log');
  return {
    default: log
  };
});

vi.mock('./widget', () => {
  if (process.env.LEGACY) {
    return {
      default: () => null
    };
  }
  return {
    default: class {
      render() {
        return null;
      }
    }
  };
});

vi.mock('./retry', () => {
  const make = () => {
    return 1;
  };
  return {
    make,
    retries: config.retries,

    get default() {
      return this;
    }
  };
});

vi.mock('./computed', () => {
  return makeMock();
});

vi.mock('./empty', () => {
  vi.fn();
});

it('uses the mocks', () => {
  expect(new Api()).toBeDefined();
  expect(Store.load).toBe(undefined);
  expect(Logger).toBeDefined();
  expect(Widget).toBeDefined();
  expect(mockFetch).not.toHaveBeenCalled();
});
