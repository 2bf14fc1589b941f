'use strict';

const { test } = require('node:test');
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { PassThrough } = require('stream');
const { stripBom, readText, readStream } = require('./read');
const { writeText } = require('./write');

test('stripBom removes a UTF-8 BOM only', () => {
  assert.equal(stripBom(new Buffer('\ufeffabc')).toString(), 'abc');
  assert.equal(stripBom(new Buffer('abc')).toString(), 'abc');
});

test('writeText then readText round-trips through a file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recordkit-'));
  const file = path.join(dir, 'out.txt');
  assert.equal(writeText(file, 'héllo'), 7);
  assert.equal(await readText(file), 'héllo\n');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('readStream joins string and Buffer chunks', async () => {
  const stream = new PassThrough();
  const done = readStream(stream);
  stream.write(new Buffer([0xef, 0xbb, 0xbf]));
  stream.write('a,b\n');
  stream.end('1,2\n');
  assert.equal(await done, 'a,b\n1,2\n');
});

test('writeText writes to a stream for "-"', () => {
  const chunks = [];
  writeText('-', 'x', { write: (chunk) => chunks.push(chunk) });
  assert.equal(Buffer.concat(chunks).toString(), 'x\n');
});
