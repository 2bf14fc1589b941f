exports.entry = function entry() {
  return 'entry';
};
