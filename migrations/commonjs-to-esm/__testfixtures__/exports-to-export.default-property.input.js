const pTry = (fn) => new Promise((resolve) => resolve(fn()));

module.exports = pTry;
// For TypeScript's CommonJS interop.
module.exports.default = pTry;
