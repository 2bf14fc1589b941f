#!/usr/bin/env node
// Runs the greeter.
'use strict';

const greet = require('./fn');

console.log(greet(process.argv[2]));
