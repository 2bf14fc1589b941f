import { format } from 'date-fns';
import { track } from '../analytics';

jest.mock('date-fns', () => ({
  ...jest.requireActual('date-fns'),
  format: jest.fn(() => '2020-01-01'),
}));

jest.mock('../analytics', () => {
  const actual = jest.requireActual('../analytics');
  return { ...actual, track: jest.fn() };
});

jest.mock('../tracker', () => ({ ...jest.requireActual('../analytics'), name: 'tracker' }));

it('formats', () => {
  expect(format(new Date(), 'yyyy')).toBe('2020-01-01');
  expect(track).not.toHaveBeenCalled();
});
