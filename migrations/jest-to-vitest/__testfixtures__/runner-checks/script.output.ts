// No import or export: a script, whose declarations would be global.
const spy = typeof jest !== 'undefined' && jest.fn;
