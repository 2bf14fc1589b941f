'use strict';

const fs = require('fs');
const path = require('path');
const util = require('util');

const BOM = new Buffer([0xef, 0xbb, 0xbf]);

/** Drops a UTF-8 byte order mark, which spreadsheet exports like to add. */
function stripBom(bytes) {
  return bytes.slice(0, 3).equals(BOM) ? bytes.slice(3) : bytes;
}

/** Reads a file, or standard input for "-", as UTF-8 text without a BOM. */
function readText(file, stdin) {
  if (file === '-') return readStream(stdin);
  const bytes = fs.readFileSync(path.resolve(file));
  return Promise.resolve(stripBom(bytes).toString('utf8'));
}

function readStream(stream) {
  return new Promise((resolve, reject) => {
    let collected = new Buffer(0);
    stream.on('data', (chunk) => {
      const bytes = util.isString(chunk) ? new Buffer(chunk, 'utf8') : chunk;
      collected = Buffer.concat([collected, bytes]);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(stripBom(collected).toString('utf8')));
  });
}

module.exports = { stripBom, readText, readStream };
