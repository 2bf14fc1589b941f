beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2020-01-01'));
});

afterEach(() => {
  vi.runOnlyPendingTimers();
  vi.useRealTimers();
});

it('ticks', async () => {
  vi.useFakeTimers();
  const spy = vi.fn();
  setTimeout(spy, 1000);
  vi.advanceTimersByTime(1000);
  await vi.advanceTimersByTimeAsync(10);
  vi.runAllTimers();
  vi.runAllTicks();
  expect(vi.getTimerCount()).toBe(0);
  expect(Date.now()).toBe(Date.now());
  vi.clearAllTimers();
});
