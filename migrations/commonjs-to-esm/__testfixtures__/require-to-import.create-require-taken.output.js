import { createRequire as createRequire2 } from 'node:module';
const require = createRequire2(import.meta.url);
import { createRequire } from 'module';

module.exports = function load(name) {
  return require(name) || createRequire;
};
