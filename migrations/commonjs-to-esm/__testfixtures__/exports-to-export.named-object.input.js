'use strict';
function a() {}
const c = 3;

// The public API.
module.exports = { a, b: c };
