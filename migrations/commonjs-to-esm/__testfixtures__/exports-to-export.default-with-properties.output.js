/**
 * Module exports.
 */

export default bytes;

export { bytes as 'module.exports', format };
bytes.format = format;
bytes.parse = function parse(value) {
  return Number(value);
};

function bytes(value) {
  return typeof value === 'string' ? Number(value) : format(value);
}

function format(value) {
  return `${value}B`;
}
