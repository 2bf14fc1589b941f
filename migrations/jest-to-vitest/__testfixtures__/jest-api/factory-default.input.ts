import generateId from '../logic/generateId';
import Tracker from './tracker';

let i = 0;

jest.mock('../logic/generateId', () => () => String(i++));
jest.mock('./tracker', () => class {
  track() {}
});
jest.mock('./logger', () => jest.fn().mockReturnValue(true));
jest.mock('./named', () => ({ named: jest.fn() }));
jest.mock('./computed', () => makeMock());

it('ids', () => {
  expect(generateId()).toBe('0');
  expect(new Tracker()).toBeDefined();
});
