'use strict';

const { test } = require('node:test');
const assert = require('node:assert');
const { splitLine, parseCsv } = require('./csv');

test('splitLine handles quotes and commas inside quotes', () => {
  assert.deepEqual(splitLine('a,"b,c","say ""hi"""'), ['a', 'b,c', 'say "hi"']);
  assert.deepEqual(splitLine(''), ['']);
});

test('parseCsv reads a header and typed records', () => {
  const { columns, records } = parseCsv('name,age\nAda,36\nLin,\n');
  assert.deepEqual(columns, ['name', 'age']);
  assert.deepEqual(records, [{ name: 'Ada', age: 36 }, { name: 'Lin', age: '' }]);
});

test('parseCsv accepts a Buffer and fills missing cells with null', () => {
  const { records } = parseCsv(new Buffer('a,b\n1\n'));
  assert.equal(records.length, 1);
  assert.equal(records[0].a, 1);
  assert.equal(records[0].b, null);
});
