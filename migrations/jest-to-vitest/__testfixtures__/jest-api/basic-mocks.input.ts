import { fetchUser } from './api';
import { render } from './render';

jest.mock('./api');

describe('user', () => {
  const onSave = jest.fn();
  const log = jest.spyOn(console, 'log').mockImplementation(() => {});

  beforeEach(() => {
    jest.clearAllMocks();
    jest.mocked(fetchUser).mockResolvedValue({ id: 1 });
  });

  afterAll(() => {
    jest.restoreAllMocks();
  });

  it('saves', async () => {
    render(onSave);
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(log).not.toHaveBeenCalled();
    expect(jest.isMockFunction(onSave)).toBe(true);
  });
});
