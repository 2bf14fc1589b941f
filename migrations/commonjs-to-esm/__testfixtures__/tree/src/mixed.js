function fn() {}
module.exports = fn;
exports.extra = 1;
