function greet(name) {
  return `hi ${name}`;
}

module.exports = greet;
