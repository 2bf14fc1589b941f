import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { blockMockReturningHooks } from './hook-returns.js';

function rewrite(source: string): string {
  const j = jscodeshift.withParser('tsx');
  const root = j(source);
  blockMockReturningHooks(j, root, 'jest');
  return root.toSource({ quote: 'single' });
}

describe('blockMockReturningHooks', () => {
  it('gives a setup hook that returns a mock a block body, and leaves every other hook', () => {
    // eemeli/yaml's tests/doc/errors.ts: Vitest called the cleared spy as beforeEach's teardown.
    const source = [
      "const mock = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined as never)",
      'beforeEach(() => mock.mockClear())',
      "beforeAll(async () => jest.spyOn(console, 'error'))",
      'beforeEach(() => server.listen())',
      'beforeEach(() => { mock.mockClear() })',
      'afterEach(() => mock.mockRestore())',
    ].join('\n');
    expect(rewrite(source).split('\n')).toEqual([
      "const mock = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined as never)",
      'beforeEach(() => {',
      '  mock.mockClear();',
      '})',
      'beforeAll(async () => {',
      "  jest.spyOn(console, 'error');",
      '})',
      'beforeEach(() => server.listen())',
      'beforeEach(() => { mock.mockClear() })',
      'afterEach(() => mock.mockRestore())',
    ]);
  });
});
