'use strict';

const util = require('util');

function describe(value) {
  if (value == null) return 'nothing';
  if (Array.isArray(value)) return 'list of ' + value.length;
  if (typeof value !== 'string' && typeof value.length === 'number') return 'sized';
  if (typeof value.then === 'function') return 'promise-like';
  if (value.id !== undefined && value.id !== null) return 'entity';
  if (typeof value === 'boolean' || typeof value === 'symbol') return 'flag';
  if (Buffer.isBuffer(value)) return 'bytes';
  return (value.name || value.title) == null ? util.inspect(value) : 'named';
}

module.exports = { describe };
