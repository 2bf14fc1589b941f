'use strict';

const HEADER = new Buffer('RKIT');
const MAGIC = new Buffer([0x52, 0x4b]);
const empty = new Buffer(0);

function frame(name, body, size) {
  const title = Buffer(`${name}:`);
  const line = new Buffer(name + '\n');
  const fixed = new Buffer(size * 2);
  const padded = new Buffer(-(-4));
  const encoded = new Buffer(body, 'base64');
  const copy = new Buffer(Buffer.from(body));
  const text = new Buffer(JSON.stringify({ name }));
  const either = new Buffer(size > 3 ? 'big' : 'small');
  const nested = new Buffer(new Buffer('inner').toString('hex'), 'hex');
  return Buffer.concat([HEADER, MAGIC, empty, title, line, fixed, padded, encoded, copy, text, either, nested]);
}

module.exports = { frame };
