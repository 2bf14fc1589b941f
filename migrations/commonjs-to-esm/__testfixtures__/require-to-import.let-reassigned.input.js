let greet = require('./fn');
let { a } = require('./named');

if (process.env.QUIET) {
  greet = () => '';
  a = 0;
}

module.exports = { greet, a };
