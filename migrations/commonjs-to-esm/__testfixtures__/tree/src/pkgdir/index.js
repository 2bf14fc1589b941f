module.exports = 'not the main';
