const greet = require('./fn');
const { a, run } = require('./obj');
const ran = require('./obj').run;
const { extra } = require('./fn-props');

greet(a, run, ran, extra);
