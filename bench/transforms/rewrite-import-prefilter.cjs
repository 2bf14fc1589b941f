/**
 * The same transform, declaring a text prefilter: codemigrate parses only the files whose text
 * contains the string (jscodeshift ignores the export and parses every file).
 */
module.exports = require('./rewrite-import.cjs');
module.exports.prefilter = '@theia/core/shared/inversify';
