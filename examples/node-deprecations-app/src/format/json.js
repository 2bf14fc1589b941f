'use strict';

const util = require('util');

/** Drops undefined and function fields the way JSON.stringify would, but keeps key order stable. */
function clean(record) {
  const out = {};
  for (const key of Object.keys(record).sort()) {
    const value = record[key];
    if (util.isUndefined(value) || util.isFunction(value)) continue;
    out[key] = value;
  }
  return out;
}

/** One JSON document, or newline-delimited JSON when `options.lines` is set. */
function formatJson(records, options) {
  const lines = Boolean(options && options.lines);
  const cleaned = records.map(clean);
  if (lines) return cleaned.map((record) => JSON.stringify(record)).join('\n');
  return JSON.stringify(cleaned, null, 2);
}

/** The UTF-8 bytes of the JSON text, ready to write. */
function jsonBytes(records, options) {
  return new Buffer(formatJson(records, options) + '\n', 'utf8');
}

module.exports = { clean, formatJson, jsonBytes };
