'use strict';

const util = require('util');
const { coerce } = require('./number');

/** Splits one CSV line into cells; handles quoted cells with commas and doubled quotes. */
function splitLine(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells;
}

/**
 * Parses CSV text (or a Buffer of UTF-8) with a header line into records.
 * @returns {{ columns: string[], records: object[] }}
 */
function parseCsv(input) {
  const text = util.isString(input) ? input : input.toString('utf8');
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) return { columns: [], records: [] };
  const columns = splitLine(lines[0]).map((name) => name.trim());
  const records = lines.slice(1).map((line) => {
    const cells = splitLine(line);
    const record = {};
    columns.forEach((name, index) => {
      record[name] = util.isUndefined(cells[index]) ? null : coerce(cells[index]);
    });
    return record;
  });
  return { columns, records };
}

module.exports = { splitLine, parseCsv };
