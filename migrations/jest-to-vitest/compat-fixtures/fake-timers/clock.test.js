// Run by vitest-settings.test.ts with the compat setup file: what Jest's fake timers did with a
// Date.now the test had mocked before faking timers (react-countdown's fixtures do this).
import { expect, it, vi } from 'vitest';

it('starts the fake clock at the real time, without calling the mocked Date.now', () => {
  const mocked = vi.fn(() => 1482363367071);
  Date.now = mocked;
  vi.useFakeTimers();
  expect(mocked).not.toHaveBeenCalled();
  expect(Date.now()).toBeGreaterThan(1600000000000);
  vi.useRealTimers();
  expect(Date.now).toBe(mocked);
});
