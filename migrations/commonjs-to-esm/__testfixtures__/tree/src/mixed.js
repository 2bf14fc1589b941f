function fn() {}
module.exports = fn;
module.exports.extra = 1;
