'use strict';

const { test } = require('node:test');
const assert = require('assert');
const { coerce, parsePositiveInt } = require('./number');

test('coerce turns numeric cells into numbers', () => {
  assert.equal(coerce('42'), 42);
  assert.equal(coerce(' -1.5 '), -1.5);
  assert.equal(coerce('1e3'), 1000);
  assert.equal(coerce('12abc'), '12abc');
  assert.equal(coerce(''), '');
  assert.equal(coerce(7), 7);
});

test('parsePositiveInt takes a default and refuses nonsense', () => {
  assert.equal(parsePositiveInt(undefined, 16), 16);
  assert.equal(parsePositiveInt('8', 16), 8);
  assert.throws(() => parsePositiveInt('0', 16), RangeError);
  assert.throws(() => parsePositiveInt('abc', 16), /positive integer/);
});
