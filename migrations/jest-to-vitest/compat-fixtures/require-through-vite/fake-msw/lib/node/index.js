// A folder entry with a package.json and no "exports", as msw 0.42's msw/node: Node's ESM resolver
// refuses `import 'fake-msw/node'` (ERR_UNSUPPORTED_DIR_IMPORT), its require and Vite find it.
exports.setupServer = (...handlers) => ({handlers})
