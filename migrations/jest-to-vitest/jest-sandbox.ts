// What Jest's environment gave each test file and Vitest's does not, for jest-api: the `jasmine`
// global of Jest's default runner up to Jest 26 (jest-jasmine2), and a `process` object of the
// file's own.
//
// graphql/dataloader (Jest 24): `global.jasmine.process.on('unhandledRejection', …)` reached the
// real process through jasmine ("Cannot read properties of undefined (reading 'process')" under
// Vitest), and two files set `process.nextTick = null` before requiring the library, to load it
// as in a browser. Jest's node environment hands each test file a copy of process
// (jest-util's createProcessObject), so that assignment never reached Jest; under Vitest it is
// the worker's own process, whose IPC then fails ("process.nextTick is not a function", the file
// times out). A file that assigns a member of the global process gets a copy of its own first,
// through vi.stubGlobal, as Jest gave it: reads fall through to the real one, writes stay here.
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import type { AnyNode } from './ast-nodes.js';

/** Jasmine's asymmetric matchers, which Vitest's expect has under the same names. */
const MATCHERS = new Set(['any', 'anything', 'objectContaining', 'arrayContaining', 'stringMatching', 'stringContaining']);

/** `jasmine` or `global.jasmine` / `globalThis.jasmine` / `window.jasmine`, the global. */
function isJasmine(node: AnyNode, path: ASTPath): boolean {
  if (node.type === 'Identifier') return node.name === 'jasmine' && !path.scope?.lookup('jasmine');
  return node.type === 'MemberExpression' && !node.computed && node.object?.type === 'Identifier' && ['global', 'globalThis', 'window'].includes(node.object.name) && node.property?.name === 'jasmine';
}

/** jasmine.* → Vitest: matchers to expect.*, `process` to process, the default timeout to vi.setConfig; the rest reported. */
export function jasmineGlobals(j: JSCodeshift, root: Collection, vi: string, report: (node: AnyNode, message: string) => void): boolean {
  let changed = false;
  root.find(j.MemberExpression).forEach((path) => {
    const node = path.node as AnyNode;
    if (node.computed || node.property?.type !== 'Identifier' || !isJasmine(node.object, path)) return;
    const name: string = node.property.name;
    const parent = path.parent?.node as AnyNode | undefined;
    if (name === 'process') {
      path.replace(j.identifier('process'));
    } else if (MATCHERS.has(name)) {
      path.replace(j.memberExpression(j.identifier('expect'), j.identifier(name)));
    } else if (name === 'DEFAULT_TIMEOUT_INTERVAL' && parent?.type === 'AssignmentExpression' && parent.left === node && parent.operator === '=' && path.parent.parent?.node.type === 'ExpressionStatement') {
      path.parent.replace(j.callExpression(j.memberExpression(j.identifier(vi), j.identifier('setConfig')), [j.objectExpression([j.property('init', j.identifier('testTimeout'), parent.right)])]));
    } else {
      report(node, `jasmine.${name}: Jest's jasmine2 runner (the default up to Jest 26) gave it, Vitest has no jasmine; rewrite it with vi / expect by hand`);
      return;
    }
    changed = true;
  });
  return changed;
}

const COPY_COMMENT = " Jest gave each test file its own process object: what this file sets on it stays here (codemigrate).";

/** A test file that assigns a member of the global process (not process.env) gets its own copy first. */
export function processCopy(j: JSCodeshift, root: Collection, vi: string): boolean {
  const assigns = root.find(j.AssignmentExpression).filter((path) => {
    const left = path.node.left as AnyNode;
    return left.type === 'MemberExpression' && left.object?.type === 'Identifier' && left.object.name === 'process' && !(left.property?.name === 'env' && !left.computed) && !path.scope?.lookup('process');
  });
  if (assigns.length === 0) return false;
  const copied = root.find(j.CallExpression).some((path) => {
    const { callee, arguments: args } = path.node as AnyNode;
    return callee?.type === 'MemberExpression' && callee.property?.name === 'stubGlobal' && args?.[0]?.value === 'process';
  });
  if (copied) return false;
  const program = root.find(j.Program).paths()[0]?.node as AnyNode | undefined;
  if (!program) return false;
  const body = program.body as AnyNode[];
  const statement = j.expressionStatement(
    j.callExpression(j.memberExpression(j.identifier(vi), j.identifier('stubGlobal')), [j.stringLiteral('process'), j.callExpression(j.memberExpression(j.identifier('Object'), j.identifier('create')), [j.identifier('process')])]),
  ) as AnyNode;
  // After the imports (and a 'use strict'); a file's leading comments (license, @flow) stay first.
  let at = 0;
  while (at < body.length && (body[at]!.type === 'ImportDeclaration' || (body[at]!.type === 'ExpressionStatement' && body[at]!.directive))) at++;
  const next = body[at];
  const leading = at === 0 && next ? ((next.comments ?? []) as AnyNode[]).filter((comment) => comment.leading) : [];
  if (next && leading.length > 0) next.comments = (next.comments as AnyNode[]).filter((comment) => !comment.leading);
  statement.comments = [...leading, j.commentLine(COPY_COMMENT, true, false)];
  body.splice(at, 0, statement);
  return true;
}
