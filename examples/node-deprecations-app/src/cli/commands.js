'use strict';

const util = require('util');
const { parseCsv } = require('../parse/csv');
const { parseKv } = require('../parse/kv');
const { parsePositiveInt } = require('../parse/number');
const { formatTable } = require('../format/table');
const { formatJson } = require('../format/json');
const { hexdump } = require('../format/hex');
const { recordId, sum16 } = require('../io/checksum');

/** Reads records from text: CSV by default, one key=value record with --kv. */
function toRecords(text, flags) {
  if (flags.kv) {
    const record = parseKv(text);
    return { columns: Object.keys(record), records: [record] };
  }
  return parseCsv(text);
}

const commands = {
  table(text, args) {
    const { columns, records } = toRecords(text, args.flags);
    const maxWidth = parsePositiveInt(args.options['max-width'], 40);
    return formatTable(columns, records, { maxWidth });
  },
  json(text, args) {
    return formatJson(toRecords(text, args.flags).records, { lines: args.flags.lines });
  },
  hex(text, args) {
    const bytes = new Buffer(text, 'utf8');
    const width = parsePositiveInt(args.options.width, 16);
    return hexdump(bytes, width) + '\n' + 'sum16 ' + sum16(bytes);
  },
  ids(text, args) {
    return toRecords(text, args.flags)
      .records.map((record) => recordId(record))
      .join('\n');
  },
};

/** The command's handler, or undefined for an unknown command. */
function findCommand(name) {
  const handler = commands[name];
  return util.isFunction(handler) ? handler : undefined;
}

module.exports = { findCommand, commandNames: Object.keys(commands) };
