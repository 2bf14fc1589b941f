beforeEach(() => {
  jest.useFakeTimers();
  jest.setSystemTime(new Date('2020-01-01'));
});

afterEach(() => {
  jest.runOnlyPendingTimers();
  jest.useRealTimers();
});

it('ticks', async () => {
  jest.useFakeTimers('modern');
  const spy = jest.fn();
  setTimeout(spy, 1000);
  jest.advanceTimersByTime(1000);
  await jest.advanceTimersByTimeAsync(10);
  jest.runAllTimers();
  jest.runAllTicks();
  expect(jest.getTimerCount()).toBe(0);
  expect(jest.now()).toBe(Date.now());
  jest.clearAllTimers();
});
