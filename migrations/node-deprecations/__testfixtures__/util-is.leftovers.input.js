const util = require('util');
const { isDate } = require('util');

function check(err, value, load) {
  if (util.isError(err)) throw err;
  if (util.isObject(load())) return 'object';
  if (util.isObject(value) && !util.isPrimitive(value.inner)) return 'nested';
  if (util.isPrimitive(value) || util.isDate(value) || util.isRegExp(value)) return 'plain';
  if (!util.isObject(value.meta)) return 'no meta';
  if (isDate(value.when)) return 'dated';
  return util.isString();
}

module.exports = { check };
