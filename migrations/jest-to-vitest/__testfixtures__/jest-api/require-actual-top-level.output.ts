import { format } from 'date-fns';
import api from './api';

const kept = await vi.importActual<typeof import('./kept')>('./kept');

vi.mock('date-fns', async (importOriginal) => {
  const actual = await importOriginal<typeof import('date-fns')>();

  return {
    ...actual,
    format: vi.fn(() => 'today')
  };
});

vi.mock('./api', async (importOriginal) => {
  const actualApi = await importOriginal<typeof import('./api')>();
  const fetchUser = vi.fn();
  return { ...actualApi, fetchUser };
});

vi.mock('./kept', async (importOriginal) => {
  const kept = await importOriginal<typeof import('./kept')>();

  return {
    ...kept,
    flag: true
  };
});

it('formats', () => {
  expect(format(new Date(), 'yyyy')).toBe('today');
  expect(api).toBeDefined();
  expect(kept.other()).toBe(1);
});
