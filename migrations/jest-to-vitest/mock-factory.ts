// Module mock factories (`jest.mock(path, factory)`): what Vitest reads differently from Jest —
// the returned value is the module namespace, and vi.mock is hoisted above every top-level
// statement. Used by jest-api.ts.

import type { ASTPath, JSCodeshift } from 'jscodeshift';
import { type AnyNode, enclosingFunction, isFunction, stringValue } from './ast-nodes.js';

/** Top-level names declared with let/const/var/function/class (not imports): what a hoisted vi.mock cannot see yet. */
export function topLevelVariables(program: AnyNode): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body as AnyNode[]) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'VariableDeclaration') {
      for (const d of declaration.declarations as AnyNode[]) if (d.id.type === 'Identifier') names.add(d.id.name);
    } else if ((declaration?.type === 'FunctionDeclaration' || declaration?.type === 'ClassDeclaration') && declaration.id) {
      // Function declarations are hoisted too, but their bodies may read variables that are not yet set.
      if (declaration.type === 'ClassDeclaration') names.add(declaration.id.name);
    }
  }
  return names;
}

/** Identifiers the factory reads while it runs (not inside nested functions), that name top-level variables. */
function eagerTopLevelReads(j: JSCodeshift, factory: ASTPath, topLevel: Set<string>): string[] {
  const found = new Set<string>();
  j(factory)
    .find(j.Identifier)
    .forEach((path) => {
      const name = (path.node as AnyNode).name as string;
      if (!topLevel.has(name)) return;
      // A name the factory declares itself (`const mockFn = jest.fn()` in a block body) shadows the top-level one.
      if (path.scope?.lookup(name)?.isGlobal === false) return;
      const parent = path.parent?.node as AnyNode;
      if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === path.node && !parent.computed) return;
      if ((parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.key === path.node && !parent.computed && !parent.shorthand) return;
      if (parent.type.startsWith('TS')) return;
      if (enclosingFunction(path)?.node !== factory.node) return;
      found.add(name);
    });
  return [...found];
}

/**
 * Checks on jest.mock(path, factory, options) that Vitest reads differently; reports, and wraps a
 * function-valued factory result as `{ default }`. An expression body and every `return` of a
 * block body get the same treatment.
 */
export function checkMockCall(
  j: JSCodeshift,
  callPath: ASTPath,
  call: AnyNode,
  args: AnyNode[],
  topLevel: Set<string>,
  defaultImports: Map<string, string>,
  report: (node: AnyNode, message: string) => void,
): void {
  const source = stringValue(args[0]);
  const [, factory, config] = args;
  if (config) {
    report(call, "jest.mock with a third argument ({ virtual: true }): Vitest cannot mock a module that does not exist; add a `resolve.alias` for it in the Vitest config");
  }
  if (!isFunction(factory)) return;
  const factoryPath = j(callPath).find(j.Function).filter((p) => p.node === factory).paths()[0];
  if (!factoryPath) return;
  const eager = eagerTopLevelReads(j, factoryPath as ASTPath, topLevel);
  if (eager.length > 0) {
    report(call, `vi.mock is hoisted above the file's top-level code, but its factory reads ${eager.map((n) => `\`${n}\``).join(', ')} while it runs: declare ${eager.length > 1 ? 'them' : 'it'} with vi.hoisted(() => …)`);
  }
  // One report per kind and call, however many `return`s share the defect.
  const messages = new Set<string>();
  const returns = factoryReturns(j, factoryPath as ASTPath);
  if (returns.length === 0) messages.add(NO_RETURN);
  for (const { value, set } of returns) {
    const expression = value && unwrapType(value);
    const returned = expression && resolveLocal(factory!, expression);
    if (!expression || !returned) messages.add(NO_RETURN);
    else if (source !== undefined && defaultImports.has(source) && returned.type === 'ObjectExpression') {
      const keys = (returned.properties as AnyNode[]).map((p) => p.key?.name ?? p.key?.value);
      if (!keys.includes('default')) {
        messages.add(`the file imports the default export of '${source}', but the factory returns no \`default\`: Vitest takes the returned object as the module namespace; add \`default: …\``);
      }
    } else if (isModuleFunction(returned)) {
      // Jest's ESM interop hands a function-valued mock (no __esModule flag) to `import x from` as
      // the default export; Vitest needs that spelled out. A local (`return m`) is wrapped by name.
      set(j.objectExpression([j.property('init', j.identifier('default'), expression as any)]));
    } else if (returned.type !== 'ObjectExpression' && returned.type !== 'AwaitExpression') {
      messages.add(NOT_OBJECT);
    }
  }
  for (const message of messages) report(call, message);
}

const NO_RETURN = 'the factory returns nothing: Vitest takes its value as the module namespace; return an object of the exports (`{ default: … }` for a default export)';
const NOT_OBJECT =
  'the factory does not return an object literal: Vitest takes its value as the module namespace, so a function or class must be returned as `{ default: … }` (or as named exports)';

interface FactoryReturn {
  /** The returned expression; undefined for a bare `return;`. */
  readonly value: AnyNode | undefined;
  readonly set: (value: AnyNode) => void;
}

/** What a factory returns: its expression body, or the argument of each of its own `return`s (not those of nested functions). */
function factoryReturns(j: JSCodeshift, factoryPath: ASTPath): FactoryReturn[] {
  const factory = factoryPath.node as AnyNode;
  if (factory.body.type !== 'BlockStatement') return [{ value: factory.body, set: (value) => (factory.body = value) }];
  return j(factoryPath)
    .find(j.ReturnStatement)
    .filter((p) => enclosingFunction(p)?.node === factory)
    .nodes()
    .map((statement: AnyNode) => ({ value: statement.argument ?? undefined, set: (value: AnyNode) => (statement.argument = value) }));
}

function unwrapType(node: AnyNode): AnyNode {
  return node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' ? node.expression : node;
}

/** `return m` in a block-body factory: the value of a `const m = …`, class or function declared in the factory's own body, else `node`. */
function resolveLocal(factory: AnyNode, node: AnyNode): AnyNode {
  if (node.type !== 'Identifier' || factory.body.type !== 'BlockStatement') return node;
  for (const statement of factory.body.body as AnyNode[]) {
    if (statement.type === 'VariableDeclaration' && statement.kind === 'const') {
      const declarator = (statement.declarations as AnyNode[]).find((d) => d.id.type === 'Identifier' && d.id.name === node.name);
      if (declarator?.init) return unwrapType(declarator.init);
    }
    if ((statement.type === 'ClassDeclaration' || statement.type === 'FunctionDeclaration') && statement.id?.name === node.name) return statement;
  }
  return node;
}

/** A function, a class or a jest.fn()/vi.fn() chain: a value that can only stand for the module's default export. */
function isModuleFunction(node: AnyNode): boolean {
  if (['ArrowFunctionExpression', 'FunctionExpression', 'ClassExpression', 'ClassDeclaration', 'FunctionDeclaration'].includes(node.type)) return true;
  let current = node;
  while (current?.type === 'CallExpression' && current.callee?.type === 'MemberExpression') {
    const { object, property } = current.callee;
    if (object.type === 'Identifier' && ['jest', 'vi'].includes(object.name) && property.name === 'fn') return true;
    current = object;
  }
  return false;
}
