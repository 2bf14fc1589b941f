const charsetExport = charset;
export { charsetExport as charset };
export { lookup };

function charset(type) {
  return type.startsWith('text/') ? 'UTF-8' : false;
}

function lookup(type) {
  return type;
}

function contentType(str) {
  var mime = lookup(str);
  var charset = charsetExport(mime);
  return charset ? mime + '; charset=' + charset : mime;
}

export { contentType };
