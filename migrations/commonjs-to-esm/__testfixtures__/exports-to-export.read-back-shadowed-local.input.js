exports.charset = charset;
exports.lookup = lookup;

function charset(type) {
  return type.startsWith('text/') ? 'UTF-8' : false;
}

function lookup(type) {
  return type;
}

function contentType(str) {
  var mime = exports.lookup(str);
  var charset = exports.charset(mime);
  return charset ? mime + '; charset=' + charset : mime;
}

exports.contentType = contentType;
