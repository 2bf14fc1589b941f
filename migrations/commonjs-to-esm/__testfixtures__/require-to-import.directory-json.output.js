import * as lib from './lib/index.js';
import { helper } from './lib/index.js';
import data from './data.json' with { type: 'json' };
const { a } = data;

module.exports = function load() {
  return [lib, helper, data, a];
};
