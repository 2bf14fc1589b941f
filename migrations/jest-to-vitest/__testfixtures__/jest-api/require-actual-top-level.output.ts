import { format } from 'date-fns';
import api from './api';

const kept = await vi.importActual<any>('./kept');

vi.mock('date-fns', async (importOriginal) => {
  const actual = await importOriginal<any>();

  return {
    ...actual,
    format: vi.fn(() => 'today'),

    get default() {
      return this;
    }
  };
});

vi.mock('./api', async (importOriginal) => {
  const actualApi = await importOriginal<typeof import('./api')>();
  const fetchUser = vi.fn();
  return {
    ...actualApi,
    fetchUser,

    get default() {
      return this;
    }
  };
});

vi.mock('./kept', async (importOriginal) => {
  const kept = await importOriginal<any>();

  return {
    ...kept,
    flag: true,

    get default() {
      return this;
    }
  };
});

it('formats', () => {
  expect(format(new Date(), 'yyyy')).toBe('today');
  expect(api).toBeDefined();
  expect(kept.other()).toBe(1);
});
