'use strict';

module.exports = Object.assign(
  {},
  require('./parse/csv'),
  require('./parse/kv'),
  require('./format/table'),
  require('./format/json'),
  require('./format/hex'),
  require('./io/checksum'),
  require('./io/encode'),
);
