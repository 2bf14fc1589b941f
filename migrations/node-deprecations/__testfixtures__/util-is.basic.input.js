'use strict';

const util = require('util');

function describe(value) {
  if (util.isNullOrUndefined(value)) return 'nothing';
  if (util.isArray(value)) return 'list of ' + value.length;
  if (!util.isString(value) && util.isNumber(value.length)) return 'sized';
  if (util.isFunction(value.then)) return 'promise-like';
  if (!util.isUndefined(value.id) && !util.isNull(value.id)) return 'entity';
  if (util.isBoolean(value) || util.isSymbol(value)) return 'flag';
  if (util.isBuffer(value)) return 'bytes';
  return util.isNullOrUndefined(value.name || value.title) ? util.inspect(value) : 'named';
}

module.exports = { describe };
