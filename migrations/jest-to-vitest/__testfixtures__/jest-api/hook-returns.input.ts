const mock = jest.spyOn(global.process, 'emitWarning').mockImplementation(() => undefined as never);
const legacy = jest.genMockFunction().mockReturnValue(1);

beforeEach(() => mock.mockClear());
beforeAll(() => jest.spyOn(console, 'error'));
beforeEach(() => server.listen());
afterEach(() => mock.mockRestore());

test('warns', () => {
  expect(legacy()).toBe(1);
  expect(mock).not.toHaveBeenCalled();
});
