/**
 * Globals for the benchmark.
 */

global.fn = require('./fn');
exports.first = require('./named').a;
let counter;
counter = require('./obj');

exports.run = function run() {
  return [global.fn, counter];
};
