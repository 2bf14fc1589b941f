import { format } from 'date-fns';
import { track } from '../analytics';

vi.mock('date-fns', async (importOriginal) => ({
  ...(await importOriginal<typeof import('date-fns')>()),
  format: vi.fn(() => '2020-01-01')
}));

vi.mock('../analytics', async (importOriginal) => {
  const actual = await importOriginal<any>();
  return { ...actual, track: vi.fn() };
});

vi.mock('../tracker', async () => ({
  ...(await vi.importActual<typeof import('../analytics')>('../analytics')),
  name: 'tracker'
}));

it('formats', () => {
  expect(format(new Date(), 'yyyy')).toBe('2020-01-01');
  expect(track).not.toHaveBeenCalled();
});
