import greet from './fn.js';
import obj from './obj.js';
const { a, run } = obj;
const ran = obj.run;

greet(a, run, ran);
