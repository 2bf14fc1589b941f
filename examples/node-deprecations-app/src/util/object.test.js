'use strict';

const { test } = require('node:test');
const assert = require('assert');
const { isPlainObject, pick, merge } = require('./object');

test('isPlainObject accepts only plain objects', () => {
  assert.equal(isPlainObject({}), true);
  assert.equal(isPlainObject(null), false);
  assert.equal(isPlainObject([]), false);
  assert.equal(isPlainObject(new Date(0)), false);
  assert.equal(isPlainObject(/x/), false);
  assert.equal(isPlainObject('x'), false);
});

test('pick skips undefined fields', () => {
  assert.deepEqual(pick({ a: 1, b: undefined, c: 3 }, ['a', 'b', 'c', 'd']), { a: 1, c: 3 });
});

test('merge is recursive for plain objects only', () => {
  const merged = merge({ a: { x: 1, y: 2 }, list: [1, 2] }, { a: { y: 3 }, list: [9] });
  assert.deepEqual(merged, { a: { x: 1, y: 3 }, list: [9] });
});
