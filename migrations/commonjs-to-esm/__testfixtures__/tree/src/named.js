const a = 1;
const b = 2;
module.exports = { a, b };
