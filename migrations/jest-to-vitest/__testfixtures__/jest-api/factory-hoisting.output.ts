import Client from './client';

const mockSend = vi.fn();
const mockConfig = vi.hoisted(() => ({
  url: 'x'
}));

vi.mock('./client', () => ({
  send: (...args: unknown[]) => mockSend(...args),
  config: mockConfig,

  get default() {
    return this;
  }
}));

vi.mock('./virtual-thing', () => ({
  a: 1,

  get default() {
    return this;
  }
}), { virtual: true });
vi.mock('./logger', () => ({
  default: vi.fn()
}));

it('sends', () => {
  new Client().send();
  expect(mockSend).toHaveBeenCalled();
});
