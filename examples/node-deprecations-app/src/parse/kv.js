'use strict';

const { isString, isNullOrUndefined } = require('util');
const { coerce } = require('./number');

/**
 * Parses "key=value" lines into one record. Blank lines and lines starting with # are skipped;
 * a later key wins.
 */
function parseKv(text, options) {
  if (!isString(text)) throw new TypeError('parseKv expects a string');
  const separator = isNullOrUndefined(options) || isNullOrUndefined(options.separator) ? '=' : options.separator;
  const record = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const at = line.indexOf(separator);
    if (at === -1) {
      record[line] = true;
    } else {
      record[line.slice(0, at).trim()] = coerce(line.slice(at + separator.length).trim());
    }
  }
  return record;
}

/** Writes a record back as "key=value" lines, in key order. */
function formatKv(record) {
  return Object.keys(record)
    .sort()
    .map((key) => key + '=' + record[key])
    .join('\n');
}

module.exports = { parseKv, formatKv };
