export { lookup };
export const types = Object.create(null);
const versionExport = '1.0.0';
export { versionExport as version };
const version = 'shadowing';

populate(types);

function lookup(ext) {
  return types[ext] || versionExport || version;
}

function populate(types) {
  types.js = 'text/javascript';
}
