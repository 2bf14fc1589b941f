module.exports = (value) => value * 2;
module.exports.half = half;

function half(value) {
  return value / 2;
}
