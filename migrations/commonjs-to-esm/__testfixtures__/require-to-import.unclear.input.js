const fn = require('./mixed');
const gone = require('./missing');
const greet = require('./fn');

exports.run = () => fn(gone, greet);
