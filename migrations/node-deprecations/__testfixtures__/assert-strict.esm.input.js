import assert, { notEqual } from 'node:assert';
import strict from 'node:assert/strict';

assert.deepEqual([1], [1]);
notEqual(1, 2);
strict.equal(1, 1);
