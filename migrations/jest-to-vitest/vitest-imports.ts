// jscodeshift transform, run after the others: imports from 'vitest' what the file uses without
// binding it. Test globals (describe, it, expect, vi, hooks) are imported unless the option
// `globals: true` says the project keeps Vitest's globals; types (Mock, Mocked, …) are always
// imported, since vitest/globals declares none. An existing value import from 'vitest' is extended.
// Self-contained: no runtime imports.

import type { API, ASTPath, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';

// tsx, and Babel's Flow grammar for Flow files (parser.ts).
export { parser } from './parser.js';

type AnyNode = { type: string; [key: string]: any };

/** In the order they are imported. */
const VALUES = ['describe', 'it', 'test', 'expect', 'vi', 'beforeAll', 'beforeEach', 'afterAll', 'afterEach', 'expectTypeOf', 'assertType'] as const;
const TYPES = ['Mock', 'MockInstance', 'Mocked', 'MockedObject', 'MockedObjectDeep', 'MockedFunction', 'MockedFunctionDeep', 'MockedClass'] as const;

const CODE_FILE = /\.[cm]?[jt]sx?$/;

/** Is this identifier a read of a variable (not a property name, key, declaration or type)? */
function isReference(path: ASTPath): boolean {
  const node = path.node as AnyNode;
  const parent = path.parent?.node as AnyNode | undefined;
  if (!parent) return false;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node) return parent.computed === true;
  if ((parent.type === 'ObjectProperty' || parent.type === 'Property' || parent.type === 'ObjectMethod' || parent.type === 'ClassProperty' || parent.type === 'ClassMethod') && parent.key === node)
    return parent.computed === true || (parent.shorthand === true && parent.value === node);
  if (parent.type.startsWith('Import') || parent.type.startsWith('Export')) return false;
  if (parent.type === 'VariableDeclarator' && parent.id === node) return false;
  if ((parent.type === 'FunctionDeclaration' || parent.type === 'FunctionExpression' || parent.type === 'ArrowFunctionExpression') && parent.params.includes(node)) return false;
  if (parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement') return false;
  if (parent.type.startsWith('TS') && parent.type !== 'TSAsExpression' && parent.type !== 'TSNonNullExpression' && parent.type !== 'TSSatisfiesExpression') return false;
  return true;
}

function topLevelTypeNames(j: JSCodeshift, root: Collection): Set<string> {
  const names = new Set<string>();
  root.find(j.ImportDeclaration).forEach((path) => {
    for (const s of ((path.node as AnyNode).specifiers ?? []) as AnyNode[]) names.add(s.local.name);
  });
  root.find(j.TSTypeAliasDeclaration).forEach((path) => void names.add((path.node as AnyNode).id.name));
  root.find(j.TSInterfaceDeclaration).forEach((path) => void names.add((path.node as AnyNode).id.name));
  root.find(j.ClassDeclaration).forEach((path) => void ((path.node as AnyNode).id && names.add((path.node as AnyNode).id.name)));
  return names;
}

export default function transformer(file: FileInfo, api: API, options: Options): string | undefined {
  if (!CODE_FILE.test(file.path)) return undefined;
  const wantValues = options['globals'] !== true;
  const typed = /\.[cm]?tsx?$/.test(file.path);
  const valuePattern = new RegExp(`\\b(?:${VALUES.join('|')})\\b`);
  const typePattern = new RegExp(`\\b(?:${TYPES.join('|')})\\b`);
  if (!(wantValues && valuePattern.test(file.source)) && !(typed && typePattern.test(file.source))) return undefined;
  const j = api.jscodeshift;
  const root = j(file.source);

  const values = new Set<string>();
  if (wantValues) {
    root.find(j.Identifier).forEach((path) => {
      const name = (path.node as AnyNode).name as string;
      if (!(VALUES as readonly string[]).includes(name) || values.has(name) || !isReference(path)) return;
      if (path.scope?.lookup(name)) return;
      values.add(name);
    });
  }
  const types = new Set<string>();
  if (typed) {
    const bound = topLevelTypeNames(j, root);
    root.find(j.TSTypeReference).forEach((path) => {
      const typeName = (path.node as AnyNode).typeName as AnyNode;
      if (typeName.type !== 'Identifier' || !(TYPES as readonly string[]).includes(typeName.name) || bound.has(typeName.name)) return;
      types.add(typeName.name);
    });
  }
  if (values.size === 0 && types.size === 0) return undefined;

  const quote = options['quote'] ?? ((file.source.match(/"/g)?.length ?? 0) > (file.source.match(/'/g)?.length ?? 0) ? 'double' : 'single');
  const orderedValues = VALUES.filter((name) => values.has(name));
  const orderedTypes = TYPES.filter((name) => types.has(name));
  const existing = root
    .find(j.ImportDeclaration, { source: { value: 'vitest' } })
    .filter((path) => (path.node as AnyNode).importKind !== 'type' && !((path.node as AnyNode).specifiers ?? []).some((s: AnyNode) => s.type === 'ImportNamespaceSpecifier'))
    .paths()[0];
  if (existing) {
    (existing.node as AnyNode).specifiers.push(
      ...orderedValues.map((name) => j.importSpecifier(j.identifier(name))),
      ...orderedTypes.map((name) => Object.assign(j.importSpecifier(j.identifier(name)), { importKind: 'type' })),
    );
    return root.toSource({ quote, arrowParensAlways: true, lineTerminator: file.source.includes('\r\n') ? '\r\n' : '\n' });
  }
  // A new import is spliced into the text: recast would separate it from the imports above with a blank line.
  const newline = file.source.includes('\r\n') ? '\r\n' : '\n';
  const q = quote === 'double' ? '"' : "'";
  const declaration =
    orderedValues.length === 0
      ? `import type { ${orderedTypes.join(', ')} } from ${q}vitest${q};`
      : `import { ${[...orderedValues, ...orderedTypes.map((name) => `type ${name}`)].join(', ')} } from ${q}vitest${q};`;
  const program = root.find(j.Program).paths()[0]!.node as AnyNode;
  const body = program.body as AnyNode[];
  const anchors = [...body.filter((statement) => statement.type === 'ImportDeclaration'), ...((program.directives ?? []) as AnyNode[])];
  const after = anchors.reduce((last: number, node) => Math.max(last, offsetOf(file.source, node.loc.end)), -1);
  if (after >= 0) return file.source.slice(0, after) + newline + declaration + file.source.slice(after);
  // Before the first statement: a leading comment (license, @jest-environment docblock) stays on top.
  const first = body[0];
  if (!first) return file.source + (file.source.endsWith('\n') || file.source === '' ? '' : newline) + declaration + newline;
  const start = offsetOf(file.source, first.loc.start);
  return file.source.slice(0, start) + declaration + newline + newline + file.source.slice(start);
}

/** recast's default tabWidth: each tab in a line's indentation counts up to this many columns. */
const RECAST_TAB_WIDTH = 4;

/**
 * A node's position as an offset into the file's text, from its line and column. Not `start`/`end`:
 * recast parses a text whose CRLFs it has made LFs, so those drift by one per line break before
 * them (robofriends: the import landed inside `'redux-thunk'`), and the column counts a line's
 * indentation as recast's countSpaces does, a tab to the next multiple of 4. The same as
 * ast-nodes.ts' sourceOffset, kept here since this transform is self-contained.
 */
function offsetOf(source: string, position: { line: number; column: number }): number {
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
