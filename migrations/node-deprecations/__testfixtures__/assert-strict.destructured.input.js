const { test } = require('node:test');
const { equal, deepEqual: same, throws } = require('node:assert');

test('parse', () => {
  equal(parseInt('42', 10), 42);
  same([1, 2], [1, 2]);
  throws(() => JSON.parse('{'));
});

function helper(equal) {
  // Not the assertion: a parameter.
  return equal;
}

module.exports = { helper };
