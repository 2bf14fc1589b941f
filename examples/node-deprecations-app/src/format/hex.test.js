'use strict';

const { test } = require('node:test');
const assert = require('assert');
const { hexdump, fromHex } = require('./hex');

test('hexdump prints offsets, bytes and text', () => {
  assert.equal(hexdump('Hi!\n', 4), '00000000  48 69 21 0a  |Hi!.|');
  const two = hexdump(new Buffer([0, 1, 2, 3, 4, 5]), 4).split('\n');
  assert.equal(two.length, 2);
  assert.equal(two[1], '00000004  04 05        |..|');
});

test('fromHex reverses a dump', () => {
  assert.deepEqual(fromHex('de ad be ef'), Buffer('\xde\xad\xbe\xef', 'latin1'));
  assert.throws(() => fromHex('abc'), SyntaxError);
});
