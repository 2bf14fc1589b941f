#!/usr/bin/env node
'use strict';

const { main } = require('../src/cli/main');

main(process.argv.slice(2), process).then((code) => {
  process.exitCode = code;
});
