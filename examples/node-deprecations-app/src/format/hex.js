'use strict';

const util = require('util');

/** Classic hex dump: offset, hex bytes, printable characters. */
function hexdump(input, width) {
  const bytes = util.isString(input) ? new Buffer(input, 'utf8') : input;
  const perLine = width || 16;
  const lines = [];
  for (let offset = 0; offset < bytes.length; offset += perLine) {
    const chunk = bytes.slice(offset, offset + perLine);
    const hex = Array.from(chunk, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
    const text = Array.from(chunk, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('');
    lines.push(offset.toString(16).padStart(8, '0') + '  ' + hex.padEnd(perLine * 3 - 1) + '  |' + text + '|');
  }
  return lines.join('\n');
}

/** Parses "de ad be ef" or "deadbeef" back into bytes. */
function fromHex(text) {
  const digits = text.replace(/\s+/g, '');
  if (digits.length % 2 !== 0 || /[^0-9a-fA-F]/.test(digits)) {
    throw new SyntaxError('not a hex string: ' + text);
  }
  const out = new Buffer(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.substr(i * 2, 2), 16);
  return out;
}

module.exports = { hexdump, fromHex };
