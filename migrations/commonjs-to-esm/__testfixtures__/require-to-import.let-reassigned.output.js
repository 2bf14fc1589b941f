import fn from './fn.js';
let greet = fn;
import * as named from './named.js';
let { a } = named;

if (process.env.QUIET) {
  greet = () => '';
  a = 0;
}

module.exports = { greet, a };
