// A jscodeshift transform as an author writes it: renames `oldName` (options.to, default newName)
// and reports string literals that mention it.

import type { JscodeshiftTransform } from '../../transform.js';

const transform: JscodeshiftTransform = (file, api, options) => {
  const j = api.jscodeshift;
  const root = j(file.source);
  const to = typeof options['to'] === 'string' ? options['to'] : 'newName';
  root.find(j.StringLiteral).forEach((path) => {
    if (path.node.value.includes('oldName')) api.report({ line: path.node.loc?.start.line ?? 0, message: `"${path.node.value}" still says oldName` });
  });
  const found = root.find(j.Identifier, { name: 'oldName' });
  if (found.length === 0) return null;
  found.forEach((path) => {
    path.node.name = to;
  });
  return root.toSource();
};

export default transform;
