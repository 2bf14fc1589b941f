const { entry } = require('./pkgdir');
const again = require('./pkgdir/');

module.exports = function load() {
  return [entry, again];
};
