#!/usr/bin/env node
const { a: run } = require('./named');

function main() {
  run(process.argv.slice(2));
}

if (require.main === module) {
  main();
}

module.exports = main;
