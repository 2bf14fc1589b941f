// jscodeshift transform: `useFormState` (react-dom, canary and React 19 RC) → `useActionState`
// (react), which takes the same (action, initialState, permalink?) arguments and returns the
// same [state, dispatch] plus a third element, isPending, that callers may ignore.
//   import { useFormState } from 'react-dom'     → import { useActionState } from 'react'
//   ReactDOM.useFormState(…)                      → useActionState(…), imported from 'react'
// A local alias (`useFormState as useFS`) keeps its name, bound to useActionState.

import type { API, FileInfo, Options } from 'jscodeshift';
import { addNamedImport, importsFrom, isUsed, objectImports, quoteOf, type AnyNode } from './imports.js';

export const parser = 'tsx';
export const prefilter = 'useFormState';

export default function transform(file: FileInfo, api: API, _options: Options = {}): string | undefined {
  const j = api.jscodeshift;
  const root = j(file.source);
  let changed = false;

  for (const path of importsFrom(j, root, 'react-dom')) {
    const specifiers = (path.node.specifiers ?? []) as AnyNode[];
    const kept = specifiers.filter((s) => !(s.type === 'ImportSpecifier' && s.imported.name === 'useFormState'));
    if (kept.length === specifiers.length) continue;
    for (const specifier of specifiers.filter((s) => !kept.includes(s))) {
      const local: string = specifier.local?.name ?? 'useFormState';
      if (local === 'useFormState') {
        root.find(j.Identifier, { name: local }).filter((p) => (p.parent.node as AnyNode).type !== 'ImportSpecifier').forEach((p) => {
          p.replace(j.identifier('useActionState'));
        });
        addNamedImport(j, root, 'react', 'useActionState');
      } else {
        const declaration = j.importDeclaration([j.importSpecifier(j.identifier('useActionState'), j.identifier(local))], j.stringLiteral('react'));
        j(path as never).insertAfter(declaration);
      }
    }
    if (kept.length === 0) j(path as never).remove();
    else path.node.specifiers = kept;
    changed = true;
  }

  for (const object of objectImports(j, root, 'react-dom')) {
    root.find(j.MemberExpression, { object: { type: 'Identifier', name: object }, property: { type: 'Identifier', name: 'useFormState' } }).forEach((member) => {
      member.replace(j.identifier('useActionState'));
      addNamedImport(j, root, 'react', 'useActionState');
      changed = true;
    });
    if (changed && !isUsed(j, root, object)) {
      for (const path of importsFrom(j, root, 'react-dom')) {
        const specifiers = ((path.node.specifiers ?? []) as AnyNode[]).filter((s) => s.local?.name !== object);
        if (specifiers.length === 0) j(path as never).remove();
        else path.node.specifiers = specifiers;
      }
    }
  }
  return changed ? root.toSource({ quote: quoteOf(file.source) }) : undefined;
}
