// jscodeshift transform: Jest's type namespace (`jest.Mock`, `jest.Mocked<T>`, …) → Vitest's
// exported types. The import of those names from 'vitest' is added by vitest-imports.ts, which runs
// after this one. @types/jest's generics are <Return, Args>, Jest 29's one function type; Vitest 2+
// takes one function type, so `jest.Mock<R, A>` becomes `Mock<(...args: A) => R>`, while below 2.0
// (mock-generics.ts: the line setup chose) Vitest takes <Args, Return>: `Mock<A, R>`, and Jest 29's
// `jest.Mock<(a: string) => void>` becomes `Mock<[a: string], void>`.

import type { API, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';
import { argsAndReturn, argsThenReturn, mockGenerics, type MockGenerics } from './mock-generics.js';

// tsx, and Babel's Flow grammar for Flow files (parser.ts).
export { parser } from './parser.js';

type AnyNode = { type: string; [key: string]: any };

/**
 * How each Jest type maps: `function` types take <R, A> in Jest and one function type in Vitest;
 * `spied` ones take a function (or class) type in Jest and Vitest 2+, <Args, Return> below 2.0.
 */
const TYPES: Readonly<Record<string, { readonly name: string; readonly generics: 'same' | 'function' | 'spied' | 'spied-class' }>> = {
  Mock: { name: 'Mock', generics: 'function' },
  MockInstance: { name: 'MockInstance', generics: 'function' },
  SpyInstance: { name: 'MockInstance', generics: 'function' },
  Mocked: { name: 'Mocked', generics: 'same' },
  MockedObject: { name: 'MockedObject', generics: 'same' },
  MockedObjectDeep: { name: 'MockedObjectDeep', generics: 'same' },
  MockedFunction: { name: 'MockedFunction', generics: 'same' },
  MockedFunctionDeep: { name: 'MockedFunctionDeep', generics: 'same' },
  MockedFn: { name: 'MockedFunction', generics: 'same' },
  MockedClass: { name: 'MockedClass', generics: 'same' },
  Spied: { name: 'MockInstance', generics: 'spied' },
  SpiedFunction: { name: 'MockInstance', generics: 'spied' },
  SpiedClass: { name: 'MockInstance', generics: 'spied-class' },
};

const CODE_FILE = /\.[cm]?tsx?$/;

/** Names bound at the top of the file by imports or declarations, other than imports from 'vitest'. */
function foreignTopLevelNames(j: JSCodeshift, root: Collection): Set<string> {
  const names = new Set<string>();
  root.find(j.ImportDeclaration).forEach((path) => {
    const node = path.node as AnyNode;
    if (node.source.value === 'vitest') return;
    for (const s of (node.specifiers ?? []) as AnyNode[]) names.add(s.local.name);
  });
  const program = root.find(j.Program).paths()[0]?.node as AnyNode;
  for (const statement of program.body as AnyNode[]) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.id?.type === 'Identifier') names.add(declaration.id.name);
    if (declaration?.type === 'VariableDeclaration') {
      for (const d of declaration.declarations as AnyNode[]) if (d.id.type === 'Identifier') names.add(d.id.name);
    }
  }
  return names;
}

/** The type arguments of the Vitest type for Jest's `params`, on the line `generics` names. */
function retype(j: JSCodeshift, kind: (typeof TYPES)[string]['generics'], generics: MockGenerics, params: AnyNode[]): AnyNode[] {
  const [first, second] = params as [AnyNode, AnyNode | undefined];
  const functionType = params.length === 1 && first.type === 'TSFunctionType';
  if (kind === 'same' || (generics === 'function' && kind !== 'function')) return params;
  if (kind === 'spied') return argsAndReturn(j, first);
  if (kind === 'spied-class') return params.length === 1 ? classArgsAndReturn(j, first) : params;
  // Already a function type (jest-mock's newer signature): Vitest 2+ reads it the same way.
  if (generics === 'function') return functionType ? params : [functionOf(j, first, second)];
  return functionType ? argsAndReturn(j, first) : argsThenReturn(j, first, second);
}

/** `(...args: A) => R`, with any arguments when A is absent. */
function functionOf(j: JSCodeshift, returned: AnyNode, args: AnyNode | undefined): AnyNode {
  const rest = j.restElement(j.identifier('args')) as AnyNode;
  rest.typeAnnotation = j.tsTypeAnnotation((args ?? j.tsArrayType(j.tsAnyKeyword())) as any);
  const fnType = j.tsFunctionType([rest as any]) as AnyNode;
  fnType.typeAnnotation = j.tsTypeAnnotation(returned as any);
  return fnType;
}

