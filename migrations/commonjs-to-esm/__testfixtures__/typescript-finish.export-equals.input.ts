import assigned = require('./ts-assigned.js');
import fs = require('fs');
import data = require('./data.json');
import type types = require('./ts-util.js');
export import again = require('./ts-util.js');

function run(options: types.Options): string {
  return `${assigned()} ${fs.existsSync('x')} ${String(data)} ${options.verbose}`;
}

export = run;
