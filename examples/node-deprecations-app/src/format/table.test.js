'use strict';

const { test } = require('node:test');
const assert = require('assert');
const { formatTable } = require('./table');

test('formatTable aligns text left and numbers right', () => {
  const text = formatTable(['name', 'age'], [{ name: 'Ada', age: 36 }, { name: 'Grace', age: 5 }]);
  assert.equal(text, ['name  | age', '------+----', 'Ada   |  36', 'Grace |   5'].join('\n'));
});

test('formatTable cuts long cells', () => {
  const text = formatTable(['note'], [{ note: 'abcdefgh' }], { maxWidth: 4 });
  assert.equal(text.split('\n')[2], 'abc\u2026');
});

test('formatTable prints only the header for no records', () => {
  assert.equal(formatTable(['a'], []).split('\n').length, 2);
});
