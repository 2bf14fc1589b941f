import Client from './client';
import { Socket } from './socket';
import * as storage from './storage';
import { Logger } from './logger';
import { format } from './format';

vi.mock('./client');
vi.mock('./socket', () => ({
  Socket: vi.fn(function() {
    return {
      send: vi.fn()
    };
  }),

  get default() {
    return this;
  }
}));
vi.mock('./storage', () => ({
  Store: vi.fn().mockImplementation(function() {
    return {
      get: vi.fn()
    };
  }),

  get default() {
    return this;
  }
}));
vi.mock('./logger', () => ({
  Logger: vi.fn(async () => ({ log: vi.fn() })),

  get default() {
    return this;
  }
}));
vi.mock('./format', () => ({
  format: vi.fn(() => 'formatted'),

  get default() {
    return this;
  }
}));

const Timer = vi.fn(function(ms: number) {
  return {
    ms
  };
});
const lib = { Parser: class {} };

beforeEach(() => {
  (Client as jest.Mock).mockImplementation(function() {
    return {
      connect: vi.fn()
    };
  });
  vi.mocked(Client).mockImplementationOnce(function() {
    const connect = vi.fn();
    return { connect };
  });
  vi.spyOn(lib, 'Parser').mockImplementation(() => ({ parse: () => this }));
  vi.spyOn(lib, 'Parser').mockImplementationOnce(function () {
    return { parse: () => this };
  });
});

it('constructs', () => {
  expect(new Client().connect).toBeDefined();
  expect(new Socket().send).toBeDefined();
  expect(new storage.Store().get).toBeDefined();
  expect(new Logger()).toBeDefined();
  expect(new Timer(5).ms).toBe(5);
  expect(new lib.Parser()).toBeDefined();
  expect(format()).toBe('formatted');
  expect([1].map((n) => n + 1)).toEqual([2]);
});
