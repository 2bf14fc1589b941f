const { a, b: bee } = require('./named');
const members = require('./members');
const { x } = require('./members.js');
const y = require('./members').y;

console.log(a, bee, members.x, x, y);
