import { fetchUser } from './api';
import { render } from './render';

vi.mock('./api');

describe('user', () => {
  const onSave = vi.fn();
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});

  beforeEach(() => {
    vi.clearAllMocks();
    vi.mocked(fetchUser).mockResolvedValue({ id: 1 });
  });

  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('saves', async () => {
    render(onSave);
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(log).not.toHaveBeenCalled();
    expect(vi.isMockFunction(onSave)).toBe(true);
  });
});
