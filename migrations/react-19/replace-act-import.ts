// jscodeshift transform: `act` from `react-dom/test-utils` → `act` from `react` (React 19 removes
// react-dom/test-utils; React 18.3, which setup installs, exports `act` from `react` already).
//   import { act } from 'react-dom/test-utils'      → import { act } from 'react'
//   import TestUtils from 'react-dom/test-utils'; TestUtils.act(…)  → act(…), act from 'react'
// Every other test-utils export (Simulate, renderIntoDocument, …) errors in React 19 and has no
// mechanical replacement: its import stays and each use is reported.

import type { API, FileInfo, Options } from 'jscodeshift';
import { addNamedImport, dropIfEmpty, freeName, importsFrom, isUsed, removeSpecifiers, objectImports, quoteOf, reporter, type AnyNode } from './imports.js';

export const parser = 'tsx';
export const prefilter = 'react-dom/test-utils';

const SOURCE = 'react-dom/test-utils';

export default function transform(file: FileInfo, api: API, _options: Options = {}): string | undefined {
  const j = api.jscodeshift;
  const root = j(file.source);
  const report = reporter(api);
  const declarations = importsFrom(j, root, SOURCE);
  if (declarations.length === 0) return undefined;
  let changed = false;
  // An `act` already bound to something else (a local helper) keeps its name; ours takes another.
  let actName: string | undefined;
  const nameForAct = (): string => (actName ??= isUsed(j, root, 'act') && !importsAct(declarations) ? freeName(j, root, 'reactAct') : 'act');

  const aliases: string[] = [];
  let plainAct = false;
  for (const path of declarations) {
    for (const specifier of (path.node.specifiers ?? []) as AnyNode[]) {
      if (specifier.type !== 'ImportSpecifier') continue;
      if (specifier.imported.name !== 'act') {
        report(path.node, `${specifier.imported.name} from react-dom/test-utils is removed in React 19 (only act moved, to react): rewrite its uses with @testing-library/react or plain DOM calls`);
        continue;
      }
      const local: string = specifier.local?.name ?? 'act';
      if (local === 'act') plainAct = true;
      else aliases.push(local);
    }
  }
  // A test-utils import left empty becomes the react one, on its line.
  const reuse = removeSpecifiers(j, root, SOURCE, (s) => s.type === 'ImportSpecifier' && s.imported.name === 'act', true);
  if (plainAct) addNamedImport(j, root, 'react', 'act', reuse);
  for (const local of aliases) addAliasedImport(api, root, local);
  dropIfEmpty(j, root, reuse);
  changed = plainAct || aliases.length > 0;

  // TestUtils.act(…) through a default or namespace import.
  for (const object of objectImports(j, root, SOURCE)) {
    root
      .find(j.MemberExpression, { object: { type: 'Identifier', name: object } })
      .forEach((member) => {
        const property = member.node.property as AnyNode;
        if (member.node.computed || property.type !== 'Identifier') return;
        if (property.name === 'act') {
          const name = nameForAct();
          member.replace(j.identifier(name));
          if (name === 'act') addNamedImport(j, root, 'react', 'act');
          else addAliasedImport(api, root, name);
          changed = true;
        } else report(member.node, `${object}.${property.name} (react-dom/test-utils) is removed in React 19: rewrite it with @testing-library/react or plain DOM calls`);
      });
    const stillUsed = root.find(j.Identifier, { name: object }).filter((p) => !['ImportDefaultSpecifier', 'ImportNamespaceSpecifier'].includes((p.parent.node as AnyNode).type)).size() > 0;
    if (!stillUsed) {
      for (const path of importsFrom(j, root, SOURCE)) {
        const specifiers = ((path.node.specifiers ?? []) as AnyNode[]).filter((s) => s.local?.name !== object);
        if (specifiers.length === 0) j(path as never).remove();
        else path.node.specifiers = specifiers;
      }
    }
  }
  return changed ? root.toSource({ quote: quoteOf(file.source) }) : undefined;
}

function importsAct(declarations: readonly { node: AnyNode }[]): boolean {
  return declarations.some((path) => ((path.node.specifiers ?? []) as AnyNode[]).some((s) => s.type === 'ImportSpecifier' && s.imported.name === 'act'));
}

/** `import { act as local } from 'react'`. */
function addAliasedImport(api: API, root: ReturnType<API['jscodeshift']>, local: string): void {
  const j = api.jscodeshift;
  const declaration = j.importDeclaration([j.importSpecifier(j.identifier('act'), j.identifier(local))], j.stringLiteral('react'));
  const imports = root.find(j.ImportDeclaration);
  imports.at(imports.size() - 1).insertAfter(declaration);
}
