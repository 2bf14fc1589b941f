// jscodeshift transform: `__dirname` / `__filename` → `import.meta.dirname` / `import.meta.filename`
// (Node ≥ 20.11) in a file that is an ES module now, or that has nothing CommonJS left (no free
// `require`, `module` or `exports`) and so becomes one when the package is `"type": "module"`.
// A file still CommonJS (its conversion was reported) keeps them: they are what it runs with.

import type { API, FileInfo, Options } from 'jscodeshift';
import { freeReferences, isEsm, keepingShebang, statement } from './syntax.js';

export const parser = 'babel';

const REPLACEMENTS = { __dirname: 'import.meta.dirname', __filename: 'import.meta.filename' } as const;

export default function transform(file: FileInfo, api: API, _options: Options = {}): string | undefined {
  return keepingShebang(file.source, (source) => convert({ ...file, source }, api));
}

function convert(file: FileInfo, api: API): string | undefined {
  if (!/\.jsx?$/.test(file.path)) return undefined;
  const j = api.jscodeshift;
  const root = j(file.source);
  const commonJs = ['require', 'module', 'exports'].some((name) => freeReferences(j, root, name).length > 0);
  if (commonJs && !isEsm(root)) return undefined;
  let changed = false;
  for (const [name, replacement] of Object.entries(REPLACEMENTS)) {
    for (const path of freeReferences(j, root, name)) {
      const parent = path.parent?.node as { shorthand?: boolean } | undefined;
      if (parent?.shorthand) parent.shorthand = false;
      path.replace(statement(j, `${replacement};`).expression);
      changed = true;
    }
  }
  return changed ? root.toSource() : undefined;
}
