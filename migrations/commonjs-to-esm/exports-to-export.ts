// jscodeshift transform: `module.exports` / `exports.x` → `export`, in the shape module-shape.ts
// reads, which is also what require-to-import decided importers get:
//   module.exports = { a, b: c }        → export { a, c as b };
//   module.exports = value              → export default value; export { value as 'module.exports' };
//   exports.a = value / module.exports.a → export const a = value;  (export { local as a } for a name)
//   module.exports = fn; module.exports.a = a → fn.a = a; export default fn; export { fn as 'module.exports', a };
// The extra `'module.exports'` name keeps `require()` of the converted file returning the same value
// (Node ≥ 20.19 require(esm)) for CommonJS importers converted in a later step, or never.
// A file whose exports have another shape (mixed, reassigned, read back) is left to require-to-import's report.

import type { API, ASTPath, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';
import { findExports, namedObjectKeys, readCommonJsShape } from './module-shape.js';
import { dropUseStrict, exportList, freeReferences, keepingShebang, statement, type AnyNode } from './syntax.js';

export const parser = 'babel';

/** A fresh top-level name: `base`, `base2`, … */
function freshName(names: Set<string>, base: string): string {
  let name = base;
  for (let n = 2; names.has(name); n += 1) name = `${base}${n}`;
  names.add(name);
  return name;
}

/** The name a default export gets in the file: the file's own name, camel-cased. */
function defaultName(path: string): string {
  const file = path.split('/').pop()?.replace(/\.[cm]?jsx?$/, '') ?? '';
  const stem = file === 'index' ? (path.split('/').slice(-2, -1)[0] ?? 'main') : file;
  const words = stem.split(/[^A-Za-z0-9_$]+/).filter(Boolean);
  const name = words.map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('');
  return !name || /^\d/.test(name) ? `_${name}` : name;
}

function topLevelNames(j: JSCodeshift, root: Collection): Set<string> {
  return new Set(root.find(j.Identifier).nodes().map((node) => node.name));
}

const withComments = (from: AnyNode, nodes: AnyNode[]): AnyNode[] => {
  if (from.comments?.length && nodes[0]) nodes[0].comments = [...from.comments, ...(nodes[0].comments ?? [])];
  return nodes;
};

function exportDefault(j: JSCodeshift, names: Set<string>, declared: (name: string) => boolean, value: AnyNode, path: string): AnyNode[] {
  const interop = (local: string) => exportList(j, [[local, "'module.exports'"]]);
  // An export list names local bindings only: a global (`module.exports = Error`) gets a const.
  if (value.type === 'Identifier' && declared(value.name)) return [statement(j, `export default ${value.name};`), interop(value.name)];
  if ((value.type === 'FunctionExpression' || value.type === 'ClassExpression') && value.id?.name) {
    const declaration = { ...value, type: value.type === 'FunctionExpression' ? 'FunctionDeclaration' : 'ClassDeclaration' };
    return [j.exportDefaultDeclaration(declaration as any) as AnyNode, interop(value.id.name)];
  }
  const local = freshName(names, defaultName(path));
  return [
    j.variableDeclaration('const', [j.variableDeclarator(j.identifier(local), value as any)]) as AnyNode,
    statement(j, `export default ${local};`),
    interop(local),
  ];
}

/**
 * `module.exports = fn; module.exports.a = a;` → `fn.a = a;` and `export default fn;` with the
 * `'module.exports'` name, and each property that is a local's also as a named export (what
 * Node's CommonJS lexer gave ES importers of the file before).
 */
function exportDefaultWithProperties(
  j: JSCodeshift,
  names: Set<string>,
  replaced: ASTPath<AnyNode>,
  members: readonly { readonly path: ASTPath<AnyNode>; readonly name: string }[],
  path: string,
  declared: (name: string) => boolean,
): void {
  const value = replaced.node.expression.right as AnyNode;
  const own = value.type === 'Identifier' && declared(value.name);
  const local = own ? (value.name as string) : freshName(names, defaultName(path));
  // `module.exports.default = fn` (for transpiled importers) stays a property: `export default` is there.
  const named = members
    .filter(({ path: { node } }) => node.expression.right.type === 'Identifier' && declared(node.expression.right.name))
    .filter((member) => member.name !== local && member.name !== 'default')
    .map((member) => [member.path.node.expression.right.name as string, member.name] as const)
    .filter(([, name], index, all) => all.findIndex(([, other]) => other === name) === index);
  const nodes = [
    ...(own ? [] : [j.variableDeclaration('const', [j.variableDeclarator(j.identifier(local), value as any)]) as AnyNode]),
    statement(j, `export default ${local};`),
    exportList(j, [[local, "'module.exports'"], ...named]),
  ];
  for (const member of members) {
    member.path.node.expression.left = j.memberExpression(j.identifier(local), j.identifier(member.name));
  }
  replaced.replace(...withComments(replaced.node, nodes));
}

export default function transform(file: FileInfo, api: API, _options: Options = {}): string | undefined {
  return keepingShebang(file.source, (source) => convert({ ...file, source }, api));
}

function convert(file: FileInfo, api: API): string | undefined {
  if (!/\.jsx?$/.test(file.path)) return undefined;
  const j = api.jscodeshift;
  const root = j(file.source);
  // A file whose exports have no convertible shape was reported by require-to-import.
  const shape = readCommonJsShape(j, root);
  if (shape.kind === 'none' || shape.kind === 'unknown') return undefined;
  const names = topLevelNames(j, root);
  const { whole, members, readBacks } = findExports(j, root);
  const program = root.get().node.program as AnyNode;
  const declared = (name: string) => (program.body as AnyNode[]).some((s) => declares(s, name));
  // A new top-level `const a` must not capture a global `a` the file still reads.
  const taken = (name: string) => declared(name) || freeReferences(j, root, name).length > 0;
  const [replaced] = whole;
  if (replaced && members.length > 0) {
    exportDefaultWithProperties(j, names, replaced, members, file.path, declared);
    dropUseStrict(root);
    return root.toSource();
  }
  if (replaced) {
    const value = replaced.node.expression.right as AnyNode;
    const keys = namedObjectKeys(value);
    const aliases: AnyNode[] = [];
    const pairs = (keys ? (value.properties as AnyNode[]) : []).map((p, i) => {
      const name = p.value.name as string;
      if (declared(name)) return [name, keys![i]!] as const;
      const alias = freshName(names, `${name}Export`);
      aliases.push(j.variableDeclaration('const', [j.variableDeclarator(j.identifier(alias), j.identifier(name))]) as AnyNode);
      return [alias, keys![i]!] as const;
    });
    const nodes = keys ? [...aliases, exportList(j, pairs)] : exportDefault(j, names, declared, value, file.path);
    replaced.replace(...withComments(replaced.node, nodes));
  }
  /** The local each export name is bound to, for `exports.a` read back in the module. */
  const locals = new Map<string, string>();
  // `exports.charset(mime)` read inside a function with its own `var charset`: the export's own
  // local is not reachable there, so the export gets a fresh top-level name all its reads use.
  const unreachable = new Set(readBacks.filter((read) => read.shadowed).map((read) => read.name));
  for (const { path, name } of members) {
    const value = path.node.expression.right as AnyNode;
    const bound = taken(name) || unreachable.has(name);
    let nodes: AnyNode[];
    if (value.type === 'Identifier' && declared(value.name) && (value.name !== name || bound) && !unreachable.has(name)) {
      nodes = [exportList(j, [[value.name as string, name]])];
      locals.set(name, value.name as string);
    } else if (!bound) {
      nodes = [j.exportNamedDeclaration(j.variableDeclaration('const', [j.variableDeclarator(j.identifier(name), value as any)])) as AnyNode];
      locals.set(name, name);
    } else {
      const local = freshName(names, `${name}Export`);
      nodes = [j.variableDeclaration('const', [j.variableDeclarator(j.identifier(local), value as any)]) as AnyNode, exportList(j, [[local, name]])];
      locals.set(name, local);
    }
    path.replace(...withComments(path.node, nodes));
  }
  for (const { path, name } of readBacks) {
    const local = locals.get(name);
    if (local) path.replace(j.identifier(local));
  }
  dropUseStrict(root);
  const output = root.toSource();
  return output === file.source ? undefined : output;
}

/** True when a top-level statement declares `name`. */
function declares(statement: AnyNode, name: string): boolean {
  if ((statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') && statement.id?.name === name) return true;
  if (statement.type === 'VariableDeclaration') return (statement.declarations as AnyNode[]).some((d) => d.id?.type === 'Identifier' && d.id.name === name);
  if (statement.type === 'ImportDeclaration') return (statement.specifiers as AnyNode[]).some((s) => s.local?.name === name);
  return false;
}
