const helper = () => 1;
const b = 'taken';

exports.a = function () {
  return helper();
};
module.exports.helper = helper;
exports.b = 2;
exports.version = '1.0.0';
