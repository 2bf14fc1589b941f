// Pure: does a file call one of Jest's test globals (`expect(…)`, `test.each(…)(…)`, `it.each\`…\``)
// without binding the name itself? Read from the syntax tree, not the text: a name in a string or a
// comment (zod's .dependency-cruiser.js: "declare it (only!)", "test(s?)"), a method declared with
// the name (zod's `describe(description: string): this {`) or a member call (`re.test(s)`) is no
// call of a global. A file that declares the name anywhere (an import from chai or
// @playwright/test, `function test`, a parameter) is taken as binding it: a cheap approximation of
// scope whose miss plans one file fewer.

import { ts } from 'ts-morph';

export const JEST_GLOBALS = ['describe', 'fdescribe', 'xdescribe', 'it', 'fit', 'xit', 'test', 'xtest', 'expect', 'beforeAll', 'beforeEach', 'afterAll', 'afterEach'] as const;

/** Text that may hold such a call: files without it are not parsed. */
const MAY_CALL = new RegExp(`(?<![\\w$.])(?:${JEST_GLOBALS.join('|')})\\s*[.(\`]`);

export function callsUnboundJestGlobals(path: string, text: string): boolean {
  if (!MAY_CALL.test(text)) return false;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKindOf(path));
  const called = new Set<string>();
  const declared = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) {
      const name = calleeRoot(ts.isCallExpression(node) ? node.expression : node.tag);
      if (name !== undefined) called.add(name);
    } else if (ts.isIdentifier(node) && isDeclarationName(node)) {
      declared.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...called].some((name) => !declared.has(name));
}

/** `test`, `test.only`, `test.each(rows)`, `expect.extend` → the global's name; `re.test` → none. */
function calleeRoot(callee: ts.Expression): string | undefined {
  let node = callee;
  for (;;) {
    if (ts.isPropertyAccessExpression(node)) node = node.expression;
    else if (ts.isCallExpression(node)) node = node.expression;
    else if (ts.isTaggedTemplateExpression(node)) node = node.tag;
    else if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
    else break;
  }
  return ts.isIdentifier(node) && (JEST_GLOBALS as readonly string[]).includes(node.text) ? node.text : undefined;
}

function isDeclarationName(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isImportSpecifier(parent) || ts.isNamespaceImport(parent) || ts.isImportClause(parent) || ts.isImportEqualsDeclaration(parent)) return parent.name === node;
  if (ts.isVariableDeclaration(parent) || ts.isBindingElement(parent) || ts.isParameter(parent)) return parent.name === node;
  if (ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent) || ts.isClassDeclaration(parent) || ts.isClassExpression(parent)) return parent.name === node;
  return false;
}

function scriptKindOf(path: string): ts.ScriptKind {
  if (/\.tsx$/.test(path)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(path)) return ts.ScriptKind.TS;
  if (/\.jsx$/.test(path)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}
