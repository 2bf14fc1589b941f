'use strict';

const path = require('path');

function label(value) {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : path.basename(String(value));
}

module.exports = { label };
