import one from './esm-default.js';
import { a, b } from './esm-named.js';
import * as named from './esm-named.js';

module.exports = [one, a, b, named];
