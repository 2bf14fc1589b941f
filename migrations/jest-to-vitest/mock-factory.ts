// Module mock factories (`jest.mock(path, factory)`): what Vitest reads differently from Jest —
// the returned value is the module namespace, and vi.mock is hoisted above every top-level
// statement. Used by jest-api.ts.

import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { type AnyNode, enclosingFunction, isFunction, isJestMember, isJestRef, isPropertyName, stringValue } from './ast-nodes.js';

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
      if (isPropertyName(path) || (path.parent?.node as AnyNode).type.startsWith('TS')) return;
      if (enclosingFunction(path)?.node !== factory.node) return;
      found.add(name);
    });
  return [...found];
}

/**
 * `const mockHttp = jest.fn()…` that a factory reads (babel-jest lets factories read `mock*`
 * variables, as jest.mock runs after them): becomes `const mockHttp = vi.hoisted(() => …)`, which
 * Vitest hoists with vi.mock, when its initialiser reads no top-level binding or import (none
 * exists yet where vi.hoisted runs). Returns the names it could not hoist.
 */
function hoistReads(j: JSCodeshift, callPath: ASTPath, names: readonly string[], viName: string): string[] {
  const program = j(callPath).closest(j.Program).paths()[0];
  if (!program) return [...names];
  const left: string[] = [];
  for (const name of names) {
    const declarator = j(program)
      .find(j.VariableDeclarator)
      .filter((path) => {
        const statement = path.parent?.node as AnyNode;
        return (path.node as AnyNode).id?.name === name && statement.kind === 'const' && path.parent?.parent?.node === program.node && statement.declarations.length === 1;
      })
      .paths()[0];
    const init = (declarator?.node as AnyNode | undefined)?.init as AnyNode | undefined;
    const readsTopLevel =
      declarator === undefined ||
      j(declarator.get('init') as ASTPath)
        .find(j.Identifier)
        .some((path) => !isPropertyName(path) && !(path.parent?.node as AnyNode).type.startsWith('TS') && path.scope?.lookup((path.node as AnyNode).name)?.isGlobal === true);
    if (!init || readsTopLevel || isJestMember(init.callee, viName, ['hoisted'])) {
      if (!init || !isJestMember(init.callee, viName, ['hoisted'])) left.push(name);
      continue;
    }
    (declarator!.node as AnyNode).init = j.callExpression(j.memberExpression(j.identifier(viName), j.identifier('hoisted')), [j.arrowFunctionExpression([], init as any)]);
  }
  return left;
}

/**
 * Checks on jest.mock(path, factory, options) that Vitest reads differently; reports, wraps a
 * function-valued factory result as `{ default }` and gives an object one that is itself. An expression body and every `return` of a
 * block body get the same treatment.
 */
export function checkMockCall(
  j: JSCodeshift,
  callPath: ASTPath,
  call: AnyNode,
  args: AnyNode[],
  topLevel: Set<string>,
  report: (node: AnyNode, message: string) => void,
  viName = 'vi',
): void {
  const source = stringValue(args[0]);
  const [, factory, config] = args;
  if (config) {
    report(call, "jest.mock with a third argument ({ virtual: true }): Vitest cannot mock a module that does not exist; add a `resolve.alias` for it in the Vitest config");
  }
  if (!isFunction(factory)) return;
  const factoryPath = j(callPath).find(j.Function).filter((p) => p.node === factory).paths()[0];
  if (!factoryPath) return;
  const eager = hoistReads(j, callPath, eagerTopLevelReads(j, factoryPath as ASTPath, topLevel), viName);
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
    else if (returned.type === 'ObjectExpression') {
      // Jest's interop (Babel's, TypeScript's esModuleInterop) reads a mock object without
      // `__esModule` as a CommonJS module: `import x from` gets the whole object, `import * as ns`
      // the object and `default` (Babel's interopRequireWildcard). Vitest takes the object as the
      // namespace, so a module that default-imports the mocked one (`import axios from 'axios'`)
      // got no `default` ("No default export is defined on the mock"), or the real module's from a
      // spread of the original. Spelled out, as Jest read it. An object that names `default` or
      // `__esModule` itself was written as a namespace already: left as it is. (Object.assign(…)
      // is left too: it would copy a getter's value, taken from its source object.)
      const keys = literalKeys(returned);
      if (!keys.includes('default') && !keys.includes('__esModule')) addSelfDefault(j, returned);
    } else if (isModuleFunction(returned)) {
      // Jest's ESM interop hands a function-valued mock (no __esModule flag) to `import x from` as
      // the default export; Vitest needs that spelled out. A local (`return m`) is wrapped by name.
      set(j.objectExpression([j.property('init', j.identifier('default'), expression as any)]));
    } else if (returned.type !== 'ObjectExpression' && returned.type !== 'AwaitExpression' && !isObjectAssign(returned)) {
      messages.add(NOT_OBJECT);
    }
  }
  for (const message of messages) report(call, message);
}

