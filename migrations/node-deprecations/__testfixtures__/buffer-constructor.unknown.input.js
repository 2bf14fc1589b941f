function toBuffer(value) {
  return new Buffer(value);
}

function slice(arrayBuffer, offset, length) {
  return new Buffer(arrayBuffer, offset, length);
}

const legacy = new Buffer;
const fine = new Buffer('ok');

module.exports = { toBuffer, slice, legacy, fine };
