'use strict';

const crypto = require('crypto');
const util = require('util');

/** A short, stable id for a record: sha256 over "key:value" pairs in key order, first 12 hex digits. */
function recordId(record) {
  const hash = crypto.createHash('sha256');
  for (const key of Object.keys(record).sort()) {
    const value = util.isString(record[key]) ? record[key] : JSON.stringify(record[key]);
    hash.update(Buffer(`${key}:${value}`));
    hash.update(new Buffer([0]));
  }
  return hash.digest('hex').slice(0, 12);
}

/** CRC-style checksum used by the hex command's footer: sum of bytes modulo 2^16. */
function sum16(bytes) {
  let total = 0;
  for (const byte of bytes) total = (total + byte) & 0xffff;
  return total;
}

module.exports = { recordId, sum16 };
