exports.lookup = lookup;
exports.types = Object.create(null);
exports.version = '1.0.0';
const version = 'shadowing';

populate(exports.types);

function lookup(ext) {
  return exports.types[ext] || module.exports.version || version;
}

function populate(types) {
  types.js = 'text/javascript';
}
