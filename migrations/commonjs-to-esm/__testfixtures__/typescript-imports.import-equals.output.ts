import * as util from './ts-util.js';
import assigned = require('./ts-assigned.js');
import fs = require('fs');
import data = require('./data.json');
import type * as types from './ts-util.js';

export const value: types.Options = { verbose: util.answer > 0 && assigned() !== '' && fs.existsSync(String(data)) };
