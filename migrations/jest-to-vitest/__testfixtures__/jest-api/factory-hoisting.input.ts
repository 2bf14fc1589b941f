import Client from './client';

const mockSend = jest.fn();
const mockConfig = { url: 'x' };

jest.mock('./client', () => ({
  send: (...args: unknown[]) => mockSend(...args),
  config: mockConfig,
}));

jest.mock('./virtual-thing', () => ({ a: 1 }), { virtual: true });
jest.mock('./logger', () => jest.fn());

it('sends', () => {
  new Client().send();
  expect(mockSend).toHaveBeenCalled();
});
