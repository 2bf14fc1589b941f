import { format } from 'date-fns';
import { track } from '../analytics';

vi.mock('date-fns', async () => ({
  ...(await vi.importActual<typeof import('date-fns')>('date-fns')),
  format: vi.fn(() => '2020-01-01')
}));

vi.mock('../analytics', async () => {
  const actual = await vi.importActual<typeof import('../analytics')>('../analytics');
  return { ...actual, track: vi.fn() };
});

it('formats', () => {
  expect(format(new Date(), 'yyyy')).toBe('2020-01-01');
  expect(track).not.toHaveBeenCalled();
});
