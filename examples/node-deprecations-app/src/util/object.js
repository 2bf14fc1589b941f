'use strict';

const util = require('util');

/** True for objects that came from a literal or JSON.parse: not arrays, dates or regular expressions. */
function isPlainObject(value) {
  return util.isObject(value) && !util.isArray(value) && !util.isDate(value) && !util.isRegExp(value);
}

/** Copies `keys` of `record` into a new object, skipping the ones that are undefined. */
function pick(record, keys) {
  const out = {};
  for (const key of keys) {
    if (!util.isUndefined(record[key])) out[key] = record[key];
  }
  return out;
}

/** Merges plain objects recursively; arrays and other values from `source` replace those in `target`. */
function merge(target, source) {
  const out = Object.assign({}, target);
  for (const key of Object.keys(source)) {
    const value = source[key];
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? merge(out[key], value) : value;
  }
  return out;
}

module.exports = { isPlainObject, pick, merge };
