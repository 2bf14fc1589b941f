// Plain CommonJS handing on an ES module whole, as dayjs's test/__mocks__/dayjs.js hands on its src:
// Babel's interop under Jest gave an import's default that module's default.
module.exports = require('./tool')
