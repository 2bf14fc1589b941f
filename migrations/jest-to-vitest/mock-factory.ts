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
      const parent = path.parent?.node as AnyNode;
      if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === path.node && !parent.computed) return;
      if ((parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.key === path.node && !parent.computed && !parent.shorthand) return;
      if (parent.type.startsWith('TS')) return;
      if (enclosingFunction(path)?.node !== factory.node) return;
      found.add(name);
    });
  return [...found];
}

/** Checks on jest.mock(path, factory, options) that Vitest reads differently; reports, and wraps a function-valued factory result as `{ default }`. */
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
  if (factoryPath) {
    const eager = eagerTopLevelReads(j, factoryPath as ASTPath, topLevel);
    if (eager.length > 0) {
      report(call, `vi.mock is hoisted above the file's top-level code, but its factory reads ${eager.map((n) => `\`${n}\``).join(', ')} while it runs: declare ${eager.length > 1 ? 'them' : 'it'} with vi.hoisted(() => …)`);
    }
  }
  const body = factory!.body as AnyNode;
  const returned = body.type === 'BlockStatement' ? undefined : body.type === 'TSAsExpression' ? body.expression : body;
  if (source !== undefined && defaultImports.has(source) && returned?.type === 'ObjectExpression') {
    const keys = (returned.properties as AnyNode[]).map((p) => p.key?.name ?? p.key?.value);
    if (!keys.includes('default')) {
      report(call, `the file imports the default export of '${source}', but the factory returns no \`default\`: Vitest takes the returned object as the module namespace; add \`default: …\``);
    }
  } else if (returned && isModuleFunction(returned)) {
    // Jest's ESM interop hands a function-valued mock (no __esModule flag) to `import x from` as
    // the default export; Vitest needs that spelled out.
    factory!.body = j.objectExpression([j.property('init', j.identifier('default'), returned as any)]);
  } else if (returned && returned.type !== 'ObjectExpression' && returned.type !== 'AwaitExpression') {
    report(call, 'the factory does not return an object literal: Vitest takes its value as the module namespace, so a function or class must be returned as `{ default: … }` (or as named exports)');
  }
}

/** A function, a class or a jest.fn()/vi.fn() chain: a value that can only stand for the module's default export. */
function isModuleFunction(node: AnyNode): boolean {
  if (['ArrowFunctionExpression', 'FunctionExpression', 'ClassExpression'].includes(node.type)) return true;
  let current = node;
  while (current?.type === 'CallExpression' && current.callee?.type === 'MemberExpression') {
    const { object, property } = current.callee;
    if (object.type === 'Identifier' && ['jest', 'vi'].includes(object.name) && property.name === 'fn') return true;
    current = object;
  }
  return false;
}
