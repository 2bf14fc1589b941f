'use strict';

const { test } = require('node:test');
const assert = require('assert');
const { Readable } = require('stream');
const { main } = require('./main');

function fakeIo(input) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdin: Readable.from([new Buffer(input || '', 'utf8')]),
      stdout: { write: (chunk) => (out.stdout += chunk.toString()) },
      stderr: { write: (chunk) => (out.stderr += chunk.toString()) },
    },
  };
}

test('main prints a table from standard input', async () => {
  const { io, out } = fakeIo('name,qty\npen,3\n');
  assert.equal(await main(['table', '-'], io), 0);
  assert.equal(out.stdout, 'name | qty\n-----+----\npen  |   3\n');
});

test('main reports unknown commands with exit code 2', async () => {
  const { io, out } = fakeIo();
  assert.equal(await main(['frobnicate'], io), 2);
  assert.ok(out.stderr.includes('unknown command frobnicate'));
});

test('main turns errors into a message and exit code 1', async () => {
  const { io, out } = fakeIo('a=1');
  assert.equal(await main(['hex', '--width', 'zero', '-'], io), 1);
  assert.equal(out.stderr, 'recordkit: expected a positive integer, got "zero"\n');
});
