const { strictEqual: equal } = require('assert');
const strictEqual = (a, b) => a === b;

equal(strictEqual(1, 1), true);
