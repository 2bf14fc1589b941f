// jscodeshift transform: legacy assertion mode → strict assertion mode. `assert.equal` and friends
// from 'assert' / 'node:assert' become their strict variants (strictEqual, deepStrictEqual, …).
// Self-contained on purpose: no runtime imports, so any jscodeshift runner can load it unchanged.
// A strict assertion never passes where the loose one failed, so the rewrite cannot hide a bug;
// a test that compared across types (`equal(1, '1')`) fails and shows up in verification.

import type { API, ASTPath, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';

export const parser = 'babel';

type AnyNode = { type: string; [key: string]: any };

const STRICT: Readonly<Record<string, string>> = {
  equal: 'strictEqual',
  notEqual: 'notStrictEqual',
  deepEqual: 'deepStrictEqual',
  notDeepEqual: 'notDeepStrictEqual',
};

function isAssertSource(node: AnyNode | undefined): boolean {
  const value = node && (node.type === 'Literal' || node.type === 'StringLiteral') ? node.value : undefined;
  // 'assert/strict' and 'node:assert/strict' are already strict.
  return value === 'assert' || value === 'node:assert';
}

function isAssertRequire(node: AnyNode | null | undefined): boolean {
  return (
    node?.type === 'CallExpression' &&
    node.callee.type === 'Identifier' &&
    node.callee.name === 'require' &&
    node.arguments.length === 1 &&
    isAssertSource(node.arguments[0])
  );
}

function declares(path: ASTPath, name: string, id: AnyNode): boolean {
  const scope = path.scope?.lookup(name);
  const declared = scope?.getBindings()[name] as ASTPath[] | undefined;
  return declared?.some((p) => p.node === id) ?? false;
}

/** Identifiers that read the binding `id` (skipping property keys and the declaration itself). */
function referencesTo(j: JSCodeshift, root: Collection, name: string, id: AnyNode): ASTPath[] {
  return root
    .find(j.Identifier, { name })
    .filter((path: ASTPath) => {
      const parent = path.parent?.node as AnyNode | undefined;
      if (path.node === id || !parent) return false;
      if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === path.node)
        return parent.computed === true;
      // A shorthand property's key is a separate node from its value; the value is the reference.
      if ((parent.type === 'Property' || parent.type === 'ObjectProperty') && parent.key === path.node)
        return parent.computed === true;
      return declares(path, name, id);
    })
    .paths();
}

export default function transformer(file: FileInfo, api: API, options: Options): string | undefined {
  const j = api.jscodeshift;
  if (!/\b(?:not)?(?:deep)?equal\b/i.test(file.source) || !/assert/.test(file.source)) return undefined;
  const root = j(file.source);
  // A file that already uses a strict name for something else keeps its local names: renaming
  // a destructured `equal` to `strictEqual` there could capture that other binding.
  const takenNames = new Set<string>();
  root.find(j.Identifier).forEach((path: ASTPath) => takenNames.add((path.node as AnyNode).name));
  let changed = false;

  const namespaces: { name: string; id: AnyNode }[] = [];
  const renameLocal = (oldName: string, id: AnyNode, newName: string): boolean => {
    if (takenNames.has(newName)) return false;
    for (const ref of referencesTo(j, root, oldName, id)) {
      const parent = ref.parent?.node as AnyNode | undefined;
      // `{ equal }` in an object literal keeps its key: `{ equal: strictEqual }`.
      if (parent && (parent.type === 'Property' || parent.type === 'ObjectProperty') && parent.shorthand) {
        parent.key = j.identifier(oldName);
        parent.shorthand = false;
      }
      (ref.node as AnyNode).name = newName;
    }
    id.name = newName;
    takenNames.add(newName);
    return true;
  };

  root.find(j.VariableDeclarator).forEach((path: ASTPath) => {
    const node = path.node as AnyNode;
    if (!isAssertRequire(node.init)) return;
    if (node.id.type === 'Identifier') namespaces.push({ name: node.id.name, id: node.id });
    if (node.id.type !== 'ObjectPattern') return;
    for (const property of node.id.properties as AnyNode[]) {
      const strict = !property.computed && property.key?.type === 'Identifier' ? STRICT[property.key.name] : undefined;
      if (!strict || property.value?.type !== 'Identifier') continue;
      const local = property.value;
      if (property.shorthand && renameLocal(local.name, local, strict)) {
        property.key = j.identifier(strict);
        property.value = j.identifier(strict);
      } else {
        property.key = j.identifier(strict);
        property.shorthand = false;
      }
      changed = true;
    }
  });

  root.find(j.ImportDeclaration).forEach((path: ASTPath) => {
    const node = path.node as AnyNode;
    if (!isAssertSource(node.source)) return;
    for (const specifier of node.specifiers as AnyNode[]) {
      if (specifier.type !== 'ImportSpecifier') {
        namespaces.push({ name: specifier.local.name, id: specifier.local });
        continue;
      }
      const strict = STRICT[specifier.imported.name];
      if (!strict) continue;
      const local = specifier.local.name as string;
      if (local === specifier.imported.name && renameLocal(local, specifier.local, strict)) {
        node.specifiers[node.specifiers.indexOf(specifier)] = j.importSpecifier(j.identifier(strict));
      } else {
        node.specifiers[node.specifiers.indexOf(specifier)] = j.importSpecifier(j.identifier(strict), j.identifier(local));
      }
      changed = true;
    }
  });

  root.find(j.MemberExpression).forEach((path: ASTPath) => {
    const node = path.node as AnyNode;
    if (node.computed || node.property.type !== 'Identifier') return;
    const strict = STRICT[node.property.name];
    if (!strict) return;
    const object = node.object as AnyNode;
    const fromAssert =
      isAssertRequire(object) ||
      (object.type === 'Identifier' && namespaces.some((ns) => ns.name === object.name && declares(path, ns.name, ns.id)));
    if (!fromAssert) return;
    node.property = j.identifier(strict);
    changed = true;
  });

  if (!changed) return undefined;
  const quote = options['quote'] ?? ((file.source.match(/"/g)?.length ?? 0) > (file.source.match(/'/g)?.length ?? 0) ? 'double' : 'single');
  return root.toSource({ quote, lineTerminator: file.source.includes('\r\n') ? '\r\n' : '\n' });
}
