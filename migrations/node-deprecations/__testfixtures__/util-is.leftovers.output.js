const util = require('util');
const { isDate } = require('util');

function check(err, value, load) {
  if (util.isError(err)) throw err;
  if (util.isObject(load())) return 'object';
  if (value !== null && typeof value === 'object' && (value.inner !== null && (typeof value.inner === 'object' || typeof value.inner === 'function'))) return 'nested';
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || util.types.isDate(value) || util.types.isRegExp(value)) return 'plain';
  if (value.meta === null || typeof value.meta !== 'object') return 'no meta';
  if (isDate(value.when)) return 'dated';
  return util.isString();
}

module.exports = { check };
