const local = 1;

module.exports = { local, Error, parse: JSON };
