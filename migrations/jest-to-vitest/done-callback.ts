// jscodeshift transform: tests and hooks that take a `done` callback (Vitest dropped it) → the
// same body inside a returned Promise. When `done` is only ever called with no arguments, the
// Promise's resolve takes its name and the body is untouched; when it is called with an argument
// or passed on as a callback (Jest fails the test on `done(error)`), a `done` that rejects on a
// truthy argument is declared first. A table test whose every row takes `done` (Jest appends it
// after the row's values) gets the same; `done.fail`, async functions and tables whose rows differ
// or cannot be read are reported.
// Self-contained: no runtime imports.

import type { API, ASTPath, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';

// tsx, and Babel's Flow grammar for Flow files (parser.ts).
export { parser } from './parser.js';

type AnyNode = { type: string; [key: string]: any };

const TESTS = new Set(['it', 'test']);
const HOOKS = new Set(['beforeEach', 'afterEach', 'beforeAll', 'afterAll']);
const MODIFIERS = new Set(['only', 'skip', 'concurrent', 'failing']);
const EACH_TESTS = new Set([...TESTS, 'fit', 'xit', 'xtest']);
const CODE_FILE = /\.[cm]?[jt]sx?$/;

/** `it`, `it.only`, `beforeEach`, … → which argument holds the callback; undefined for other calls. */
function callbackIndex(callee: AnyNode): number | undefined {
  if (callee.type === 'ParenthesizedExpression') return callbackIndex(callee.expression);
  if (callee.type === 'ConditionalExpression') {
    // `(/^v18\./.test(process.version) ? it.skip : it)('name', done => …)` (koa): either branch
    // hands the callback `done` in the same place.
    const index = callbackIndex(callee.consequent);
    return index !== undefined && index === callbackIndex(callee.alternate) ? index : undefined;
  }
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

/** `it.each`, `test.only.each`, `xit.each`, …: a table test (describe.each passes no `done`). */
function isEachTest(each: AnyNode): boolean {
  if (each.type !== 'MemberExpression' || each.computed || each.property.name !== 'each') return false;
  let target = each.object as AnyNode;
  while (target.type === 'MemberExpression' && !target.computed && MODIFIERS.has(target.property.name)) target = target.object;
  return target.type === 'Identifier' && EACH_TESTS.has(target.name);
}

const WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'ParenthesizedExpression']);
const NOT_ARRAYS = new Set([
  'ObjectExpression', 'StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral', 'BigIntLiteral', 'RegExpLiteral',
  'Literal', 'TemplateLiteral', 'ArrowFunctionExpression', 'FunctionExpression', 'UnaryExpression',
]);

/** `x as const`, `x!`, a name bound once in the file by a `const` → the expression it stands for. */
function resolveValue(j: JSCodeshift, root: Collection, node: AnyNode, depth = 0): AnyNode {
  let value = node;
  while (WRAPPERS.has(value.type)) value = value.expression;
  if (value.type !== 'Identifier' || depth > 5) return value;
  const declarators = root.find(j.VariableDeclarator, { id: { type: 'Identifier', name: value.name } });
  if (declarators.length !== 1) return value;
  const declarator = declarators.get();
  const init = declarator.node.init as AnyNode | null;
  return (declarator.parent.node as AnyNode).kind === 'const' && init ? resolveValue(j, root, init, depth + 1) : value;
}

/**
 * How many values each row of a table hands to the callback, as jest-each's array.ts decides:
 * a row's own values when every row is an array, else one value a row (an object row, a scalar);
 * a tagged template gives one object a row. Undefined when it cannot be told from the file.
 */
function rowWidths(j: JSCodeshift, root: Collection, table: AnyNode): number[] | undefined {
  if (table.type === 'TaggedTemplateExpression') return [1];
  const rows = resolveValue(j, root, table.arguments?.[0] ?? { type: 'Unknown' });
  if (rows.type !== 'ArrayExpression' || rows.elements.length === 0) return undefined;
  const widths: (number | 'one' | undefined)[] = (rows.elements as (AnyNode | null)[]).map((element) => {
    if (element === null || element.type === 'SpreadElement') return undefined;
    const row = resolveValue(j, root, element);
    if (row.type === 'ArrayExpression') return row.elements.some((e: AnyNode | null) => e?.type === 'SpreadElement') ? undefined : row.elements.length;
    return NOT_ARRAYS.has(row.type) || (row.type === 'Identifier' && row.name === 'undefined') ? 'one' : undefined;
  });
  // One row that is not an array makes every row a single value, arrays included.
  if (widths.includes('one')) return widths.map(() => 1);
  return widths.every((width): width is number => typeof width === 'number') ? widths : undefined;
}

