'use strict';

const { test } = require('node:test');
const assert = require('assert');
const { toBuffer, padBytes } = require('./encode');

test('toBuffer encodes strings and reserves zeroed bytes for numbers', () => {
  assert.equal(toBuffer('ab').toString(), 'ab');
  assert.deepEqual([...toBuffer(3)], [0, 0, 0]);
  const same = Buffer.from('x');
  assert.equal(toBuffer(same), same);
});

test('padBytes pads with zeros', () => {
  assert.deepEqual([...padBytes('a', 3)], [0x61, 0, 0]);
  assert.equal(padBytes('abcd', 2).length, 4);
});
