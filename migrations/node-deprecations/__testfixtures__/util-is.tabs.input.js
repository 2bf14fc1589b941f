const util = require("node:util");

function load() {
	const { isString, isArray: isList, promisify } = require("node:util");
	const sleep = promisify(setTimeout);
	return (input) => (isList(input) ? input.filter((x) => isString(x)) : sleep);
}

module.exports = { load, util };
