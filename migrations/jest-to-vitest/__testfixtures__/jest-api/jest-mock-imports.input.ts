import axios from 'axios';
import { mocked, fn as mockFn } from 'jest-mock';
import { mocked as tsMocked } from 'ts-jest/utils';

jest.mock('axios');

test('mocked', async () => {
  mocked(axios.get).mockResolvedValue('x');
  tsMocked(axios.post).mockResolvedValue('y');
  const callback = mockFn();
  const options = { mocked: true };
  expect(options.mocked).toBe(true);
  callback();
  expect(callback).toHaveBeenCalled();
});
