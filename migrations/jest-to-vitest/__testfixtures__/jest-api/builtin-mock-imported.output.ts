import { request } from 'node:http';
import { push } from '../src/push';

// An ES module under test imports the builtin: vi.mock reaches it, nothing is added.
vi.mock('node:http', () => ({
  request: vi.fn(),

  get default() {
    return this;
  }
}));

it('posts', () => {
  push();
  expect(request).toHaveBeenCalled();
});
