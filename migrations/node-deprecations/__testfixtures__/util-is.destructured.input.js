const { isString, isArray: isList, promisify } = require('node:util');

const sleep = promisify(setTimeout);

function names(input) {
  return isList(input) ? input.filter((x) => isString(x)) : [];
}

function custom(isString) {
  // A parameter that happens to share the name is not util's isString.
  return isString('x');
}

module.exports = { names, custom, sleep };
