import generateId from '../logic/generateId';
import Tracker from './tracker';

let i = 0;

vi.mock('../logic/generateId', () => ({
  default: () => String(i++)
}));
vi.mock('./tracker', () => ({
  default: class {
    track() {}
  }
}));
vi.mock('./logger', () => ({
  default: vi.fn().mockReturnValue(true)
}));
vi.mock('./named', () => ({
  named: vi.fn(),

  get default() {
    return this;
  }
}));
vi.mock('./computed', () => makeMock());

it('ids', () => {
  expect(generateId()).toBe('0');
  expect(new Tracker()).toBeDefined();
});
