const util = require("node:util");

function load() {
	const { promisify } = require("node:util");
	const sleep = promisify(setTimeout);
	return (input) => (Array.isArray(input) ? input.filter((x) => typeof x === "string") : sleep);
}

module.exports = { load, util };
