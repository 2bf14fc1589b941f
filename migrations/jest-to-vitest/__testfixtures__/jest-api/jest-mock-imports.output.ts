import axios from 'axios';

vi.mock('axios');

test('mocked', async () => {
  vi.mocked(axios.get).mockResolvedValue('x');
  vi.mocked(axios.post).mockResolvedValue('y');
  const callback = vi.fn();
  const options = { mocked: true };
  expect(options.mocked).toBe(true);
  callback();
  expect(callback).toHaveBeenCalled();
});
