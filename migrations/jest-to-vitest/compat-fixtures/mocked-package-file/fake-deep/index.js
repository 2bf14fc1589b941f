// As @constructor-io/constructorio-client-javascript's lib/constructorio.js: CommonJS requiring its modules.
const Search = require('./lib/search.js');
const helpers = require('./lib/helpers');

exports.search = (query) => helpers.label(new Search().results(query));
