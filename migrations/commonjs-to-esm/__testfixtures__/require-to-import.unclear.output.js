import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const fn = require('./mixed');
const gone = require('./missing');
import greet from './fn.js';

exports.run = () => fn(gone, greet);
