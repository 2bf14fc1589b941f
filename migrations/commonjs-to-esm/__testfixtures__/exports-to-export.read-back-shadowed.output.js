const typesExport = {};
export { typesExport as types };

function lookup(types, ext) {
  return typesExport[ext] || types[ext];
}

export { lookup };
