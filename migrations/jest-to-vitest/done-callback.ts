// jscodeshift transform: tests and hooks that take a `done` callback (Vitest dropped it) → the
// same body inside a returned Promise. When `done` is only ever called with no arguments, the
// Promise's resolve takes its name and the body is untouched; when it is called with an argument
// or passed on as a callback (Jest fails the test on `done(error)`), a `done` that rejects on a
// truthy argument is declared first. `done.fail`, async functions and table tests are reported.
// Self-contained: no runtime imports.

import type { API, ASTPath, FileInfo, JSCodeshift, Options } from 'jscodeshift';

export const parser = 'tsx';

type AnyNode = { type: string; [key: string]: any };

const TESTS = new Set(['it', 'test']);
const HOOKS = new Set(['beforeEach', 'afterEach', 'beforeAll', 'afterAll']);
const MODIFIERS = new Set(['only', 'skip', 'concurrent', 'failing']);
const CODE_FILE = /\.[cm]?[jt]sx?$/;

/** `it`, `it.only`, `beforeEach`, … → which argument holds the callback; undefined for other calls. */
function callbackIndex(callee: AnyNode): number | undefined {
  if (callee.type === 'Identifier') {
    if (TESTS.has(callee.name)) return 1;
    if (HOOKS.has(callee.name)) return 0;
    return undefined;
  }
  if (callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' && TESTS.has(callee.object.name)) {
    return MODIFIERS.has(callee.property.name) ? 1 : undefined;
  }
  return undefined;
}

function isTableTest(callee: AnyNode): boolean {
  // it.each(table)(name, fn): the callee is itself a call.
  return callee.type === 'CallExpression' || callee.type === 'TaggedTemplateExpression';
}

export default function transformer(file: FileInfo, api: API, options: Options): string | undefined {
  if (!CODE_FILE.test(file.path) || !/\b(?:it|test|beforeEach|afterEach|beforeAll|afterAll)\b/.test(file.source)) return undefined;
  const j = api.jscodeshift;
  const root = j(file.source);
  const typed = /\.[cm]?tsx?$/.test(file.path);
  const report = (node: AnyNode, message: string) =>
    (api.report as (leftover: unknown) => void)({ line: node.loc?.start.line ?? 0, message });
  let changed = false;

  root.find(j.CallExpression).forEach((path) => {
    const call = path.node as AnyNode;
    const args = call.arguments as AnyNode[];
    if (isTableTest(call.callee)) {
      const fn = args[1];
      if (fn && (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression') && call.callee.type === 'CallExpression') {
        const inner = call.callee.callee as AnyNode;
        const tableArgs = call.callee.arguments?.[0] as AnyNode | undefined;
        // A table that is not an array literal has rows of unknown width: only a last parameter
        // named like a callback says a `done` is expected.
        const known = tableArgs?.type === 'ArrayExpression';
        const width = known && tableArgs.elements[0]?.type === 'ArrayExpression' ? tableArgs.elements[0].elements.length : 1;
        const last = fn.params[fn.params.length - 1] as AnyNode | undefined;
        const expectsDone = known ? fn.params.length > width : last?.type === 'Identifier' && /^(?:done|cb|callback|next)$/.test(last.name);
        if (inner.type === 'MemberExpression' && TESTS.has(inner.object?.name) && inner.property.name === 'each' && expectsDone) {
          report(call, 'table test with a `done` callback: Vitest has no done callback; return a Promise from the test instead');
        }
      }
      return;
    }
    const index = callbackIndex(call.callee);
    if (index === undefined) return;
    const fn = args[index];
    if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') || fn.params.length !== 1) return;
    const param = fn.params[0] as AnyNode;
    if (param.type !== 'Identifier') return;
    const name = param.name as string;
    if (fn.async) {
      report(fn, `async callback that also takes \`${name}\`: Jest rejects this form and Vitest has no done callback; drop \`${name}\` and await instead`);
      return;
    }
    const usage = doneUsage(j, path, fn, name);
    if (usage === 'fail') {
      report(fn, `\`${name}.fail(…)\`: rewrite the test to return a Promise (or be async) and throw instead of calling ${name}.fail`);
      return;
    }
    const body = fn.body.type === 'BlockStatement' ? fn.body : j.blockStatement([j.expressionStatement(fn.body)]);
    const executorParams: AnyNode[] = usage === 'plain' ? [j.identifier(name)] : [j.identifier('resolve'), j.identifier('reject')];
    if (usage !== 'plain') {
      const errorParam = j.identifier('error') as AnyNode;
      if (typed) {
        errorParam.optional = true;
        errorParam.typeAnnotation = j.tsTypeAnnotation(j.tsUnknownKeyword());
      }
      const rejecting = j.variableDeclaration('const', [
        j.variableDeclarator(
          j.identifier(name),
          j.arrowFunctionExpression(
            [errorParam as any],
            j.conditionalExpression(j.identifier('error'), j.callExpression(j.identifier('reject'), [j.identifier('error')]), j.callExpression(j.identifier('resolve'), [])),
          ),
        ),
      ]);
      body.body.unshift(rejecting);
    }
    const promise = j.newExpression(j.identifier('Promise'), [j.arrowFunctionExpression(executorParams as any, body)]) as AnyNode;
    if (typed) promise.typeParameters = j.tsTypeParameterInstantiation([j.tsVoidKeyword()]);
    fn.params = [];
    if (fn.type === 'ArrowFunctionExpression') fn.body = promise;
    else fn.body = j.blockStatement([j.returnStatement(promise as any)]);
    changed = true;
  });

  if (!changed) return undefined;
  const quote = options['quote'] ?? ((file.source.match(/"/g)?.length ?? 0) > (file.source.match(/'/g)?.length ?? 0) ? 'double' : 'single');
  return root.toSource({ quote, arrowParensAlways: true, lineTerminator: file.source.includes('\r\n') ? '\r\n' : '\n' });
}

/** plain: only `done()` calls; passed: called with arguments or handed on; fail: `done.fail` used. */
function doneUsage(j: JSCodeshift, callPath: ASTPath, fn: AnyNode, name: string): 'plain' | 'passed' | 'fail' {
  let usage: 'plain' | 'passed' | 'fail' = 'plain';
  j(callPath)
    .find(j.Identifier, { name })
    .forEach((path) => {
      if (path.node === fn.params[0] || usage === 'fail') return;
      const parent = path.parent?.node as AnyNode;
      if (parent.type === 'MemberExpression' && parent.property === path.node && !parent.computed) return;
      if (parent.type === 'MemberExpression' && parent.object === path.node) {
        usage = 'fail';
        return;
      }
      if (parent.type === 'CallExpression' && parent.callee === path.node && parent.arguments.length === 0) return;
      usage = 'passed';
    });
  return usage;
}
