import assigned from './ts-assigned.js';
import fs from 'fs';
import data from './data.json' with { type: 'json' };
import type * as types from './ts-util.js';
export import again = require('./ts-util.js');

function run(options: types.Options): string {
  return `${assigned()} ${fs.existsSync('x')} ${String(data)} ${options.verbose}`;
}

export default run;
