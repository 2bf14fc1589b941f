const mock = vi.spyOn(global.process, 'emitWarning').mockImplementation(() => undefined as never);
const legacy = vi.fn().mockReturnValue(1);

beforeEach(() => {
  mock.mockClear();
});
beforeAll(() => {
  vi.spyOn(console, 'error');
});
beforeEach(() => server.listen());
afterEach(() => mock.mockRestore());

test('warns', () => {
  expect(legacy()).toBe(1);
  expect(mock).not.toHaveBeenCalled();
});
