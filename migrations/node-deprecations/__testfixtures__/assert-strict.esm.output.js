import assert, { notStrictEqual } from 'node:assert';
import strict from 'node:assert/strict';

assert.deepStrictEqual([1], [1]);
notStrictEqual(1, 2);
strict.equal(1, 1);
