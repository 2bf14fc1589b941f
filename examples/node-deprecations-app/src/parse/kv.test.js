'use strict';

const { test } = require('node:test');
const { equal, deepEqual, throws } = require('node:assert');
const { parseKv, formatKv } = require('./kv');

test('parseKv reads keys, numbers and flags', () => {
  deepEqual(parseKv('# settings\nname = recordkit\nwidth=8\n\nverbose\n'), {
    name: 'recordkit',
    width: 8,
    verbose: true,
  });
});

test('parseKv takes another separator', () => {
  deepEqual(parseKv('a: 1\nb: two', { separator: ':' }), { a: 1, b: 'two' });
});

test('parseKv refuses non-strings', () => {
  throws(() => parseKv(42), TypeError);
});

test('formatKv sorts keys', () => {
  equal(formatKv({ b: 2, a: 'x' }), 'a=x\nb=2');
});
