// A test file written for a Jest config with `fakeTimers: { enableGlobally: true, doNotFake: ['setImmediate'] }`:
// it never calls useFakeTimers, and a timer set while it loads is fake too.
import { expect, it, vi } from 'vitest';

const atLoad = vi.fn();
setTimeout(atLoad, 50);

it('starts with fake timers: a timer runs only when the clock is advanced', () => {
  expect(vi.isFakeTimers()).toBe(true);
  expect(atLoad).not.toHaveBeenCalled();
  vi.advanceTimersByTime(50);
  expect(atLoad).toHaveBeenCalledTimes(1);
});

it('leaves what doNotFake names real', async () => {
  await new Promise((resolve) => setImmediate(resolve));
});
