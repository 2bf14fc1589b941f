import { format } from 'date-fns';
import { track } from '../analytics';

vi.mock('date-fns', async (importOriginal) => ({
  ...(await importOriginal<typeof import('date-fns')>()),
  format: vi.fn(() => '2020-01-01'),

  get default() {
    return this;
  }
}));

vi.mock('../analytics', async (importOriginal) => {
  const actual = await importOriginal<any>();
  return {
    ...actual,
    track: vi.fn(),

    get default() {
      return this;
    }
  };
});

vi.mock('../tracker', async () => ({
  ...(await vi.importActual<typeof import('../analytics')>('../analytics')),
  name: 'tracker',

  get default() {
    return this;
  }
}));

it('formats', () => {
  expect(format(new Date(), 'yyyy')).toBe('2020-01-01');
  expect(track).not.toHaveBeenCalled();
});
