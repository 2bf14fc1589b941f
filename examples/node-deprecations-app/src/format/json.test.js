'use strict';

const { test } = require('node:test');
const assert = require('assert');
const { clean, formatJson, jsonBytes } = require('./json');

test('clean sorts keys and drops undefined and functions', () => {
  assert.deepEqual(clean({ b: 1, a: undefined, c: () => 1, d: null }), { b: 1, d: null });
});

test('formatJson prints a document or lines', () => {
  assert.equal(formatJson([{ a: 1 }], { lines: true }), '{"a":1}');
  assert.equal(formatJson([{ a: 1 }, { a: 2 }], { lines: true }).split('\n').length, 2);
  assert.deepEqual(JSON.parse(formatJson([{ a: 1 }])), [{ a: 1 }]);
});

test('jsonBytes ends with a newline', () => {
  const bytes = jsonBytes([{ a: 'é' }], { lines: true });
  assert.equal(bytes[bytes.length - 1], 0x0a);
  assert.equal(bytes.toString('utf8'), '{"a":"é"}\n');
});
