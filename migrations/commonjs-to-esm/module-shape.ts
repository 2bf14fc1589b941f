// What a module exports, read from its syntax: the one decision require-to-import (the importer's
// side: default or named import) and exports-to-export (the module's side: `export default` or
// `export { … }`) must agree on, so that steps converting the two sides apart still fit together.
// Pure over a parsed tree; the only file reading is `readShapeOf`, for a sibling on disk.

import { existsSync, readFileSync } from 'node:fs';
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { freeReferences, lineOf, type AnyNode } from './syntax.js';

export type ExportShape =
  /** `module.exports = { a, b: c }` of identifiers, `exports.a = …`, or ESM without a default. */
  | { readonly kind: 'named'; readonly names: readonly string[] }
  /** `module.exports = <anything else>`, or ESM with `export default`. */
  | { readonly kind: 'default' }
  /** Neither module.exports nor exports is touched (a script, or a module run for its effects). */
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly line: number | undefined; readonly reason: string };

/** The top-level statements that export, found by `findExports`. */
export interface CommonJsExports {
  /** `module.exports = value;` */
  readonly whole: readonly ASTPath<AnyNode>[];
  /** `exports.name = value;` / `module.exports.name = value;` (`viaModule`), in source order. */
  readonly members: readonly { readonly path: ASTPath<AnyNode>; readonly name: string; readonly viaModule: boolean }[];
  /** Any other reference to `module` or `exports`: the line of the first. */
  readonly otherUse: number | undefined;
  /** `exports.a` read back where `a` is a top-level export (the module has no `module.exports = …`). */
  /** `exports.a` read back; `shadowed` when a scope around the read declares the export's local. */
  readonly readBacks: readonly { readonly path: ASTPath<AnyNode>; readonly name: string; readonly shadowed: boolean }[];
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `module.exports`, not computed. */
export function isModuleExports(node: AnyNode | null | undefined): boolean {
  return (
    node?.type === 'MemberExpression' &&
    !node.computed &&
    node.object?.type === 'Identifier' &&
    node.object.name === 'module' &&
    node.property?.type === 'Identifier' &&
    node.property.name === 'exports'
  );
}

/** `require.main === module` (either order; `==`, `!=`, `!==` too). */
export function isMainCheck(node: AnyNode | null | undefined): boolean {
  if (node?.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(node.operator)) return false;
  const isRequireMain = (side: AnyNode) =>
    side.type === 'MemberExpression' && !side.computed && side.object?.type === 'Identifier' && side.object.name === 'require' && side.property?.name === 'main';
  const isModule = (side: AnyNode) => side.type === 'Identifier' && side.name === 'module';
  return (isRequireMain(node.left) && isModule(node.right)) || (isModule(node.left) && isRequireMain(node.right));
}

/** The name `x` of `exports.x` or `module.exports.x` (not computed), or undefined. */
export function exportedMemberName(node: AnyNode | null | undefined): string | undefined {
  if (node?.type !== 'MemberExpression' || node.computed || node.property?.type !== 'Identifier') return undefined;
  const object = node.object as AnyNode;
  if ((object.type === 'Identifier' && object.name === 'exports') || isModuleExports(object)) return node.property.name as string;
  return undefined;
}

/** Top-level `X = value;` statements of the program, with X's node. */
function topLevelAssignments(root: Collection): { path: ASTPath<AnyNode>; left: AnyNode }[] {
  const program = root.get().node.program as AnyNode;
  const found: { path: ASTPath<AnyNode>; left: AnyNode }[] = [];
  const bodyPath = root.get('program', 'body') as ASTPath<AnyNode>;
  (program.body as AnyNode[]).forEach((statement, index) => {
    if (statement.type !== 'ExpressionStatement') return;
    const expression = statement.expression as AnyNode;
    if (expression.type !== 'AssignmentExpression' || expression.operator !== '=') return;
    found.push({ path: bodyPath.get(index) as ASTPath<AnyNode>, left: expression.left as AnyNode });
  });
  return found;
}

export function findExports(j: JSCodeshift, root: Collection): CommonJsExports {
  const whole: ASTPath<AnyNode>[] = [];
  const members: { path: ASTPath<AnyNode>; name: string; viaModule: boolean }[] = [];
  const exportLefts = new Set<AnyNode>();
  for (const { path, left } of topLevelAssignments(root)) {
    const value = path.node.expression.right as AnyNode;
    // `module.exports = exports = fn` and `exports.a = exports.b = x` chain more than one target.
    if (value.type === 'AssignmentExpression') continue;
    if (isModuleExports(left)) {
      whole.push(path);
      exportLefts.add(left);
      exportLefts.add(left.object);
      continue;
    }
    const name = exportedMemberName(left);
    if (name !== undefined) {
      members.push({ path, name, viaModule: isModuleExports(left.object) });
      exportLefts.add(left.object);
      if (isModuleExports(left.object)) exportLefts.add(left.object.object);
    }
  }
  let otherUse: number | undefined;
  const readBacks: { path: ASTPath<AnyNode>; name: string; shadowed: boolean }[] = [];
  const names = new Set(members.map((member) => member.name));
  for (const name of ['module', 'exports']) {
    for (const path of freeReferences(j, root, name)) {
      if (exportLefts.has(path.node) || isMainCheck(path.parent?.node)) continue;
      const read = whole.length === 0 ? readBack(path, names) : undefined;
      if (read) {
        readBacks.push({ ...read, shadowed: shadowed(read.path, members.find((member) => member.name === read.name)!) });
        continue;
      }
      const line = lineOf(path.node);
      if (otherUse === undefined || (line !== undefined && line < otherUse)) otherUse = line;
    }
  }
  return { whole, members, otherUse, readBacks };
}

/** True when the local an export's read-back becomes is declared by a scope around the read. */
function shadowed(read: ASTPath<AnyNode>, member: { readonly path: ASTPath<AnyNode>; readonly name: string }): boolean {
  const value = member.path.node.expression.right as AnyNode;
  const local = value.type === 'Identifier' ? (value.name as string) : member.name;
  const scope = read.scope?.lookup(local);
  return Boolean(scope && !scope.isGlobal);
}

/**
 * `exports.a` (or `module.exports.a`) read where `a` is one of the module's top-level exports —
 * `exports.lookup(x)`, `exports.types[ext]` — as the member expression to replace with the
 * export's local. Not a write (`exports.a = …` elsewhere, `exports.a++`, `delete exports.a`).
 */
function readBack(path: ASTPath<AnyNode>, names: ReadonlySet<string>): { path: ASTPath<AnyNode>; name: string } | undefined {
  let member = path.parent as ASTPath<AnyNode> | undefined;
  if (path.node.name === 'module') {
    if (!member || !isModuleExports(member.node)) return undefined;
    member = member.parent as ASTPath<AnyNode> | undefined;
  }
  const name = exportedMemberName(member?.node);
  if (!member || name === undefined || !names.has(name) || member.node.object !== (path.node.name === 'module' ? path.parent.node : path.node)) return undefined;
  const parent = member.parent?.node as AnyNode | undefined;
  const written =
    (parent?.type === 'AssignmentExpression' && parent.left === member.node) ||
    parent?.type === 'UpdateExpression' ||
    (parent?.type === 'UnaryExpression' && parent.operator === 'delete');
  return written ? undefined : { path: member, name };
}

/**
 * `module.exports = fn;` then `module.exports.a = …;` (a function or object with properties, as
 * `bytes` or `debug` export): a default whose properties the module sets. Bare `exports.a` after
 * the replacement would set a property of the discarded object, and one before it is discarded.
 */
export function isDefaultWithProperties(found: CommonJsExports): boolean {
  const [replaced] = found.whole;
  if (!replaced || found.whole.length !== 1) return false;
  const start = replaced.node.start as number;
  return found.members.every((member) => member.viaModule && (member.path.node.start as number) > start);
}

/** `{ a, b: c, 'd': e }` with identifier values only: the names, else undefined. */
export function namedObjectKeys(value: AnyNode): string[] | undefined {
  if (value.type !== 'ObjectExpression') return undefined;
  const names: string[] = [];
  for (const property of value.properties as AnyNode[]) {
    if (property.type !== 'ObjectProperty' && property.type !== 'Property') return undefined;
    if (property.computed || property.method || (property.kind !== undefined && property.kind !== 'init')) return undefined;
    if (property.value?.type !== 'Identifier') return undefined;
    const key = property.key as AnyNode;
    const name = key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' || key.type === 'Literal' ? String(key.value) : undefined;
    if (name === undefined || !IDENTIFIER.test(name) || name === 'default' || names.includes(name)) return undefined;
    names.push(name);
  }
  return names;
}

/** The shape of a CommonJS module, or of an ES module (a sibling converted already). */
export function readShape(j: JSCodeshift, root: Collection): ExportShape {
  return esmExports(root) ?? readCommonJsShape(j, root);
}

/** The shape of the file's CommonJS exports, whatever else it holds. */
export function readCommonJsShape(j: JSCodeshift, root: Collection): ExportShape {
  const { whole, members, otherUse, readBacks } = findExports(j, root);
  if (otherUse !== undefined) {
    return { kind: 'unknown', line: otherUse, reason: 'module or exports is used other than by a top-level `module.exports = …` / `exports.name = …`' };
  }
  // CommonJS allows `return` outside functions (the module wrapper is one); a module does not.
  const topLevelReturn = root.find(j.ReturnStatement).filter((path) => j(path).closest(j.Function).size() === 0).nodes()[0];
  if (topLevelReturn) return { kind: 'unknown', line: lineOf(topLevelReturn as AnyNode), reason: 'a top-level return ends the module early, which an ES module cannot do' };
  if (whole.length > 1) return { kind: 'unknown', line: lineOf(whole[1]?.node), reason: 'module.exports is assigned more than once' };
  if (whole.length === 1 && members.length > 0 && !isDefaultWithProperties({ whole, members, otherUse, readBacks })) {
    const start = whole[0]!.node.start as number;
    const bare = members.find((member) => !member.viaModule);
    const early = members.find((member) => (member.path.node.start as number) < start);
    const odd = bare ?? early!;
    const reason = bare
      ? `exports.${bare.name} is set beside module.exports = … (after it, exports is the discarded object; before it, the property is lost)`
      : `module.exports.${early!.name} is set before module.exports is replaced, which discards it`;
    return { kind: 'unknown', line: lineOf(odd.path.node), reason };
  }
  const [replaced] = whole;
  if (replaced && members.length > 0) return { kind: 'default' };
  if (replaced) {
    const names = namedObjectKeys(replaced.node.expression.right);
    return names ? { kind: 'named', names } : { kind: 'default' };
  }
  if (members.length > 0) {
    const names = members.map((member) => member.name);
    const twice = members.find((member, index) => names.indexOf(member.name) !== index);
    if (twice) return { kind: 'unknown', line: lineOf(twice.path.node), reason: `exports.${twice.name} is assigned more than once` };
    return { kind: 'named', names };
  }
  return { kind: 'none' };
}

/** TypeScript's `export = value`: what `require` (and `import x = require()`) gives is the value. */
export function hasExportAssignment(root: Collection): boolean {
  return (root.get().node.program.body as AnyNode[]).some((s) => s.type === 'TSExportAssignment');
}

function esmExports(root: Collection): ExportShape | undefined {
  const body = root.get().node.program.body as AnyNode[];
  if (hasExportAssignment(root)) return { kind: 'default' };
  if (!body.some((s) => s.type.startsWith('Export') || s.type === 'ImportDeclaration')) return undefined;
  if (body.some((s) => s.type === 'ExportDefaultDeclaration')) return { kind: 'default' };
  if (body.some((s) => s.type === 'ExportAllDeclaration')) return { kind: 'unknown', line: undefined, reason: 'export * hides the names' };
  const names: string[] = [];
  for (const statement of body) {
    if (statement.type !== 'ExportNamedDeclaration') continue;
    for (const specifier of (statement.specifiers ?? []) as AnyNode[]) {
      const exported = specifier.exported as AnyNode;
      const name = exported.type === 'Identifier' ? exported.name : String(exported.value);
      if (name === 'default' || name === 'module.exports') return { kind: 'default' };
      names.push(name);
    }
    const declaration = statement.declaration as AnyNode | null;
    if (declaration?.id?.name) names.push(declaration.id.name);
    for (const declarator of (declaration?.declarations ?? []) as AnyNode[]) {
      if (declarator.id?.type === 'Identifier') names.push(declarator.id.name);
    }
  }
  return { kind: 'named', names };
}

/** The parsed tree of a file on disk (a `.tsx` with the tsx parser), or undefined when it cannot be read or parsed. */
export function parseFile(j: JSCodeshift, absolutePath: string): Collection | undefined {
  if (!existsSync(absolutePath)) return undefined;
  try {
    const parse = /\.tsx$/.test(absolutePath) ? j.withParser('tsx') : /\.[cm]?ts$/.test(absolutePath) ? j.withParser('ts') : j;
    return parse(readFileSync(absolutePath, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The shape of a file on disk, or undefined when it cannot be read or parsed. */
export function readShapeOf(j: JSCodeshift, absolutePath: string): ExportShape | undefined {
  const root = parseFile(j, absolutePath);
  return root && readShape(j, root);
}
