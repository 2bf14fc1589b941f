import { format } from 'date-fns';
import api from './api';

const actual = jest.requireActual('date-fns');
const actualApi = jest.requireActual<typeof import('./api')>('./api');
const kept = jest.requireActual('./kept');

jest.mock('date-fns', () => ({ ...actual, format: jest.fn(() => 'today') }));

jest.mock('./api', () => {
  const fetchUser = jest.fn();
  return { ...actualApi, fetchUser };
});

jest.mock('./kept', () => ({ ...kept, flag: true }));

it('formats', () => {
  expect(format(new Date(), 'yyyy')).toBe('today');
  expect(api).toBeDefined();
  expect(kept.other()).toBe(1);
});
