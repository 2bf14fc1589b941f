// The shape of jest-mock-warn 1.1.0's mockWarn(): called by a test file, it reaches Jest's globals.
exports.mockWarn = function mockWarn() {
  let warn;
  expect.extend({
    toHaveBeenWarned(received) {
      const pass = warn.mock.calls.some((args) => args[0].includes(received));
      return { pass, message: () => `expected "${received}" to have been warned` };
    },
  });
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn');
    warn.mockImplementation(() => {});
  });
  afterEach(() => {
    warn.mockRestore();
  });
};
