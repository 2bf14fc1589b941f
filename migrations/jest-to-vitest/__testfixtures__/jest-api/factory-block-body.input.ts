import Api from './api';
import Store from './store';
import Logger from './logger';
import Widget from './widget';

const mockFetch = jest.fn();
const config = { retries: 2 };

jest.mock('./api', () => {
  const m = jest.fn();
  return { default: m };
});

jest.mock('./store', () => {
  const mockFetch = jest.fn();
  return { load: mockFetch };
});

jest.mock('./logger', () => {
  const log = jest.fn().mockName('log');
  return log;
});

jest.mock('./widget', () => {
  if (process.env.LEGACY) {
    return () => null;
  }
  return class {
    render() {
      return null;
    }
  };
});

jest.mock('./retry', () => {
  const make = () => {
    return 1;
  };
  return { make, retries: config.retries };
});

jest.mock('./computed', () => {
  return makeMock();
});

jest.mock('./empty', () => {
  jest.fn();
});

it('uses the mocks', () => {
  expect(new Api()).toBeDefined();
  expect(Store.load).toBe(undefined);
  expect(Logger).toBeDefined();
  expect(Widget).toBeDefined();
  expect(mockFetch).not.toHaveBeenCalled();
});
