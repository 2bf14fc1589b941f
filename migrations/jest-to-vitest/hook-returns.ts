// `beforeEach(() => mock.mockClear())`: Jest ignores what a hook returns (but a promise), Vitest
// takes a function a beforeEach/beforeAll returns as its teardown and calls it. mockClear(),
// mockImplementation(…), spyOn(…) and fn(…) return the mock, a function: Vitest then calls the
// mock with no arguments after each test, after an afterEach may already have restored it
// (eemeli/yaml: `beforeEach(() => mock.mockClear())` with a spy on process.emitWarning; the real
// emitWarning then threw on undefined and 4 tests failed). Such an arrow gets a block body, which
// returns nothing. Other expressions stay: they may return a promise the hook must wait for.

import type { Collection, JSCodeshift } from 'jscodeshift';
import type { AnyNode } from './ast-nodes.js';

const SETUP_HOOKS = new Set(['beforeEach', 'beforeAll']);
const MOCK_METHOD = /^mock[A-Z]\w*$/;

/** Whether the expression's value is a mock: a `.mock*()` call on anything, or `jest|vi.fn/spyOn(…)`. */
function returnsMock(node: AnyNode, runners: ReadonlySet<string>): boolean {
  if (node.type !== 'CallExpression') return false;
  const callee = node.callee as AnyNode;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  if (MOCK_METHOD.test(callee.property.name)) return true;
  return (callee.property.name === 'fn' || callee.property.name === 'spyOn') && callee.object.type === 'Identifier' && runners.has(callee.object.name);
}

/** Gives setup hooks' arrows that return a mock a block body; whether it changed any. */
export function blockMockReturningHooks(j: JSCodeshift, root: Collection, jestName: string): boolean {
  const runners = new Set(['jest', 'vi', jestName]);
  let changed = false;
  root.find(j.CallExpression).forEach((path) => {
    const call = path.node as AnyNode;
    if (call.callee.type !== 'Identifier' || !SETUP_HOOKS.has(call.callee.name)) return;
    const fn = call.arguments[0] as AnyNode | undefined;
    if (fn?.type !== 'ArrowFunctionExpression' || fn.body.type === 'BlockStatement' || !returnsMock(fn.body, runners)) return;
    fn.body = j.blockStatement([j.expressionStatement(fn.body)]);
    changed = true;
  });
  return changed;
}
