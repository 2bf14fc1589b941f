/**
 * Rewrites an import source: `import … from '<from>'`, `export … from '<from>'`, `import('<from>')`
 * and `require('<from>')` → '<to>' (defaults: Theia's re-export of inversify → inversify itself).
 * A plain jscodeshift transform, as community codemods are written.
 */
module.exports = function rewriteImport(file, api, options) {
  const j = api.jscodeshift;
  const from = options.from || '@theia/core/shared/inversify';
  const to = options.to || 'inversify';
  const root = j(file.source);
  let changed = 0;
  const rewrite = (literal) => {
    if (literal && typeof literal.value === 'string' && literal.value === from) {
      literal.value = to;
      changed += 1;
    }
  };
  root.find(j.ImportDeclaration).forEach((path) => rewrite(path.node.source));
  root.find(j.ExportNamedDeclaration).forEach((path) => rewrite(path.node.source));
  root.find(j.ExportAllDeclaration).forEach((path) => rewrite(path.node.source));
  root.find(j.CallExpression).forEach((path) => {
    const { callee } = path.node;
    const dynamic = callee.type === 'Import' || (callee.type === 'Identifier' && callee.name === 'require');
    if (dynamic) rewrite(path.node.arguments[0]);
  });
  return changed > 0 ? root.toSource({ quote: 'single' }) : file.source;
};
