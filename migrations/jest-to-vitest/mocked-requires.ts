// jscodeshift helper of jest-api.ts: `require('x')` inside a test or hook of a file whose top level
// calls `jest.mock('x')`, the usual way a Jest test reaches the mock it set up
// (`const useSearchResults = require('../src/hooks/useSearchResults').default;
// useSearchResults.mockReturnValue(…)`). Jest's registry answered that require with the mock;
// under Vitest `require` is Node's: it loads the real file, or fails on one written as an ES module
// ("Cannot find module '../../../src/hooks/useSearchResults'": Constructor-io/constructorio-ui-plp,
// 6 tests of CioPlpGrid.server.test.jsx). `vi.mock` reaches imports, so each such require becomes
// `await import('x')` (the namespace Babel's interop gave, `as any` in TypeScript, the type
// `require` had) and its callback async. A require that cannot await (in a callback taking `done`,
// a generator, a helper function) is reported.

import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { type AnyNode, enclosingFunction, isJestMember, stringValue } from './ast-nodes.js';

/** Callbacks that may become async without their caller noticing: tests and hooks. */
const TEST_CALLEES = new Set(['it', 'test', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll']);

/** Specifiers that `jest.mock(…)` (or an already renamed `vi.mock`) mocks at the file's top level. */
function topLevelMocks(j: JSCodeshift, root: Collection, jestName: string): Set<string> {
  const mocked = new Set<string>();
  root.find(j.CallExpression).forEach((path) => {
    const call = path.node as AnyNode;
    if (!isJestMember(call.callee, jestName, ['mock']) || enclosingFunction(path)) return;
    const specifier = stringValue(call.arguments[0]);
    if (specifier !== undefined) mocked.add(specifier);
  });
  return mocked;
}

/** The test or hook whose callback `fn` is, if it may turn async: no parameters, no generator. */
function mayTurnAsync(fn: ASTPath): boolean {
  const owner = fn.parent?.node as AnyNode | undefined;
  const callee = owner?.type === 'CallExpression' && owner.arguments.includes(fn.node) ? owner.callee : undefined;
  // `it('…', fn)`, `it.each(…)('…', fn)` is left alone (its callback takes the row), `test.concurrent('…', fn)`.
  const name = callee?.type === 'Identifier' ? callee.name : callee?.type === 'MemberExpression' && callee.object?.type === 'Identifier' ? callee.object.name : undefined;
  const node = fn.node as AnyNode;
  return name !== undefined && TEST_CALLEES.has(name) && !node.generator && node.params.length === 0;
}

/** Rewrites the requires of mocked modules inside tests and hooks; returns whether it changed. */
export function importMockedRequires(j: JSCodeshift, root: Collection, jestName: string, typed: boolean, report: (node: AnyNode, message: string) => void): boolean {
  const mocked = topLevelMocks(j, root, jestName);
  if (mocked.size === 0) return false;
  let changed = false;
  root.find(j.CallExpression, { callee: { type: 'Identifier', name: 'require' } }).forEach((path) => {
    const call = path.node as AnyNode;
    const specifier = stringValue(call.arguments[0]);
    if (specifier === undefined || !mocked.has(specifier)) return;
    const fn = enclosingFunction(path);
    // At the top level the file's own require plugin (require-through-vite) makes it an import.
    if (!fn) return;
    if (!mayTurnAsync(fn)) {
      report(call, `require('${specifier}') of a module jest.mock mocks, in a function that cannot become async: Vitest's mocks reach imports only, and \`require\` is Node's; load it with \`await import(…)\` in an async test or hook, or import it at the top`);
      return;
    }
    const imported = j.awaitExpression(j.callExpression(j.import(), [j.stringLiteral(specifier)]) as any);
    const cast = j.tsAsExpression(imported, j.tsAnyKeyword());
    // `require('x').default` / `require('x')()`: recast prints no parentheses around the cast, and
    // `await import('x') as any.default` is a type name to TypeScript (the member is lost).
    const parent = path.parent?.node as AnyNode | undefined;
    const operand = (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') ? parent.object === call : (parent?.type === 'CallExpression' || parent?.type === 'OptionalCallExpression') && parent.callee === call;
    path.replace(typed ? (operand ? j.parenthesizedExpression(cast) : cast) : imported);
    (fn.node as AnyNode).async = true;
    changed = true;
  });
  return changed;
}
