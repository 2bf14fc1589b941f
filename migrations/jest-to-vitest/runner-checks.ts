// jscodeshift finish transform: a runner check kept for Jest (`typeof jest !== 'undefined' &&
// jest.fn`, which jest-api leaves as it is: a testing helper a library ships, pinia's
// createTestingPinia, picks Jest's spy where its users run Jest) loses its types when finish takes
// @types/jest away. Its `jest` is then unknown (TS2304), or, where a package still declares a
// global `namespace jest` for its matchers (jest-mock-warn, jest-dom), a namespace read as a value
// (TS2708, twice on pinia's line: land UNVERIFIED). The file gets its own declaration of what it
// reads of Jest's object, as pinia declares Vitest's (`declare var vi: …`):
//   declare const jest: { fn: (...args: any[]) => any };
// Only in a TS module (the declaration is the module's, not a global one), and only when every
// value reference to a global `jest` is a `typeof jest` test or a `jest.<member>` on the branch
// one guards; anything else (a `jest.fn()` outside a check, a bare `jest`) is reported and the
// file left alone: a declaration would hide code that breaks without Jest.

import type { API, ASTPath, FileInfo, Options } from 'jscodeshift';
import { type AnyNode, underJestCheck } from './ast-nodes.js';

export const parser = 'tsx';

const TS_FILE = /\.[cm]?tsx?$/;
const DECLARATION_FILE = /\.d\.[cm]?tsx?$/;
const NOTE = "// Jest's types left with Jest: where Jest runs this, the `typeof jest` check below finds Jest's object.";

/** Whether `path` (an Identifier `jest`) reads a value: not a type, a key, a label or a declaration. */
function readsValue(path: ASTPath): boolean {
  const node = path.node as AnyNode;
  const parent = path.parent?.node as AnyNode | undefined;
  if (!parent) return false;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed) return false;
  if ((parent.type === 'ObjectProperty' || parent.type === 'Property' || parent.type === 'ClassProperty' || parent.type === 'ObjectMethod' || parent.type === 'ClassMethod') && parent.key === node && !parent.computed) return false;
  if (/^TS/.test(parent.type) && parent.type !== 'TSAsExpression' && parent.type !== 'TSNonNullExpression' && parent.type !== 'TSSatisfiesExpression') return false;
  if (parent.type === 'VariableDeclarator') return parent.init === node;
  if (parent.type === 'AssignmentPattern') return parent.right === node;
  if (/Specifier$|Declaration$|Label|Function|Method|CatchClause|RestElement|Pattern/.test(parent.type) && parent.type !== 'ExportDefaultDeclaration') return false;
  return true;
}

export default function transformer(file: FileInfo, api: API, options: Options): string | undefined {
  if (!TS_FILE.test(file.path) || DECLARATION_FILE.test(file.path) || !/\btypeof\s+jest\b/.test(file.source)) return undefined;
  // A finish codemod that throws on a file stops land: .ts files parse as TypeScript without JSX
  // (`<T>value` casts), and a file that still does not parse is reported, not thrown on.
  const j = /\.[cm]?ts$/.test(file.path) ? api.jscodeshift.withParser('ts') : api.jscodeshift;
  const report = (node: AnyNode | undefined, message: string) => (api.report as (leftover: unknown) => void)({ line: node?.loc?.start.line ?? 0, message });
  let root: ReturnType<typeof j>;
  try {
    root = j(file.source);
  } catch (error) {
    report(undefined, `not parsed, so a kept \`typeof jest\` check here was not looked at: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const program = root.find(j.Program).paths()[0]?.node as AnyNode | undefined;
  if (!program) return undefined;
  const body = program.body as AnyNode[];
  if (!body.some((statement) => /^(Import|Export)/.test(statement.type) || statement.type === 'TSExportAssignment')) return undefined;

  const members = new Set<string>();
  let unguarded: AnyNode | undefined;
  root.find(j.Identifier, { name: 'jest' }).forEach((path) => {
    if (unguarded || !readsValue(path) || (path.scope as { lookup(name: string): unknown } | null)?.lookup('jest')) return;
    const node = path.node as AnyNode;
    const parent = path.parent.node as AnyNode;
    if (parent.type === 'UnaryExpression' && parent.operator === 'typeof') return;
    const member = (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.object === node && !parent.computed && parent.property.type === 'Identifier';
    if (member && underJestCheck(path.parent as ASTPath, 'jest')) members.add(parent.property.name as string);
    else unguarded = node;
  });
  // The file declares `jest` itself (this transform's own output among them): nothing to add.
  if (body.some((statement) => statement.type === 'VariableDeclaration' && (statement.declarations as AnyNode[]).some((d) => d.id?.name === 'jest'))) return undefined;
  if (unguarded) {
    report(unguarded, "`jest` read other than as `typeof jest` or a `jest.<member>` that such a check guards: once @types/jest is gone nothing declares it here; use `vi`, or guard it (`typeof jest !== 'undefined' && jest.fn`)");
    return undefined;
  }
  if (members.size === 0) return undefined;

  const type = [...members].sort().map((name) => `${name}: (...args: any[]) => any`).join('; ');
  const declaration = (j(`${NOTE}\ndeclare const jest: { ${type} };\n`).find(j.Program).paths()[0]!.node.body as AnyNode[])[0]!;
  const imports = body.reduce((last, statement, index) => (statement.type === 'ImportDeclaration' ? index + 1 : last), 0);
  // With no import above it, the file's opening comment stays the file's opening comment.
  const first = body[0];
  if (imports === 0 && first?.comments) {
    const leading = (first.comments as AnyNode[]).filter((comment) => comment.leading);
    first.comments = (first.comments as AnyNode[]).filter((comment) => !comment.leading);
    declaration.comments = [...leading, ...((declaration.comments as AnyNode[] | undefined) ?? [])];
  }
  body.splice(imports, 0, declaration);
  const quote = options['quote'] ?? ((file.source.match(/"/g)?.length ?? 0) > (file.source.match(/'/g)?.length ?? 0) ? 'double' : 'single');
  return root.toSource({ quote, lineTerminator: file.source.includes('\r\n') ? '\r\n' : '\n' });
}
