afterEach(() => {
  vi.clearAllMocks();
});
beforeEach(() => {
  vi.resetAllMocks();
});
afterAll(() => {
  vi.restoreAllMocks();
});
afterEach(() => {
  vi.useRealTimers();
});
const reset = vi.resetModules;
