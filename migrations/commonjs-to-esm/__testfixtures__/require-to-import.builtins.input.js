'use strict';
// Reads the config.
const fs = require('fs');
const { join, resolve: resolvePath } = require('node:path');
const { readFile = null } = require('node:fs/promises');
require('node:process');

module.exports = { fs, join, resolvePath, readFile };
