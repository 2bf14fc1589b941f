// The generics of Vitest's mock types and vi.fn, by the Vitest line the project gets. Vitest 2+
// takes one function type (`Mock<F>`, `vi.fn<F>()`); Vitest 0.x and 1.x take the arguments' tuple
// and the return (`Mock<TArgs extends any[], TReturns>`, `vi.fn<TArgs, R>()`), where a function
// type is TS2344 (zustand on the 0.34 line: 23 new diagnostics). The line is read from the root
// package.json that setup wrote, which the recipe hands to the step as `options.context`
// (its steps' `context`); without one, the transforms write Vitest 2+'s form.

import * as semver from 'semver';
import type { JSCodeshift, Options } from 'jscodeshift';
import type { AnyNode } from './ast-nodes.js';

/** 'function': `Mock<F>` (Vitest 2+, or the line is unknown); 'tuple': `Mock<[…args], R>` (below 2.0). */
export type MockGenerics = 'function' | 'tuple';

const FUNCTION_GENERICS = '2.0.0';

/** The form the Vitest range in `options.context['package.json']` takes (the lowest version the range admits decides). */
export function mockGenerics(options: Options): MockGenerics {
  const text = (options['context'] as Record<string, unknown> | undefined)?.['package.json'];
  if (typeof text !== 'string') return 'function';
  let pkg: { dependencies?: Record<string, unknown>; devDependencies?: Record<string, unknown> };
  try {
    pkg = JSON.parse(text) as typeof pkg;
  } catch {
    return 'function';
  }
  const range = pkg.devDependencies?.['vitest'] ?? pkg.dependencies?.['vitest'];
  const lowest = typeof range === 'string' && semver.validRange(range) ? semver.minVersion(range) : null;
  return lowest !== null && semver.lt(lowest, FUNCTION_GENERICS) ? 'tuple' : 'function';
}

/** The type arguments `<args, returned>` parsed from their text, as nodes. */
function typeArguments(j: JSCodeshift, args: string, returned: string): AnyNode[] {
  const reference = j(`type T = X<${args}, ${returned}>;`).find(j.TSTypeReference).paths()[0]?.node as AnyNode | undefined;
  if (!reference) throw new Error(`mock-generics: cannot parse <${args}, ${returned}>`);
  return reference.typeParameters.params as AnyNode[];
}

const print = (j: JSCodeshift, node: AnyNode): string => j(node as any).toSource();

/**
 * `[args tuple, return]` of a function type node (or of any type naming one: `typeof fetch`).
 * A plain function type is spelt out (`(a: string, b?: number) => void` → `[a: string, b?: number]`,
 * `void`); a generic one, one with `this` or an unnamed parameter, or a type reference goes through
 * `Parameters<F>` / `ReturnType<F>`.
 */
export function argsAndReturn(j: JSCodeshift, fn: AnyNode): AnyNode[] {
  const params = (fn['parameters'] ?? fn['params'] ?? []) as AnyNode[];
  const spelt =
    fn.type === 'TSFunctionType' &&
    !fn['typeParameters'] &&
    fn['typeAnnotation'] &&
    params.every((p) => (p.type === 'Identifier' && p['name'] !== 'this' && p['typeAnnotation']) || (p.type === 'RestElement' && p['typeAnnotation']));
  if (spelt) {
    const members = params.map((p) => print(j, p));
    const returned = fn['typeAnnotation'].typeAnnotation as AnyNode;
    // A function type's `void` return means "whatever it returns is ignored": Jest 29's Mock<F>
    // compares F as a function type, where `() => () => {}` fits `() => void` and `() => void`
    // fits `(…) => void | Promise<void>`. Vitest < 2 compares its return parameter as a type, and
    // only `any` fits both ways (zustand: `void` was TS2322 for `subscribe: jest.fn((f) => () => {})`
    // given as `jest.Mock<(f: …) => void>`; `unknown` was TS2322 for `setItem: jest.fn<() => void>()`
    // given as a storage's `setItem: (…) => void | Promise<void>`).
    return typeArguments(j, `[${members.join(', ')}]`, returned.type === 'TSVoidKeyword' ? 'any' : print(j, returned));
  }
  const text = print(j, fn);
  // `Parameters<<S>(s: S) => S>` would begin with `<<`: a generic function type goes in parentheses.
  const operand = fn.type === 'TSFunctionType' && fn['typeParameters'] ? `(${text})` : text;
  return typeArguments(j, `Parameters<${operand}>`, `ReturnType<${operand}>`);
}

/** `<R, A>` (@types/jest's order) as Vitest < 2's `<A, R>`; no A means any arguments. */
export function argsThenReturn(j: JSCodeshift, returned: AnyNode, args: AnyNode | undefined): AnyNode[] {
  return [args ?? j.tsArrayType(j.tsAnyKeyword()), returned];
}
