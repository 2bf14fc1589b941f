exports.rest = {}
