const lib = require('./lib');
const { helper } = require('./lib/');
const data = require('./data.json');
const { a } = require('./data');

module.exports = function load() {
  return [lib, helper, data, a];
};
