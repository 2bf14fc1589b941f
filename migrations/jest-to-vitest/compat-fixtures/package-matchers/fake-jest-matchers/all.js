// What jest-extended/all does: extend Jest's global expect, or stop when there is none.
const jestExpect = global.expect;
if (jestExpect === undefined) throw new Error("Unable to find Jest's global expect.");
jestExpect.extend({
  toBeFoo(received) {
    return { pass: received === 'foo', message: () => `expected ${received} to be foo` };
  },
});
