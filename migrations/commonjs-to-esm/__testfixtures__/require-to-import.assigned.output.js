/**
 * Globals for the benchmark.
 */

import fn2 from './fn.js';

global.fn = fn2;
import { a as first2 } from './named.js';
exports.first = first2;
let counter;
import counter2 from './obj.js';
counter = counter2;

exports.run = function run() {
  return [global.fn, counter];
};
