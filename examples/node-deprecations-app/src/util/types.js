'use strict';

const util = require('util');

/**
 * Names the kind of a value the way recordkit's error messages and the table formatter see it.
 * @param {unknown} value
 * @returns {'null' | 'array' | 'string' | 'number' | 'boolean' | 'function' | 'object' | 'other'}
 */
function kindOf(value) {
  if (util.isNullOrUndefined(value)) return 'null';
  if (util.isArray(value)) return 'array';
  if (util.isString(value)) return 'string';
  if (util.isNumber(value)) return 'number';
  if (util.isBoolean(value)) return 'boolean';
  if (util.isFunction(value)) return 'function';
  if (!util.isPrimitive(value)) return 'object';
  return 'other';
}

/** Throws a TypeError naming `what` unless `value` is a string. */
function expectString(value, what) {
  if (!util.isString(value)) {
    throw new TypeError(what + ' must be a string, got ' + kindOf(value));
  }
  return value;
}

/** Wraps a single value in an array; leaves arrays alone; null and undefined give []. */
function toArray(value) {
  if (util.isNullOrUndefined(value)) return [];
  return util.isArray(value) ? value : [value];
}

module.exports = { kindOf, expectString, toArray };
