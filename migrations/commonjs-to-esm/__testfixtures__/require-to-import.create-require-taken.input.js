const { createRequire } = require('module');

module.exports = function load(name) {
  return require(name) || createRequire;
};
