import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
import path from 'path';

function load(name) {
  return require('./' + name);
}

if (process.env.DEBUG) {
  require('./debug');
}

const where = require.resolve('./named');
delete require.cache[where];

module.exports = { load, path };
