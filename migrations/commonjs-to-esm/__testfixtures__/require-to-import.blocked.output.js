const path = require('path');

function base() {}
module.exports = base;
exports.join = path.join;
