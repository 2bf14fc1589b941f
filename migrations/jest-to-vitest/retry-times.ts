// A file's `jest.retryTimes(n)` → the `retry` option of test calls. Jest sets the count for the
// whole file while it collects (jest-circus reads it as each describe block starts to run,
// wherever the call stands); Vitest has no file-wide switch, but a suite's options reach every
// test and suite inside it:
// - a call Jest makes while collecting (at the top level, or in a describe callback's body, itself
//   collected) → `{ retry: n }` on each top-level `describe`/`it`/`test` call, the same tests;
// - a call in a test's own callback → `{ retry: n }` on that test. Jest read it only for the
//   describe blocks that start after that test; Vitest has no such switch, and the test that asks
//   for retries is the one the call names.
// Options go second (`describe(name, { retry: n }, fn)`), the form of Vitest 1 and later (Vitest 4
// refuses them third). Used by jest-api.ts; anything it cannot carry over is left for its report.

import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { type AnyNode, isFunction, isJestMember } from './ast-nodes.js';

const TEST_CALLS = new Set(['describe', 'it', 'test']);
const MODIFIERS = new Set(['only', 'skip', 'concurrent', 'sequential']);

/** `describe|it|test[.modifier]` → its base name; undefined for anything else (`.each`, `.todo`, other calls). */
function testCallName(call: AnyNode | undefined): string | undefined {
  if (call?.type !== 'CallExpression') return undefined;
  const callee = call.callee as AnyNode;
  const base = callee.type === 'MemberExpression' && !callee.computed ? (callee.object as AnyNode) : callee;
  if (base.type !== 'Identifier' || !TEST_CALLS.has(base.name)) return undefined;
  if (base !== callee && !MODIFIERS.has(callee.property?.name)) return undefined;
  return base.name;
}

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
    if (testCallName(call) === undefined || !simpleArguments(call)) return undefined;
    calls.push(call);
  }
  return calls.length > 0 ? calls : undefined;
}

/** `(name, fn)` or `(name, fn, <number>)`: the shapes whose options this module writes. */
function simpleArguments(call: AnyNode): boolean {
  const [, fn, timeout, ...rest] = call.arguments as AnyNode[];
  return isFunction(fn) && rest.length === 0 && (timeout === undefined || timeout.type === 'NumericLiteral');
}

/**
 * The test call whose callback's body holds `statement` directly (not in a nested block or
 * function), with whether Jest runs that statement while collecting: a describe callback that is
 * itself at the top level or in such a callback.
 */
function enclosingTest(statement: ASTPath): { call: AnyNode; collecting: boolean } | undefined {
  const block = statement.parent as ASTPath | null;
  const fn = block?.parent as ASTPath | null;
  const callPath = fn?.parent as ASTPath | null;
  if ((block?.node as AnyNode | undefined)?.type !== 'BlockStatement' || !isFunction(fn?.node as AnyNode)) return undefined;
  const call = callPath?.node as AnyNode | undefined;
  const name = testCallName(call);
  if (name === undefined || call!.arguments[1] !== fn!.node) return undefined;
  if (name !== 'describe') return { call: call!, collecting: false };
  const outer = callPath!.parent as ASTPath | null;
  if ((outer?.node as AnyNode | undefined)?.type !== 'ExpressionStatement') return undefined;
  if ((outer!.parent?.node as AnyNode | undefined)?.type === 'Program') return { call: call!, collecting: true };
  const around = enclosingTest(outer!);
  return around?.collecting ? { call: call!, collecting: true } : undefined;
}

function retryOptions(j: JSCodeshift, count: AnyNode, timeout: AnyNode | undefined): AnyNode {
  return j.objectExpression([j.objectProperty(j.identifier('retry'), count as any), ...(timeout ? [j.objectProperty(j.identifier('timeout'), timeout as any)] : [])]) as AnyNode;
}

/**
 * Rewrites a `jest.retryTimes(n)` statement (one argument) Jest makes while collecting into
 * `{ retry: n }` on every top-level test call, and one in a test's callback into `{ retry: n }` on
 * that test, and drops it. Returns the calls it could not carry over (left as they were, reported
 * by the caller): one inside another function or a block, one with options (`logErrorsBeforeRetry`
 * has no Vitest counterpart), or one whose tests have other shapes (`.each`, options already).
 */
export function fileRetries(j: JSCodeshift, root: Collection, jestName: string): { changed: boolean; left: AnyNode[] } {
  const left: AnyNode[] = [];
  let changed = false;
  root.find(j.CallExpression).forEach((path) => {
    const call = path.node as AnyNode;
    if (!isJestMember(call.callee, jestName, ['retryTimes'])) return;
    const statement = path.parent as ASTPath;
    const isStatement = (statement?.node as AnyNode | undefined)?.type === 'ExpressionStatement';
    const topLevel = isStatement && (statement.parent?.node as AnyNode | undefined)?.type === 'Program';
    const inside = isStatement && !topLevel ? enclosingTest(statement) : undefined;
    const [count] = call.arguments as AnyNode[];
    if (call.arguments.length !== 1 || count === undefined) {
      left.push(call);
      return;
    }
    if (inside !== undefined && !inside.collecting) {
      if (!simpleArguments(inside.call)) {
        left.push(call);
        return;
      }
      const [name, fn, timeout] = inside.call.arguments as AnyNode[];
      inside.call.arguments = [name, retryOptions(j, count, timeout), fn];
      j(statement).remove();
      changed = true;
      return;
    }
    const tests = topLevel || inside?.collecting ? topLevelTests(j, root) : undefined;
    if (!tests) {
      left.push(call);
      return;
    }
    for (const test of tests) {
      const [name, fn, timeout] = test.arguments as AnyNode[];
      test.arguments = [name, retryOptions(j, count, timeout), fn];
    }
    j(statement).remove();
    changed = true;
  });
  return { changed, left };
}
