#!/usr/bin/env node
import { realpathSync } from 'node:fs';

import { a as run } from './named.js';

function main() {
  run(process.argv.slice(2));
}

if (import.meta.filename === realpathSync(process.argv[1])) {
  main();
}

module.exports = main;
