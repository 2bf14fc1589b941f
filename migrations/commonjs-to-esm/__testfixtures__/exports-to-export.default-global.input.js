module.exports = Error;
