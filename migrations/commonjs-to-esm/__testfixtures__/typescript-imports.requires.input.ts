'use strict';
const util = require('./ts-util');
const assigned = require('./ts-assigned');
const { readFileSync } = require('fs');
const lodash = require('lodash');
const { double } = require('./ts-util');

export function later(): unknown {
  return require('./ts-dir');
}

if (require.main === module) console.log(util.answer, assigned(), readFileSync, lodash, double);
