exports.types = {};

function lookup(types, ext) {
  return exports.types[ext] || types[ext];
}

exports.lookup = lookup;
