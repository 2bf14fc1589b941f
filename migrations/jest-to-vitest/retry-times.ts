// A file's `jest.retryTimes(n)` → the `retry` option of each of its top-level `describe`/`it`/`test`
// calls. Jest sets the count for the whole file while it collects (jest-circus reads it as each
// test runs, wherever the call stands); Vitest has no file-wide switch, but a suite's options reach
// every test and suite inside it, so options on each top-level call cover the same tests. Options
// go second (`describe(name, { retry: n }, fn)`), the form of Vitest 1 and later (Vitest 4 refuses
// them third). Used by jest-api.ts; anything it cannot carry over is left for its report.

import type { Collection, JSCodeshift } from 'jscodeshift';
import { type AnyNode, isFunction, isJestMember } from './ast-nodes.js';

const TEST_CALLS = new Set(['describe', 'it', 'test']);
const MODIFIERS = new Set(['only', 'skip', 'concurrent', 'sequential']);

/** The top-level statements that are `describe|it|test[.modifier](name, fn[, timeout])` calls; undefined when one has another shape. */
function topLevelTests(j: JSCodeshift, root: Collection): AnyNode[] | undefined {
  const program = root.find(j.Program).paths()[0]?.node as AnyNode | undefined;
  const calls: AnyNode[] = [];
  for (const statement of (program?.body ?? []) as AnyNode[]) {
    const call = statement.type === 'ExpressionStatement' ? (statement.expression as AnyNode) : undefined;
    if (call?.type !== 'CallExpression') continue;
    const callee = call.callee as AnyNode;
    const base = callee.type === 'MemberExpression' && !callee.computed ? (callee.object as AnyNode) : callee;
    if (base.type !== 'Identifier' || !TEST_CALLS.has(base.name)) continue;
    if (base !== callee && !MODIFIERS.has(callee.property?.name)) return undefined;
    const [, fn, timeout, ...rest] = call.arguments as AnyNode[];
    if (!isFunction(fn) || rest.length > 0 || (timeout !== undefined && timeout.type !== 'NumericLiteral')) return undefined;
    calls.push(call);
  }
  return calls.length > 0 ? calls : undefined;
}

/**
 * Rewrites a top-level `jest.retryTimes(n)` (one argument) into `{ retry: n }` on every top-level
 * test call and drops it. Returns the calls it could not carry over (left as they were, reported
 * by the caller): one inside a function or a block, one with options (`logErrorsBeforeRetry` has
 * no Vitest counterpart), or a file whose top-level tests have other shapes (`.each`, options).
 */
export function fileRetries(j: JSCodeshift, root: Collection, jestName: string): { changed: boolean; left: AnyNode[] } {
  const left: AnyNode[] = [];
  let changed = false;
  root.find(j.CallExpression).forEach((path) => {
    const call = path.node as AnyNode;
    if (!isJestMember(call.callee, jestName, ['retryTimes'])) return;
    const statement = path.parent?.node as AnyNode | undefined;
    const topLevel = statement?.type === 'ExpressionStatement' && (path.parent.parent?.node as AnyNode | undefined)?.type === 'Program';
    const tests = topLevel && call.arguments.length === 1 ? topLevelTests(j, root) : undefined;
    if (!tests) {
      left.push(call);
      return;
    }
    const [count] = call.arguments as AnyNode[];
    for (const test of tests) {
      const [name, fn, timeout] = test.arguments as AnyNode[];
      const options = [j.objectProperty(j.identifier('retry'), count as any), ...(timeout ? [j.objectProperty(j.identifier('timeout'), timeout as any)] : [])];
      test.arguments = [name, j.objectExpression(options), fn];
    }
    j(path.parent).remove();
    changed = true;
  });
  return { changed, left };
}
