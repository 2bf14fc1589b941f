// Plain CommonJS that requires an ES module: Node can parse it, not what it requires.
const {db} = require('./db')

module.exports = {db, kind: 'bridge'}