/** Vitest < 2's `MockInstance<Args, Return>` for a spied class C: its constructor's arguments and instance. */
function classArgsAndReturn(j: JSCodeshift, type: AnyNode): AnyNode[] {
  const args = j.tsTypeReference(j.identifier('ConstructorParameters'), j.tsTypeParameterInstantiation([type as any])) as AnyNode;
  const instance = j.tsTypeReference(j.identifier('InstanceType'), j.tsTypeParameterInstantiation([type as any])) as AnyNode;
  return [args, instance];
}

export default function transformer(file: FileInfo, api: API, options: Options): string | undefined {
  if (!CODE_FILE.test(file.path) || !/\bjest\s*\.\s*[A-Z]|namespace\s+jest\b|\.mock\s*\.\s*calls\s*\[/.test(file.source)) return undefined;
  const j = api.jscodeshift;
  const root = j(file.source);
  const report = (node: AnyNode, message: string) =>
    (api.report as (leftover: unknown) => void)({ line: node.loc?.start.line ?? 0, message });
  const taken = foreignTopLevelNames(j, root);
  const generics = mockGenerics(options);
  let changed = false;

  root.find(j.TSModuleDeclaration).forEach((path) => {
    const node = path.node as AnyNode;
    if (node.id?.name !== 'jest') return;
    report(node, 'custom matchers declared on `namespace jest`: declare them for Vitest with `declare module \'vitest\' { interface Assertion<T = any> { … } interface AsymmetricMatchersContaining { … } }`');
  });

  root.find(j.TSTypeReference).forEach((path) => {
    const node = path.node as AnyNode;
    const typeName = node.typeName as AnyNode;
    if (typeName.type !== 'TSQualifiedName' || typeName.left.type !== 'Identifier' || typeName.left.name !== 'jest') return;
    const jestName = typeName.right.name as string;
    if (jestName === 'DoneCallback') {
      report(node, 'jest.DoneCallback: Vitest has no done callback; return a Promise instead (see done-callback)');
      return;
    }
    const mapped = TYPES[jestName];
    if (!mapped) {
      report(node, `jest.${jestName}: no Vitest type known; replace it by hand`);
      return;
    }
    if (taken.has(mapped.name)) {
      report(node, `jest.${jestName} → ${mapped.name}: the file already binds \`${mapped.name}\` to something else; import Vitest's under an alias`);
      return;
    }
    node.typeName = j.identifier(mapped.name);
    const params = node.typeParameters?.params as AnyNode[] | undefined;
    const retyped = params && params.length > 0 ? retype(j, mapped.generics, generics, params) : params;
    // Arguments that stay as they were keep their node, and so their printing.
    if (retyped !== params) node.typeParameters = j.tsTypeParameterInstantiation(retyped as any[]);
    changed = true;
  });

  if (uncheckedIndexes(options) && assertCalls(j, root)) changed = true;

  if (!changed) return undefined;
  const quote = options['quote'] ?? ((file.source.match(/"/g)?.length ?? 0) > (file.source.match(/'/g)?.length ?? 0) ? 'double' : 'single');
  return root.toSource({ quote, arrowParensAlways: true, lineTerminator: file.source.includes('\r\n') ? '\r\n' : '\n' });
}

/** Whether the root tsconfig.json (the step's context) sets noUncheckedIndexedAccess. */
function uncheckedIndexes(options: Options): boolean {
  const text = (options['context'] as Record<string, unknown> | undefined)?.['tsconfig.json'];
  return typeof text === 'string' && /"noUncheckedIndexedAccess"\s*:\s*true/.test(text);
}

/**
 * `spy.mock.calls[0][0]` → `spy.mock.calls[0]![0]` under noUncheckedIndexedAccess. Jest's mocks
 * type `calls` as `any[]` by default, so `calls[0]` is `any`; Vitest's as `Parameters<T>[]`, never
 * `any[]` (no type argument of Mock / MockInstance gives it: checked with tsc 6 on Vitest 4.1), so
 * `calls[0]` is `… | undefined` and reaching into it is TS2532 (kelektiv/node-cron: 6 diagnostics,
 * its one step held back). Only a call that is indexed further is asserted.
 */
function assertCalls(j: JSCodeshift, root: Collection): boolean {
  let changed = false;
  root.find(j.MemberExpression).forEach((path) => {
    const node = path.node as AnyNode;
    const calls = node.object as AnyNode;
    if (!node.computed || calls?.type !== 'MemberExpression' || calls.computed || calls.property?.name !== 'calls') return;
    const mock = calls.object as AnyNode;
    if (mock?.type !== 'MemberExpression' || mock.computed || mock.property?.name !== 'mock') return;
    const parent = path.parent?.node as AnyNode | undefined;
    if (parent?.type !== 'MemberExpression' || parent.object !== node) return;
    path.replace(j.tsNonNullExpression(node as any));
    changed = true;
  });
  return changed;
}
