const pTry = (fn) => new Promise((resolve) => resolve(fn()));

export default pTry;
export { pTry as 'module.exports' };
// For TypeScript's CommonJS interop.
pTry.default = pTry;
