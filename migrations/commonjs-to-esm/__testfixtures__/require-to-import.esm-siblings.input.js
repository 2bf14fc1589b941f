const one = require('./esm-default');
const { a, b } = require('./esm-named');
const named = require('./esm-named');

module.exports = [one, a, b, named];
