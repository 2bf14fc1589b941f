class Buffer {
  constructor(size) {
    this.items = new Array(size);
  }
}

const ring = new Buffer(8);

module.exports = { ring };
