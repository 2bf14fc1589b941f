exports.a = 1;
exports.b = () => exports.a + 1;
