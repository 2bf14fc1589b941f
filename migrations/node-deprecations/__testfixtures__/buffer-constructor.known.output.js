'use strict';

const HEADER = Buffer.from('RKIT');
const MAGIC = Buffer.from([0x52, 0x4b]);
const empty = Buffer.alloc(0);

function frame(name, body, size) {
  const title = Buffer.from(`${name}:`);
  const line = Buffer.from(name + '\n');
  const fixed = Buffer.alloc(size * 2);
  const padded = Buffer.alloc(-(-4));
  const encoded = Buffer.from(body, 'base64');
  const copy = Buffer.from(Buffer.from(body));
  const text = Buffer.from(JSON.stringify({ name }));
  const either = Buffer.from(size > 3 ? 'big' : 'small');
  const nested = Buffer.from(Buffer.from('inner').toString('hex'), 'hex');
  return Buffer.concat([HEADER, MAGIC, empty, title, line, fixed, padded, encoded, copy, text, either, nested]);
}

module.exports = { frame };
