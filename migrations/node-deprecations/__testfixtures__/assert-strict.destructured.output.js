const { test } = require('node:test');
const { strictEqual, deepStrictEqual: same, throws } = require('node:assert');

test('parse', () => {
  strictEqual(parseInt('42', 10), 42);
  same([1, 2], [1, 2]);
  throws(() => JSON.parse('{'));
});

function helper(equal) {
  // Not the assertion: a parameter.
  return equal;
}

module.exports = { helper };
