module.exports = class Search {
  results(query) {
    return `real results for ${query}`;
  }
};
