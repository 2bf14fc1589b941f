'use strict';

const util = require('util');

const FLAGS = ['lines', 'kv', 'help'];
const OPTIONS = ['width', 'max-width'];

/**
 * Parses argv after the node and script names: a command, flags, "--name value" options and
 * positional files. Unknown flags are errors, not silently ignored.
 */
function parseArgs(argv) {
  if (!util.isArray(argv)) throw new TypeError('parseArgs expects an array');
  const result = { command: null, flags: {}, options: {}, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const name = arg.slice(2);
      if (FLAGS.includes(name)) {
        result.flags[name] = true;
      } else if (OPTIONS.includes(name)) {
        const value = argv[++i];
        if (util.isUndefined(value)) throw new Error('option --' + name + ' needs a value');
        result.options[name] = value;
      } else {
        throw new Error('unknown option ' + arg);
      }
    } else if (util.isNull(result.command)) {
      result.command = arg;
    } else {
      result.files.push(arg);
    }
  }
  return result;
}

module.exports = { parseArgs, FLAGS, OPTIONS };
