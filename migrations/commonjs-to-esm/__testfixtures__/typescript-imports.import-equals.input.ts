import util = require('./ts-util');
import assigned = require('./ts-assigned');
import fs = require('fs');
import data = require('./data.json');
import type types = require('./ts-util');

export const value: types.Options = { verbose: util.answer > 0 && assigned() !== '' && fs.existsSync(String(data)) };
