// Without noUncheckedIndexedAccess calls[0] is no union with undefined: left as it is.
import { vi, type MockInstance } from 'vitest';

let warnSpy: MockInstance;

it('warns', () => {
  warnSpy = vi.spyOn(console, 'warn').mockImplementation(() => {});
  console.warn('Missed execution deadline by 100ms');
  const message = warnSpy.mock.calls[0][0];
  expect(message).toContain('Missed execution deadline');
  expect(warnSpy.mock.calls[0]).toHaveLength(1);
  expect(warnSpy.mock.calls[0]![0]).toBe(message);
  expect(warnSpy.mock.calls.length).toBe(1);
});
