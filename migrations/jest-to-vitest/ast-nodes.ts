// AST helpers the jest-api transform's modules share (jscodeshift nodes typed loosely: the tsx
// parser's node shapes are wider than jscodeshift's types).

import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';

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

/** `jest.<one of names>` or `vi.<one of names>` (before or after the rename). */
export function isJestMember(node: AnyNode | undefined, jestName: string, names: readonly string[]): boolean {
  return node?.type === 'MemberExpression' && (isJestRef(node.object, jestName) || isJestRef(node.object, 'vi')) && names.includes(node.property?.name);
}

/** Is `fn` the factory (second argument) of a jest.mock / vi.mock call? */
export function isMockFactory(fnPath: ASTPath, jestName: string): boolean {
  const parent = fnPath.parent?.node as AnyNode | undefined;
  return parent?.type === 'CallExpression' && parent.arguments[1] === fnPath.node && isJestMember(parent.callee, jestName, ['mock', 'doMock']);
}

/** Is the identifier at `path` a property name (`a.name`, `{ name: … }`) rather than a reference? */
export function isPropertyName(path: ASTPath): boolean {
  const parent = path.parent?.node as AnyNode;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === path.node && !parent.computed) return true;
  return (parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.key === path.node && !parent.computed && !parent.shorthand;
}

/**
 * May this file await at its top level? Not when it is CommonJS (`.cjs`/`.cts`, or require(),
 * `module.exports`, `exports.x` with no import or export declaration). Every other test file is an ES module under Vitest, a file
 * without imports too (vitest-imports gives it one). Vitest's runner would accept the await either
 * way; tsc does not in a CommonJS file. A jscodeshift transform does not see tsconfig, so a
 * TypeScript file under `module: commonjs` still gets the await and tsc's check names it (TS1378).
 */
export function allowsTopLevelAwait(j: JSCodeshift, root: Collection, path: string): boolean {
  if (/\.c[jt]s$/.test(path)) return false;
  // Import or export declarations make an ES module for Vite whatever `require` calls the file also
  // makes, as Babel let Jest's test files mix them (Constructor-io/constructorio-ui-plp's
  // CioPlpGrid.test.jsx: `jest.spyOn(require(…), …)` in a test kept its top-level requireActual).
  if (root.find(j.ImportDeclaration).size() > 0 || root.find(j.ExportNamedDeclaration).size() > 0 || root.find(j.ExportDefaultDeclaration).size() > 0) return true;
  return (
    root.find(j.CallExpression, { callee: { type: 'Identifier', name: 'require' } }).size() === 0 &&
    root.find(j.MemberExpression, { object: { type: 'Identifier', name: 'module' }, property: { name: 'exports' } }).size() === 0 &&
    root.find(j.MemberExpression, { object: { type: 'Identifier', name: 'exports' } }).size() === 0
  );
}

/** recast's default tabWidth: each tab in a line's indentation counts up to this many columns. */
const RECAST_TAB_WIDTH = 4;

/**
 * A recast node position (`loc.start` / `loc.end`) as an offset into the file's text. Not the
 * node's `start`/`end`: recast parses a text whose CRLFs it has made LFs, so those drift by one per
 * line break before them (robofriends: an import landed inside `'redux-thunk'`), and `loc`'s column
 * counts a line's indentation as recast's countSpaces does, a tab to the next multiple of 4.
 */
export function sourceOffset(source: string, position: { line: number; column: number }): number {
  let lineStart = 0;
  for (let line = 1; line < position.line; line++) lineStart = source.indexOf('\n', lineStart) + 1;
  const indent = /^[^\S\n]*/.exec(source.slice(lineStart))![0];
  let width = 0;
  for (const char of indent) {
    if (char === '\t') width = (Math.floor(width / RECAST_TAB_WIDTH) + 1) * RECAST_TAB_WIDTH;
    else if (!'\r\v\f\ufeff'.includes(char)) width += 1;
  }
  if (position.column < width) return lineStart + Math.min(position.column, indent.length);
  return lineStart + indent.length + position.column - width;
}

/** A node holding `typeof <jestName>` anywhere in it. */
function asksTypeofJest(node: AnyNode | null | undefined, jestName: string): boolean {
  if (!node || typeof node !== 'object') return false;
  if (node.type === 'UnaryExpression' && node.operator === 'typeof' && node.argument?.type === 'Identifier' && node.argument.name === jestName) return true;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'comments' || key === 'tokens') continue;
    if (Array.isArray(value) ? value.some((item) => asksTypeofJest(item as AnyNode, jestName)) : value && typeof value === 'object' && asksTypeofJest(value as AnyNode, jestName)) return true;
  }
  return false;
}

/** `path` is on the branch a `typeof jest` test guards: `typeof jest … && here`, `… ? here : here`, `if (…) here`. */
export function underJestCheck(path: ASTPath, jestName: string): boolean {
  let child = path.node as AnyNode;
  for (let at = path.parent as ASTPath | null | undefined; at; child = at.node as AnyNode, at = at.parent as ASTPath | null | undefined) {
    const node = at.node as AnyNode;
    if (node.type === 'LogicalExpression' && node.right === child && asksTypeofJest(node.left, jestName)) return true;
    if ((node.type === 'ConditionalExpression' || node.type === 'IfStatement') && node.test !== child && asksTypeofJest(node.test, jestName)) return true;
  }
  return false;
}
