afterEach(jest.clearAllMocks);
beforeEach(jest.resetAllMocks);
afterAll(jest.restoreAllMocks);
afterEach(jest.useRealTimers);
const reset = jest.resetModules;
