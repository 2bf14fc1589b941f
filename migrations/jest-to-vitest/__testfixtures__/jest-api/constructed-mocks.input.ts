import Client from './client';
import { Socket } from './socket';
import * as storage from './storage';
import { Logger } from './logger';
import { format } from './format';

jest.mock('./client');
jest.mock('./socket', () => ({
  Socket: jest.fn(() => ({ send: jest.fn() })),
}));
jest.mock('./storage', () => ({
  Store: jest.fn().mockImplementation(() => ({ get: jest.fn() })),
}));
jest.mock('./logger', () => ({
  Logger: jest.fn(async () => ({ log: jest.fn() })),
}));
jest.mock('./format', () => ({
  format: jest.fn(() => 'formatted'),
}));

const Timer = jest.fn((ms: number) => ({ ms }));
const lib = { Parser: class {} };

beforeEach(() => {
  (Client as jest.Mock).mockImplementation(() => ({ connect: jest.fn() }));
  jest.mocked(Client).mockImplementationOnce(() => {
    const connect = jest.fn();
    return { connect };
  });
  jest.spyOn(lib, 'Parser').mockImplementation(() => ({ parse: () => this }));
  jest.spyOn(lib, 'Parser').mockImplementationOnce(function () {
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
