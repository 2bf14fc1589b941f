'use strict';

const util = require('util');

/** Turns a cell value into the text a table shows. */
function cellText(value) {
  if (util.isString(value)) return value;
  if (util.isNumber(value)) return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (util.isUndefined(value) || util.isNull(value)) return '';
  return JSON.stringify(value);
}

/** Pads `text` to `width` columns, on the left for numbers so that they line up. */
function pad(text, width, alignRight) {
  const gap = Math.max(0, width - text.length);
  return alignRight ? ' '.repeat(gap) + text : text + ' '.repeat(gap);
}

/** Cuts `text` to at most `width` characters, marking the cut with an ellipsis. */
function truncate(text, width) {
  if (text.length <= width) return text;
  if (width <= 1) return text.slice(0, width);
  return text.slice(0, width - 1) + '\u2026';
}

module.exports = { cellText, pad, truncate };
