const path = require('path');

function base() {}
module.exports = base;
module.exports.join = path.join;
