import greet from './fn.js';
import obj from './obj.js';
const { a, run } = obj;
const ran = obj.run;
import fnProps from './fn-props.js';
const { extra } = fnProps;

greet(a, run, ran, extra);
