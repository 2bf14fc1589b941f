'use strict';

/**
 * Turns what callers hand us into bytes: a Buffer is used as is, a string is encoded as UTF-8,
 * and a number asks for that many zeroed bytes (the "reserve" in the CLI's pad command).
 */
function toBuffer(value) {
  if (Buffer.isBuffer(value)) return value;
  return new Buffer(value);
}

/** Right-pads bytes with zeros up to `size`. */
function padBytes(value, size) {
  const bytes = toBuffer(value);
  if (bytes.length >= size) return bytes;
  return Buffer.concat([bytes, toBuffer(size - bytes.length)]);
}

module.exports = { toBuffer, padBytes };
