import { request } from 'node:http';
import { push } from '../src/push';

// An ES module under test imports the builtin: vi.mock reaches it, nothing is added.
jest.mock('node:http', () => ({ request: jest.fn() }));

it('posts', () => {
  push();
  expect(request).toHaveBeenCalled();
});
