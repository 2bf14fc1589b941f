'use strict';

const fs = require('fs');
const util = require('util');

/** Writes `text` to a file with a final newline, or to `stream` when `file` is "-" or missing. */
function writeText(file, text, stream) {
  const bytes = new Buffer(text.endsWith('\n') ? text : text + '\n', 'utf8');
  if (util.isNullOrUndefined(file) || file === '-') {
    stream.write(bytes);
    return bytes.length;
  }
  fs.writeFileSync(file, bytes);
  return bytes.length;
}

module.exports = { writeText };
