'use strict';

const { test } = require('node:test');
const assert = require('assert');
const { parseArgs } = require('./args');

test('parseArgs splits command, flags, options and files', () => {
  assert.deepEqual(parseArgs(['hex', '--width', '8', 'a.txt', '--lines']), {
    command: 'hex',
    flags: { lines: true },
    options: { width: '8' },
    files: ['a.txt'],
  });
});

test('parseArgs refuses unknown options and missing values', () => {
  assert.throws(() => parseArgs(['table', '--nope']), /unknown option --nope/);
  assert.throws(() => parseArgs(['hex', '--width']), /needs a value/);
  assert.throws(() => parseArgs('table'), TypeError);
});

test('parseArgs with nothing gives no command', () => {
  assert.equal(parseArgs([]).command, null);
});
