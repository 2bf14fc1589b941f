'use strict';

const util = require('util');

const NUMBER_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Reads a cell as a number when the whole cell is one; otherwise returns the text unchanged. */
function coerce(cell) {
  if (!util.isString(cell)) return cell;
  const trimmed = cell.trim();
  if (trimmed === '' || !NUMBER_PATTERN.test(trimmed)) return cell;
  return Number(trimmed);
}

/** Parses a positive integer option such as "--width 8", with a default. */
function parsePositiveInt(text, fallback) {
  if (util.isNullOrUndefined(text)) return fallback;
  const value = coerce(String(text));
  if (!util.isNumber(value) || !Number.isInteger(value) || value <= 0) {
    throw new RangeError('expected a positive integer, got ' + JSON.stringify(text));
  }
  return value;
}

module.exports = { coerce, parsePositiveInt };
