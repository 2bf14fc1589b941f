'use strict';

const util = require('util');
const { isNumber } = require('node:util'), path = require('path');

function label(value) {
  return util.isString(value) ? value : isNumber(value) ? String(value) : path.basename(String(value));
}

module.exports = { label };
