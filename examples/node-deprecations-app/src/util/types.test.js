'use strict';

const { test } = require('node:test');
const assert = require('assert');
const { kindOf, expectString, toArray } = require('./types');

test('kindOf names every kind of value', () => {
  assert.equal(kindOf(null), 'null');
  assert.equal(kindOf(undefined), 'null');
  assert.equal(kindOf([1]), 'array');
  assert.equal(kindOf('x'), 'string');
  assert.equal(kindOf(3), 'number');
  assert.equal(kindOf(false), 'boolean');
  assert.equal(kindOf(() => 1), 'function');
  assert.equal(kindOf({ a: 1 }), 'object');
  assert.equal(kindOf(Symbol('s')), 'other');
});

test('expectString returns strings and rejects the rest', () => {
  assert.equal(expectString('ok', 'name'), 'ok');
  assert.throws(() => expectString(42, 'name'), /name must be a string, got number/);
});

test('toArray wraps values', () => {
  assert.deepEqual(toArray('a'), ['a']);
  assert.deepEqual(toArray(['a', 'b']), ['a', 'b']);
  assert.deepEqual(toArray(undefined), []);
  assert.notEqual(toArray(0).length, 0);
});
