// `mock.mockImplementation()` with no argument: in Jest the mock then returns undefined (a spy
// stops calling through); in Vitest a spy without an implementation calls the original again.
// eemeli/yaml silences warnings with `jest.spyOn(process, 'emitWarning').mockImplementation()`:
// under Vitest the real emitWarning ran and 117 tests failed. The call gets an implementation that
// returns undefined (`undefined as never` in TypeScript, where it must fit any return type).
// `mockImplementationOnce()` is left: in Jest it falls back to the mock's implementation for that
// call, which is what Vitest does too.

import type { Collection, JSCodeshift } from 'jscodeshift';
import type { AnyNode } from './ast-nodes.js';

/** Gives each argument-less `.mockImplementation()` an implementation returning undefined; whether it changed any. */
export function emptyImplementations(j: JSCodeshift, root: Collection, typed: boolean): boolean {
  let changed = false;
  root.find(j.CallExpression).forEach((path) => {
    const call = path.node as AnyNode;
    const callee = call.callee as AnyNode;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.name !== 'mockImplementation' || call.arguments.length > 0) return;
    const returned = typed ? j.tsAsExpression(j.identifier('undefined'), j.tsNeverKeyword()) : j.blockStatement([]);
    call.arguments.push(j.arrowFunctionExpression([], returned as any));
    changed = true;
  });
  return changed;
}
