'use strict';

const { test } = require('node:test');
const assert = require('assert');
const { recordId, sum16 } = require('./checksum');

test('recordId is stable and ignores key order', () => {
  assert.equal(recordId({ a: 1, b: 'x' }), recordId({ b: 'x', a: 1 }));
  assert.notEqual(recordId({ a: 1 }), recordId({ a: 2 }));
  assert.equal(recordId({ a: 1 }).length, 12);
  assert.equal(recordId({ name: 'Ada', age: 36 }), '683196754f8c');
});

test('sum16 wraps around', () => {
  assert.equal(sum16(new Buffer([1, 2, 3])), 6);
  assert.equal(sum16(new Buffer(300).fill(0xff)), (300 * 255) & 0xffff);
});
