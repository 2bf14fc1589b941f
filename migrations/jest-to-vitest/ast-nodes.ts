// AST helpers the jest-api transform's modules share (jscodeshift nodes typed loosely: the tsx
// parser's node shapes are wider than jscodeshift's types).

import type { ASTPath } from 'jscodeshift';

export type AnyNode = { type: string; [key: string]: any };

export function isJestRef(node: AnyNode | undefined, name: string): boolean {
  return node?.type === 'Identifier' && node.name === name;
}

export function stringValue(node: AnyNode | undefined): string | undefined {
  if (node?.type === 'StringLiteral' || (node?.type === 'Literal' && typeof node.value === 'string')) return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked;
  return undefined;
}

export function isFunction(node: AnyNode | undefined): boolean {
  return node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionExpression';
}

/** The innermost function around `path`, or undefined at module level. */
export function enclosingFunction(path: ASTPath): ASTPath | undefined {
  for (let p = path.parent as ASTPath | null; p; p = p.parent as ASTPath | null) {
    const type = (p.node as AnyNode).type;
    if (type === 'ArrowFunctionExpression' || type === 'FunctionExpression' || type === 'FunctionDeclaration' || type === 'ObjectMethod' || type === 'ClassMethod')
      return p;
  }
  return undefined;
}

/** Is `fn` the factory (second argument) of a jest.mock / vi.mock call? */
export function isMockFactory(fnPath: ASTPath, jestName: string): boolean {
  const parent = fnPath.parent?.node as AnyNode | undefined;
  if (parent?.type !== 'CallExpression' || parent.arguments[1] !== fnPath.node) return false;
  const callee = parent.callee as AnyNode;
  return (
    callee.type === 'MemberExpression' &&
    (isJestRef(callee.object, jestName) || isJestRef(callee.object, 'vi')) &&
    ['mock', 'doMock'].includes(callee.property?.name)
  );
}
