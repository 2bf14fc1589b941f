import * as YAML from 'yaml';

const mockWarn = vi.spyOn(global.process, 'emitWarning').mockImplementation(() => undefined as never);
const log = vi.spyOn(console, 'log').mockImplementation(() => {});
const once = vi.fn().mockImplementationOnce();

beforeEach(() => {
  mockWarn.mockClear();
});

test('warns', () => {
  vi.spyOn(Math, 'random').mockImplementation(() => undefined as never);
  YAML.parse('a: 1');
  expect(mockWarn).not.toHaveBeenCalled();
  expect(log).not.toHaveBeenCalled();
  expect(once).toBeDefined();
});
