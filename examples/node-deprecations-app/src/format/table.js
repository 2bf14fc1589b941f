'use strict';

const util = require('util');
const { cellText, pad, truncate } = require('../util/strings');

/**
 * Renders records as a plain-text table. Numbers are right-aligned; cells wider than
 * `maxWidth` are cut.
 */
function formatTable(columns, records, options) {
  const maxWidth = options && util.isNumber(options.maxWidth) ? options.maxWidth : 40;
  const rows = records.map((record) => columns.map((name) => truncate(cellText(record[name]), maxWidth)));
  const widths = columns.map((name, index) =>
    rows.reduce((widest, row) => Math.max(widest, row[index].length), name.length),
  );
  const numeric = columns.map((name) => records.length > 0 && records.every((r) => util.isNumber(r[name])));
  const line = (cells) => cells.map((text, index) => pad(text, widths[index], numeric[index])).join(' | ');
  const rule = widths.map((width) => '-'.repeat(width)).join('-+-');
  return [line(columns), rule].concat(rows.map(line)).join('\n');
}

module.exports = { formatTable };
