// fs-extra's shape: a CommonJS module whose names Node's lexer cannot see.
module.exports = { ...require('./impl') };
