const defaultWithPropertiesExpression = (value) => value * 2;
export default defaultWithPropertiesExpression;
export { defaultWithPropertiesExpression as 'module.exports', half };
defaultWithPropertiesExpression.half = half;

function half(value) {
  return value / 2;
}
