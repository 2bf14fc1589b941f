// Mocks the file constructs with `new`: their arrow implementations become `function` expressions.
// Vitest 4 constructs the implementation when a mock is called with `new` (Jest called it with
// `apply`), and an arrow function cannot be constructed: "… is not a constructor". See the Vitest 4
// migration guide, "spyOn Supports Constructors" (https://vitest.dev/guide/migration#vitest-4): the
// implementation of a constructed mock must use the `function` or `class` keyword. A `function`
// that returns an object yields that object under `new`, as the arrow's call did. Used by jest-api.ts.

import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { type AnyNode, enclosingFunction, isJestMember, isJestRef, isMockFactory } from './ast-nodes.js';
import { mockedModule } from './mock-factory.js';

const IMPLEMENTATION_SETTERS = new Set(['mockImplementation', 'mockImplementationOnce']);
/** Where `this` and `arguments` stop being the arrow's own. */
const OWN_THIS = new Set(['FunctionExpression', 'FunctionDeclaration', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod', 'ClassBody']);

/**
 * Rewrites `mockImplementation[Once](() => …)` and `jest.fn(() => …)` / `vi.fn(() => …)` to a
 * `function` when the mock it sets is constructed with `new` in this file: a name (`new Foo()`,
 * `(Foo as jest.Mock).mockImplementation(…)`, `const Foo = vi.fn(…)`), a member (`new lib.Foo()`,
 * `vi.spyOn(lib, 'Foo')`), or a module mock's export that the file imports (`vi.mock('./foo', () =>
 * ({ Foo: vi.fn(…) }))` + `import { Foo } from './foo'`; one the file does not import goes by its
 * export's name, or its module's file name for a default). An arrow that uses `this` or `arguments`,
 * or is async, is reported instead. Returns whether anything changed.
 */
export function constructibleImplementations(j: JSCodeshift, root: Collection, jestName: string, report: (node: AnyNode, message: string) => void): boolean {
  const constructed = new Set<string>();
  root.find(j.NewExpression).forEach((path) => {
    const key = nameOf((path.node as AnyNode).callee);
    if (key) constructed.add(key);
  });
  // A capitalised name is a class by convention, constructed elsewhere too (react-countdown mocks
  // its CountdownJs class, which the component under test constructs): the `function` is safe,
  // as an arrow that uses neither `this` nor `arguments` behaves alike when merely called.
  const isConstructed = (key: string) => constructed.has(key) || /^[A-Z]/.test(key.split('.').pop() ?? '');
  const imports = importedNames(j, root);
  // A mock handed by name as the implementation of a constructed one is constructed with it:
  // `const mockConstructor = vi.fn(() => …)` then `GitWorkflow.mockImplementationOnce(mockConstructor)`
  // (lint-staged's runAll tests), or `vi.fn(mockConstructor)` bound to a constructed name.
  root.find(j.CallExpression).forEach((path) => {
    const call = path.node as AnyNode;
    const [implementation] = call.arguments as AnyNode[];
    if (implementation?.type !== 'Identifier') return;
    const keys = isJestMember(call.callee, jestName, ['fn'])
      ? boundNames(path as ASTPath, jestName, imports)
      : call.callee.type === 'MemberExpression' && IMPLEMENTATION_SETTERS.has(call.callee.property?.name)
        ? mockNames(path.get('callee', 'object') as ASTPath, jestName, imports)
        : [];
    if (keys.some(isConstructed)) constructed.add(implementation.name);
  });
  let changed = false;
  root.find(j.ArrowFunctionExpression).forEach((path) => {
    const arrow = path.node as AnyNode;
    const call = path.parent?.node as AnyNode | undefined;
    if (call?.type !== 'CallExpression' || call.arguments[0] !== arrow) return;
    const keys = isJestMember(call.callee, jestName, ['fn'])
      ? boundNames(path.parent as ASTPath, jestName, imports)
      : call.callee.type === 'MemberExpression' && IMPLEMENTATION_SETTERS.has(call.callee.property?.name)
        ? mockNames(path.parent.get('callee', 'object') as ASTPath, jestName, imports)
        : [];
    const name = keys.find(isConstructed);
    if (name === undefined) return;
    const blocker = arrow.async ? 'is async' : usesOwn(j, path, 'this') ? 'uses `this`' : usesOwn(j, path, 'arguments') ? 'uses `arguments`' : undefined;
    if (blocker) {
      report(arrow, `the implementation of \`${name}\`, which ${constructed.has(name) ? 'this file constructs with `new`' : 'names a class'}, is an arrow function that ${blocker}: Vitest 4 constructs the implementation of a mock called with \`new\`, and neither an arrow nor an async function can be; rewrite it as a (not async) \`function\` or a \`class\``);
      return;
    }
    path.replace(toFunction(j, arrow));
    changed = true;
  });
  return changed;
}

function toFunction(j: JSCodeshift, arrow: AnyNode): AnyNode {
  let body = arrow.body as AnyNode;
  if (body.type !== 'BlockStatement') {
    if (body.extra?.parenthesized) body.extra = { ...body.extra, parenthesized: false };
    body = j.blockStatement([j.returnStatement(body as any)]);
  }
  const fn = j.functionExpression(null, arrow.params, body as any) as AnyNode;
  if (arrow.typeParameters) fn.typeParameters = arrow.typeParameters;
  if (arrow.returnType) fn.returnType = arrow.returnType;
  return fn;
}

/** Does the arrow at `path` read its own (that is, the enclosing) `this` / `arguments`? */
function usesOwn(j: JSCodeshift, path: ASTPath, what: 'this' | 'arguments'): boolean {
  const found = what === 'this' ? j(path).find(j.ThisExpression) : j(path).find(j.Identifier, { name: 'arguments' });
  return found.some((inner: ASTPath) => {
    for (let p = inner.parent as ASTPath | null; p && p !== path; p = p.parent as ASTPath | null) {
      if (OWN_THIS.has((p.node as AnyNode).type)) return false;
    }
    return true;
  });
}

/** `Foo` or `lib.Foo` (non-computed members only). */
function nameOf(node: AnyNode | undefined): string | undefined {
  if (node?.type === 'Identifier') return node.name;
  if (node?.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = nameOf(node.object);
    return object === undefined ? undefined : `${object}.${node.property.name}`;
  }
  return undefined;
}

/** The names the receiver of `.mockImplementation(…)` stands for: `Foo`, `(Foo as jest.Mock)`, `jest.mocked(Foo)`, `vi.spyOn(lib, 'Foo')`, or a `vi.fn()` chain's binding. */
function mockNames(path: ASTPath, jestName: string, imports: ImportedNames): string[] {
  const node = path.node as AnyNode;
  if (['TSAsExpression', 'TSTypeAssertion', 'TSNonNullExpression', 'TSSatisfiesExpression'].includes(node.type)) {
    return mockNames(path.get('expression') as ASTPath, jestName, imports);
  }
  if (node.type === 'CallExpression') {
    const callee = node.callee as AnyNode;
    if (isJestMember(callee, jestName, ['mocked']) || isJestRef(callee, 'mocked')) return mockNames(path.get('arguments', 0) as ASTPath, jestName, imports);
    if (isJestMember(callee, jestName, ['spyOn'])) {
      const [object, property] = node.arguments as AnyNode[];
      const owner = nameOf(object);
      const key = property?.type === 'StringLiteral' ? property.value : undefined;
      return owner !== undefined && key !== undefined ? [`${owner}.${key}`] : [];
    }
    return boundNames(path, jestName, imports);
  }
  const name = nameOf(node);
  return name === undefined ? [] : [name];
}

/** The names a mock created by the call at `path` is bound to, through chained calls (`vi.fn().mockName('x')`). */
function boundNames(path: ASTPath, jestName: string, imports: ImportedNames): string[] {
  let current = path;
  while ((current.parent?.node as AnyNode | undefined)?.type === 'MemberExpression' && current.parent.node.object === current.node) {
    const call = current.parent.parent as ASTPath | undefined;
    if ((call?.node as AnyNode | undefined)?.type !== 'CallExpression' || (call!.node as AnyNode).callee !== current.parent.node) break;
    current = call!;
  }
  const parent = current.parent?.node as AnyNode | undefined;
  if (parent?.type === 'VariableDeclarator' && parent.init === current.node) return parent.id.type === 'Identifier' ? [parent.id.name] : [];
  if (parent?.type === 'AssignmentExpression' && parent.right === current.node) return [nameOf(parent.left)].filter((n): n is string => n !== undefined);
  if ((parent?.type === 'ObjectProperty' || parent?.type === 'Property') && parent.value === current.node && !parent.computed) {
    const exported = parent.key.name ?? parent.key.value;
    const module = mockedExports(current.parent.parent as ASTPath, jestName);
    return module === undefined ? [] : exportNames(imports, module, exported);
  }
  const module = mockedExports(current, jestName);
  return module === undefined ? [] : exportNames(imports, module, 'default');
}

/**
 * The names under which the file imports `exported` of `module`; when it does not (the mock is
 * there for the code under test, which imports and constructs it), the export's own name, or for
 * a default export the module's file name (`./CountdownJs` → `CountdownJs`, `./store/index` →
 * `store`): a capitalised one names a class by convention.
 */
function exportNames(imports: ImportedNames, module: string, exported: string): string[] {
  const names = imports.get(module)?.(exported) ?? [];
  if (names.length > 0) return names;
  if (exported !== 'default') return [exported];
  const parts = module.split('/').map((part) => part.replace(/\.[cm]?[jt]sx?$/, ''));
  const file = parts.at(-1) === 'index' && parts.length > 1 ? parts.at(-2) : parts.at(-1);
  return file && /^[A-Za-z_$][\w$]*$/.test(file) ? [file] : [];
}

/** The module whose mock factory returns the expression at `path` (its body or a `return` of its own). */
function mockedExports(path: ASTPath, jestName: string): string | undefined {
  const parent = path.parent as ASTPath | undefined;
  const factory = (parent?.node as AnyNode | undefined)?.type === 'ReturnStatement' ? enclosingFunction(parent!) : parent;
  if (!factory || !['ArrowFunctionExpression', 'FunctionExpression'].includes((factory.node as AnyNode).type)) return undefined;
  if (factory === parent && (factory.node as AnyNode).body !== path.node) return undefined;
  return isMockFactory(factory, jestName) ? mockedModule(factory) : undefined;
}

/** Per module: the local names (or `ns.name`) under which the file imports an export of it. */
type ImportedNames = Map<string, (exported: string) => string[]>;

function importedNames(j: JSCodeshift, root: Collection): ImportedNames {
  const byModule = new Map<string, AnyNode[]>();
  root.find(j.ImportDeclaration).forEach((path) => {
    const node = path.node as AnyNode;
    byModule.set(node.source.value, [...(byModule.get(node.source.value) ?? []), ...((node.specifiers ?? []) as AnyNode[])]);
  });
  const names: ImportedNames = new Map();
  for (const [module, specifiers] of byModule) {
    names.set(module, (exported) =>
      specifiers.flatMap((s) => {
        if (s.type === 'ImportDefaultSpecifier') return exported === 'default' ? [s.local.name] : [];
        if (s.type === 'ImportNamespaceSpecifier') return [`${s.local.name}.${exported}`];
        return (s.imported.name ?? s.imported.value) === exported ? [s.local.name] : [];
      }),
    );
  }
  return names;
}
