function fn() {}
function extra() {}
module.exports = fn;
module.exports.extra = extra;
