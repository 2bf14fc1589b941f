'use strict';

/**
 * Module exports.
 */

module.exports = bytes;
module.exports.format = format;
module.exports.parse = function parse(value) {
  return Number(value);
};

function bytes(value) {
  return typeof value === 'string' ? Number(value) : format(value);
}

function format(value) {
  return `${value}B`;
}
