module.exports = { a: 1, run() {} };