/** Function.length: the parameters before the first default or rest one. */
function declaredLength(fn: AnyNode): number {
  const index = (fn.params as AnyNode[]).findIndex((param) => param.type === 'AssignmentPattern' || param.type === 'RestElement');
  return index < 0 ? fn.params.length : index;
}

/**
 * Jest's rule (jest-each's bind.ts, `params.length < test.length`): a row whose values are fewer
 * than the callback's declared parameters gets `done` appended. A table whose rows cannot be read
 * here says so only through a last parameter named like a callback.
 */
function tableTakesDone(j: JSCodeshift, root: Collection, table: AnyNode, fn: AnyNode): boolean {
  const length = declaredLength(fn);
  const widths = rowWidths(j, root, table);
  if (widths) return widths.some((width) => width < length);
  const last = fn.params[length - 1] as AnyNode | undefined;
  return last?.type === 'Identifier' && /^(?:done|cb|callback|next)$/.test(last.name);
}

/**
 * The `done` parameter of a table test whose every row hands the callback the same number of
 * values, one fewer than its parameters (none defaulted or rest): Jest appends `done` to every
 * row, so the callback becomes a Promise and the rows' values stay where they were (Vitest hands
 * each.callback the row's values only). Undefined when rows differ (some would take `done`, some
 * not) or cannot be read.
 */
function doneOfEveryRow(j: JSCodeshift, root: Collection, table: AnyNode, fn: AnyNode): AnyNode | undefined {
  const widths = rowWidths(j, root, table);
  const last = fn.params[fn.params.length - 1] as AnyNode | undefined;
  if (!widths || last?.type !== 'Identifier' || declaredLength(fn) !== fn.params.length) return undefined;
  return widths.every((width) => width === fn.params.length - 1) ? last : undefined;
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
      const each = call.callee.type === 'CallExpression' ? call.callee.callee : call.callee.tag;
      if (fn && (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression') && isEachTest(each) && tableTakesDone(j, root, call.callee, fn)) {
        const done = doneOfEveryRow(j, root, call.callee, fn);
        if (done) changed = promisify(path, fn, done) || changed;
        else report(call, 'table test with a `done` callback: Vitest has no done callback; return a Promise from the test instead');
      }
      return;
    }
    const index = callbackIndex(call.callee);
    if (index === undefined) return;
    const fn = args[index];
    if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') || fn.params.length !== 1) return;
    const param = fn.params[0] as AnyNode;
    if (param.type !== 'Identifier') return;
    changed = promisify(path, fn, param) || changed;
  });

  /** The callback's body inside a returned Promise whose resolve is `param` (its last parameter), which goes. */
  function promisify(path: ASTPath, fn: AnyNode, param: AnyNode): boolean {
    const name = param.name as string;
    if (fn.async) {
      report(fn, `async callback that also takes \`${name}\`: Jest rejects this form and Vitest has no done callback; drop \`${name}\` and await instead`);
      return false;
    }
    const usage = doneUsage(j, path, param, name);
    if (usage === 'fail') {
      report(fn, `\`${name}.fail(…)\`: rewrite the test to return a Promise (or be async) and throw instead of calling ${name}.fail`);
      return false;
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
    fn.params = (fn.params as AnyNode[]).filter((p) => p !== param);
    if (fn.type === 'ArrowFunctionExpression') fn.body = promise;
    else fn.body = j.blockStatement([j.returnStatement(promise as any)]);
    return true;
  }

  if (!changed) return undefined;
  const quote = options['quote'] ?? ((file.source.match(/"/g)?.length ?? 0) > (file.source.match(/'/g)?.length ?? 0) ? 'double' : 'single');
  return root.toSource({ quote, arrowParensAlways: true, lineTerminator: file.source.includes('\r\n') ? '\r\n' : '\n' });
}

/** plain: only `done()` calls; passed: called with arguments or handed on; fail: `done.fail` used. */
function doneUsage(j: JSCodeshift, callPath: ASTPath, param: AnyNode, name: string): 'plain' | 'passed' | 'fail' {
  let usage: 'plain' | 'passed' | 'fail' = 'plain';
  j(callPath)
    .find(j.Identifier, { name })
    .forEach((path) => {
      if (path.node === param || usage === 'fail') return;
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
