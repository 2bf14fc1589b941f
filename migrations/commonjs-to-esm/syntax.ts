// Syntax helpers the commonjs-to-esm transforms share: free references to CommonJS globals,
// statements built from source text (import attributes and string export names, which ast-types'
// builders refuse), the `#!` line and the "use strict" directive.

import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';

/** Loose view of a parsed node: shapes are checked here, ast-types' unions are too narrow. */
export type AnyNode = { type: string; [key: string]: any };

export const lineOf = (node: AnyNode | null | undefined): number | undefined => node?.loc?.start?.line;

/** True when `path` is an identifier that reads the free (undeclared) global of that name. */
export function isFreeReference(path: ASTPath<AnyNode>): boolean {
  const parent = path.parent?.node as AnyNode | undefined;
  const node = path.node;
  if (!parent) return false;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed) return false;
  // A key is no reference; `{ module }` shorthand reads the variable through its value node.
  if ((parent.type === 'ObjectProperty' || parent.type === 'Property' || parent.type === 'ObjectMethod' || parent.type === 'ClassMethod' || parent.type === 'ClassProperty') && path.name === 'key' && !parent.computed) {
    return false;
  }
  if (parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement') return false;
  if (parent.type === 'ImportSpecifier' || parent.type === 'ExportSpecifier') return false;
  return !path.scope?.lookup(node.name);
}

/** The free references to a global name (`require`, `module`, `__dirname`, …). */
export function freeReferences(j: JSCodeshift, root: Collection, name: string): ASTPath<AnyNode>[] {
  return root
    .find(j.Identifier, { name })
    .paths()
    .filter((path) => isFreeReference(path as ASTPath<AnyNode>)) as ASTPath<AnyNode>[];
}

/** True when the program already has import or export declarations. */
export function isEsm(root: Collection): boolean {
  const body = root.get().node.program.body as AnyNode[];
  return body.some((s) => s.type === 'ImportDeclaration' || s.type.startsWith('Export'));
}

/**
 * `export { local as exported, … };` (exported may be a string name such as 'module.exports'),
 * parsed after a declaration of the locals, which the parser demands.
 */
export function exportList(j: JSCodeshift, pairs: readonly (readonly [string, string])[]): AnyNode {
  const list = pairs.map(([local, exported]) => (local === exported ? local : `${local} as ${exported}`)).join(', ');
  return statement(j, `export { ${list} };`, `let ${[...new Set(pairs.map(([local]) => local))].join(', ')};`);
}

/** Parses one statement of source text (import attributes and string export names included). */
export function statement(j: JSCodeshift, source: string, before = ''): AnyNode {
  const body = j(`${before}\n${source}`).get().node.program.body as AnyNode[];
  const node = body[before ? 1 : 0];
  if (!node) throw new Error(`not a statement: ${source}`);
  // Printed fresh, not from the snippet's original text.
  delete node.loc;
  delete node.start;
  delete node.end;
  // recast 0.23 prints import attributes from `assertions`, with the keyword it is told.
  if (node.attributes?.length) {
    node.assertions = node.attributes;
    node.importAttributesKeyword = 'with';
  }
  return node;
}

/**
 * Runs `edit` on the source with its `#!` line made a comment (recast glues a statement inserted
 * first onto an interpreter line), and puts the line back.
 */
export function keepingShebang(source: string, edit: (source: string) => string | undefined): string | undefined {
  if (!source.startsWith('#!')) return edit(source);
  const output = edit(`//${source}`);
  return output === undefined ? undefined : output.replace(/^\/\/#!/, '#!');
}

/** Drops a leading "use strict" directive: modules are strict already. */
export function dropUseStrict(root: Collection): boolean {
  const program = root.get().node.program as AnyNode;
  const body = program.body as AnyNode[];
  const directives = (program.directives ?? []) as AnyNode[];
  const index = directives.findIndex((d) => d.value?.value === 'use strict');
  const first = body[0];
  let removed: AnyNode | undefined;
  if (index >= 0) [removed] = directives.splice(index, 1);
  // The babel parser jscodeshift uses gives directives as statements of the body.
  else if (first?.type === 'ExpressionStatement' && first.expression?.value === 'use strict' && first.directive !== undefined) removed = body.shift();
  if (!removed) return false;
  // A comment before the directive (a licence, a shebang made a comment) moves to what follows.
  const comments = ((removed.comments ?? removed.leadingComments ?? []) as AnyNode[]).map((c) => ({ ...c, leading: true, trailing: false }));
  if (comments.length && body[0]) body[0].comments = [...comments, ...(body[0].comments ?? [])];
  return true;
}
