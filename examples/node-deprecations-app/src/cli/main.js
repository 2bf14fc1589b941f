'use strict';

const util = require('util');
const { parseArgs } = require('./args');
const { findCommand, commandNames } = require('./commands');
const { readText } = require('../io/read');
const { writeText } = require('../io/write');

const USAGE = 'usage: recordkit <' + commandNames.join('|') + '> [--kv] [--lines] [--width N] [--max-width N] <file|->';

/** Runs the CLI; resolves to the exit code. Never throws: errors become a message on stderr. */
async function main(argv, io) {
  try {
    const args = parseArgs(argv);
    if (args.flags.help || util.isNull(args.command)) {
      io.stdout.write(USAGE + '\n');
      return args.flags.help ? 0 : 2;
    }
    const handler = findCommand(args.command);
    if (util.isUndefined(handler)) {
      io.stderr.write('recordkit: unknown command ' + args.command + '\n' + USAGE + '\n');
      return 2;
    }
    const text = await readText(args.files[0] || '-', io.stdin);
    writeText('-', handler(text, args), io.stdout);
    return 0;
  } catch (err) {
    const message = util.isError(err) ? err.message : String(err);
    io.stderr.write('recordkit: ' + message + '\n');
    return 1;
  }
}

module.exports = { main, USAGE };
