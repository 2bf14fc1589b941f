#!/usr/bin/env node
// Runs the greeter.
import greet from './fn.js';

console.log(greet(process.argv[2]));
