'use strict';

const { test } = require('node:test');
const assert = require('node:assert');
const { cellText, pad, truncate } = require('./strings');

test('cellText prints numbers, strings, empty cells and objects', () => {
  assert.equal(cellText('abc'), 'abc');
  assert.equal(cellText(12), '12');
  assert.equal(cellText(1.5), '1.50');
  assert.equal(cellText(null), '');
  assert.equal(cellText(undefined), '');
  assert.equal(cellText({ a: 1 }), '{"a":1}');
});

test('pad aligns left or right', () => {
  assert.equal(pad('ab', 4, false), 'ab  ');
  assert.equal(pad('7', 3, true), '  7');
  assert.equal(pad('long', 2, false), 'long');
});

test('truncate marks the cut', () => {
  assert.equal(truncate('abcdef', 4), 'abc\u2026');
  assert.equal(truncate('abc', 4), 'abc');
  assert.notEqual(truncate('abcdef', 1), 'abcdef');
});
