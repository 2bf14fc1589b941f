import * as YAML from 'yaml';

const mockWarn = jest.spyOn(global.process, 'emitWarning').mockImplementation();
const log = jest.spyOn(console, 'log').mockImplementation(() => {});
const once = jest.fn().mockImplementationOnce();

beforeEach(() => mockWarn.mockClear());

test('warns', () => {
  jest.spyOn(Math, 'random').mockImplementation();
  YAML.parse('a: 1');
  expect(mockWarn).not.toHaveBeenCalled();
  expect(log).not.toHaveBeenCalled();
  expect(once).toBeDefined();
});
