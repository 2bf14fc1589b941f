const { promisify } = require('node:util');

const sleep = promisify(setTimeout);

function names(input) {
  return Array.isArray(input) ? input.filter((x) => typeof x === 'string') : [];
}

function custom(isString) {
  // A parameter that happens to share the name is not util's isString.
  return isString('x');
}

module.exports = { names, custom, sleep };