/** `Object.assign({…}, …)`: a new plain object, as a literal with spreads would be (prom-client's `Object.assign({}, actual, { platform })`). */
function isObjectAssign(node: AnyNode): boolean {
  const callee = node.type === 'CallExpression' ? node.callee : undefined;
  return callee?.type === 'MemberExpression' && callee.object?.name === 'Object' && callee.property?.name === 'assign' && node.arguments[0]?.type === 'ObjectExpression';
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

/**
 * `get default() { return this; }` at the end of a mock's object literal: the module's default
 * export is the object itself, as Jest's interop made it. A getter, so that the object stays one
 * literal where it was (other rewrites find the mocks in it by shape).
 */
function addSelfDefault(j: JSCodeshift, object: AnyNode): void {
  const getter = j.property('get', j.identifier('default'), j.functionExpression(null, [], j.blockStatement([j.returnStatement(j.thisExpression())])));
  (object.properties as AnyNode[]).push(getter as AnyNode);
}

/** The keys an object literal spells out. */
function literalKeys(object: AnyNode): string[] {
  return (object.properties as AnyNode[]).map((p) => p.key?.name ?? p.key?.value).filter((key): key is string => typeof key === 'string');
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

/** The parameter through which Vitest hands a factory its module's real exports. */
const IMPORT_ORIGINAL = 'importOriginal';

/**
 * The async counterpart of jest.requireActual / requireMock (`method`): `importOriginal<T>()` for
 * the real module inside a factory of vi.mock(mocked) when `mocked` is that module and the factory
 * can take the parameter (it gets it), else `vi.<method><T>(source)`. T, in typed files (Vitest's
 * default is `unknown`-valued, and a spread of `unknown` does not type-check): the call's own type
 * arguments, else `typeof import(source)` when the module is spread straight into an object (no
 * use of it can then fail to type-check), else `any`, the type Jest's untyped requireActual gave:
 * a use that type-checked only through it (react-countdown's `new actual.default(props, updater)`
 * on a one-parameter constructor) keeps type-checking. The caller awaits it and makes the
 * function async.
 */
export function importCall(
  j: JSCodeshift,
  options: { vi: string; typed: boolean; method: 'importActual' | 'importMock'; factory: AnyNode | undefined; mocked: string | undefined; spread?: boolean },
  requireCall: AnyNode,
): AnyNode {
  const source = stringValue(requireCall.arguments[0]);
  const original = options.method === 'importActual' && source !== undefined && source === options.mocked && options.factory && takesImportOriginal(options.factory);
  const replacement = (
    original
      ? j.callExpression(j.identifier(IMPORT_ORIGINAL), [])
      : j.callExpression(j.memberExpression(j.identifier(options.vi), j.identifier(options.method)), requireCall.arguments)
  ) as AnyNode;
  if (requireCall.typeParameters) replacement.typeParameters = requireCall.typeParameters;
  else if (options.typed && source !== undefined) {
    replacement.typeParameters = j.tsTypeParameterInstantiation([options.spread ? (j.tsTypeQuery(j.tsImportType(j.stringLiteral(source)) as any) as any) : j.tsAnyKeyword()]);
  }
  return replacement;
}

/** Gives `factory` the importOriginal parameter; false when it declares other parameters. */
function takesImportOriginal(factory: AnyNode): boolean {
  const params = factory.params as AnyNode[];
  if (params.length === 0) factory.params = [{ type: 'Identifier', name: IMPORT_ORIGINAL }];
  else if (params.length > 1 || params[0]?.type !== 'Identifier' || params[0].name !== IMPORT_ORIGINAL) return false;
  return true;
}

/** The string argument of a jest.mock / vi.mock call whose factory is `factory`. */
export function mockedModule(factoryPath: ASTPath): string | undefined {
  return stringValue((factoryPath.parent?.node as AnyNode | undefined)?.arguments[0]);
}

/**
 * `const actual = jest.requireActual('x')` at the top level, read by a jest.mock factory while it
 * runs: vi.mock is hoisted above that const, so the factory would read it before it is set. Each
 * such factory declares it itself (`const actual = await importOriginal<…>()`), and the top-level
 * const goes when nothing else reads it. When something does, it stays for the module-level rewrite
 * (`await vi.importActual(…)`) when the file may await at its top level; else it is reported and
 * its call returned, to be left as it was.
 */
export function moveActualIntoFactories(
  j: JSCodeshift,
  root: Collection,
  options: { jest: string; vi: string; typed: boolean; topLevelAwait: boolean },
  report: (node: AnyNode, message: string) => void,
): { changed: boolean; leave: Set<AnyNode> } {
  const leave = new Set<AnyNode>();
  let changed = false;
  const factories = root
    .find(j.CallExpression)
    .filter((p) => isJestMember((p.node as AnyNode).callee, options.jest, ['mock']) && isFunction((p.node as AnyNode).arguments[1]))
    .map((p) => p.get('arguments', 1) as ASTPath);
  const program = root.find(j.Program).nodes()[0] as AnyNode | undefined;
  for (const statement of [...((program?.body ?? []) as AnyNode[])]) {
    const declared = topLevelRequireActual(statement, options.jest);
    if (!declared) continue;
    const { name, call } = declared;
    let moved = false;
    factories.forEach((factoryPath) => {
      const factory = factoryPath.node as AnyNode;
      if (!eagerTopLevelReads(j, factoryPath, new Set([name])).includes(name)) return;
      if ((factory.params as AnyNode[]).length > 0) return;
      const value = j.awaitExpression(importCall(j, { ...options, method: 'importActual', factory, mocked: mockedModule(factoryPath) }, call) as any);
      const declaration = j.variableDeclaration('const', [j.variableDeclarator(j.identifier(name), value)]);
      if (factory.body.type === 'BlockStatement') factory.body.body.unshift(declaration);
      else {
        // `() => ({ … })` returns the object without its parentheses.
        if (factory.body.extra) factory.body.extra = { ...factory.body.extra, parenthesized: false };
        factory.body = j.blockStatement([declaration, j.returnStatement(factory.body)]);
      }
      factory.async = true;
      // The factory's scope was scanned before it declared the name: read it again.
      factoryPath.scope?.scan(true);
      moved = true;
    });
    if (!moved) continue;
    changed = true;
    if (readsOutside(j, root, name, statement)) {
      if (options.topLevelAwait) continue;
      leave.add(call);
      report(call, `\`${name}\` (jest.requireActual) is also read outside the mock factories, and this file is CommonJS: Vitest only has the async vi.importActual, and top-level await needs an ES module; read it with \`await vi.importActual(…)\` inside an async function (the factories load their own copy now)`);
    } else {
      program!.body = (program!.body as AnyNode[]).filter((s) => s !== statement);
    }
  }
  return { changed, leave };
}

/** `const name = jest.requireActual('x')` (with or without type arguments or an `as` cast): the name and the call. */
function topLevelRequireActual(statement: AnyNode, jest: string): { name: string; call: AnyNode } | undefined {
  if (statement.type !== 'VariableDeclaration' || statement.kind !== 'const' || statement.declarations.length !== 1) return undefined;
  const [declarator] = statement.declarations as AnyNode[];
  const call = declarator?.init && unwrapType(declarator.init);
  if (declarator?.id.type !== 'Identifier' || call?.type !== 'CallExpression') return undefined;
  const isRequireActual = isJestMember(call.callee, jest, ['requireActual']);
  return isRequireActual && stringValue(call.arguments[0]) !== undefined ? { name: declarator.id.name, call } : undefined;
}

/** Does anything outside `declaration` read the top-level `name` (a type position counts)? */
function readsOutside(j: JSCodeshift, root: Collection, name: string, declaration: AnyNode): boolean {
  return root
    .find(j.Identifier, { name })
    .filter((path) => {
      if (path.parent?.node === declaration.declarations[0] || isPropertyName(path)) return false;
      return path.scope?.lookup(name)?.isGlobal !== false;
    })
    .size() > 0;
}

/**
 * Node builtins whose `jest.mock(name, factory)` is mirrored onto Node's own module (see
 * mirrorBuiltinMock): the network, processes and the machine, which Vitest's own worker does not
 * call while tests run. Not fs, path, url or the like: Vitest reads snapshots and sources through
 * them in the same process, and would read the mock.
 */
const MIRRORED_BUILTINS = new Set(['http', 'https', 'http2', 'net', 'tls', 'dns', 'dgram', 'child_process', 'cluster', 'os', 'v8']);

/**
 * `vi.mock` of a Node builtin reaches `import`s only, where `jest.mock` also reached `require`:
 * a CommonJS file under test that requires 'http' gets Node's own module under Vitest, and its
 * calls go out for real (prom-client's pushgateway tests posted to the network). When the test file
 * loads its code with `require` and the mock has a factory, a top-level `beforeAll` sets the
 * mocked module's exports on Node's module before the tests run and puts the originals back after
 * them (the hook's returned teardown). Members the mock leaves equal are not touched (Node has
 * getter-only ones). The code sees the mock where it looks the member up when called
 * (`http.request(…)`), not where it destructured it on load. Returns whether it added the hook.
 */
export function mirrorBuiltinMock(j: JSCodeshift, root: Collection, callPath: ASTPath, source: string | undefined, fileText: string, hookName = 'beforeAll'): boolean {
  if (source === undefined || !MIRRORED_BUILTINS.has(source.replace(/^node:/, ''))) return false;
  const statement = callPath.parent as ASTPath | undefined;
  if (statement?.node.type !== 'ExpressionStatement' || (statement.parent?.node as AnyNode | undefined)?.type !== 'Program') return false;
  const requires = root.find(j.CallExpression, { callee: { type: 'Identifier', name: 'require' } }).filter((p) => typeof stringValue((p.node as AnyNode).arguments[0]) === 'string');
  if (requires.size() === 0) return false;
  const name = `'${source}'`;
  const indent = /^\t/m.test(fileText) ? '\t' : '  ';
  const hook = j(
    [
      `// vi.mock(${name}) reaches imports only: what this file requires gets Node's own ${name}, so the`,
      "// mock's exports are copied onto it while this file's tests run (added by codemigrate).",
      `${hookName}(async () => {`,
      `${indent}const actual = require(${name});`,
      `${indent}const original = new Map();`,
      `${indent}for (const [key, value] of Object.entries(await import(${name}))) {`,
      `${indent}${indent}if (actual[key] !== value) {`,
      `${indent}${indent}${indent}original.set(key, actual[key]);`,
      `${indent}${indent}${indent}actual[key] = value;`,
      `${indent}${indent}}`,
      `${indent}}`,
      `${indent}return () => original.forEach((value, key) => (actual[key] = value));`,
      '});',
    ].join('\n'),
  )
    .find(j.Program)
    .get().node.body[0] as AnyNode;
  j(statement).insertAfter(hook);
  return true;
}
