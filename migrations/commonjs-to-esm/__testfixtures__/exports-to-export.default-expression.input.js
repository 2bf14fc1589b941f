const defaults = { retries: 3 };

module.exports = {
  ...defaults,
  run() {
    return defaults.retries;
  },
};
