import * as util from './ts-util.js';
import assigned = require('./ts-assigned.js');
import { readFileSync } from 'fs';
import lodash = require('lodash');
import { double } from './ts-util.js';

export function later(): unknown {
  return require('./ts-dir/index.js');
}

if (require.main === module) console.log(util.answer, assigned(), readFileSync, lodash, double);
