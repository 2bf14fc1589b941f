// Plain CommonJS all the way down: Node loads it as Jest did, and keeps it.
const path = require('path')

module.exports = function legacy() {
  return path.basename(__filename)
}
