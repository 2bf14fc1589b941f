// Picked by environment, in CommonJS, as bookshelf's src/test/server/index.js (café: the offsets
// the plugin splices at count UTF-16 units, not bytes).
if (process.env.NODE_ENV === 'development') {
  module.exports = require('./dev-server')
} else {
  module.exports = require('./test-server')
}
