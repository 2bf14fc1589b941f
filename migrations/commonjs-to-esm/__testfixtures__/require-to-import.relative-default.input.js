const greet = require('./fn');
const { a, run } = require('./obj');
const ran = require('./obj').run;

greet(a, run, ran);
