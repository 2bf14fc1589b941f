'use strict';

const { test } = require('node:test');
const assert = require('assert');

test('numbers', () => {
  assert.equal(1 + 1, 2);
  assert.notEqual(1, 2);
  assert.deepEqual({ a: [1] }, { a: [1] });
  assert.notDeepEqual({ a: 1 }, { a: 2 });
  assert.ok(true);
  assert(true);
  require('node:assert').equal('x', 'x');
});

test('a local object with the same method names is left alone', () => {
  const other = { equal: (a, b) => a === b };
  other.equal(1, 1);
});
