function helper() {}
module.exports = { helper };
