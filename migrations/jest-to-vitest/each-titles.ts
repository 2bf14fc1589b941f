// `%p` in a `.each` title: Jest formats the row's value there with pretty-format; Vitest has no
// `%p` and keeps it as text, so every row gets the same title (luxon: `accepts whacky zone %p`, 4
// rows, 14 tests missing against the baseline). Where each row's value is a literal that
// pretty-format and JSON.stringify print alike (a string without control characters, a finite
// number other than -0, a boolean, null), `%p` becomes Vitest's `%j` and the titles stay Jest's;
// elsewhere it is reported.

import type { Collection, JSCodeshift } from 'jscodeshift';
import type { AnyNode } from './ast-nodes.js';

const EACH_TARGETS = new Set(['describe', 'fdescribe', 'xdescribe', 'it', 'fit', 'xit', 'test', 'xtest']);
const MODIFIERS = new Set(['only', 'skip', 'concurrent', 'failing', 'sequential']);
/** Jest's title placeholders; all but `%%`, `%#` and `%$` take the next value of the row. */
const PLACEHOLDER = /%[psdifjoO#$%]/g;
const TAKES_NO_VALUE = new Set(['%%', '%#', '%$']);

/** Rewrites the `%p`s it can; returns whether it changed anything. */
export function prettyPlaceholders(j: JSCodeshift, root: Collection, report: (node: AnyNode, message: string) => void): boolean {
  let changed = false;
  root.find(j.CallExpression).forEach((path) => {
    const call = path.node as AnyNode;
    const title = call.arguments[0] as AnyNode | undefined;
    const table = eachTable(call.callee as AnyNode);
    if (table === undefined || !isStringLiteral(title) || !title.value.includes('%p')) return;
    const rows = table.type === 'ArrayExpression' ? (table.elements as (AnyNode | null)[]) : undefined;
    let index = 0;
    let unsafe = false;
    const rewritten = (title.value as string).replace(PLACEHOLDER, (placeholder) => {
      if (TAKES_NO_VALUE.has(placeholder)) return placeholder;
      const at = index++;
      if (placeholder !== '%p') return placeholder;
      const safe = rows !== undefined && rows.length > 0 && rows.every((row) => row !== null && printsAlike(valueAt(row, at)));
      if (!safe) unsafe = true;
      return safe ? '%j' : placeholder;
    });
    if (rewritten !== title.value) {
      call.arguments[0] = j.stringLiteral(rewritten);
      changed = true;
    }
    if (unsafe) {
      report(title, "`%p` in a .each title: Vitest has no %p (it keeps the text, and the rows share one title), and these rows are not all literals that JSON prints as Jest's pretty-format does; format the title with %s, %j or $name by hand");
    }
  });
  return changed;
}

/** `test.each(table)` / `describe.only.each(table)` as a callee → the table; else undefined. */
function eachTable(callee: AnyNode): AnyNode | undefined {
  if (callee.type !== 'CallExpression') return undefined;
  const each = callee.callee as AnyNode;
  if (each.type !== 'MemberExpression' || each.computed || each.property.name !== 'each') return undefined;
  let target = each.object as AnyNode;
  while (target.type === 'MemberExpression' && !target.computed && MODIFIERS.has(target.property.name)) target = target.object;
  return target.type === 'Identifier' && EACH_TARGETS.has(target.name) ? (callee.arguments[0] as AnyNode | undefined) : undefined;
}

/** The row's value at `index`: a row that is no array is one value (Jest maps a list to a table). */
function valueAt(row: AnyNode, index: number): AnyNode | undefined {
  if (row.type === 'ArrayExpression') return (row.elements as (AnyNode | null)[])[index] ?? undefined;
  return index === 0 ? row : undefined;
}

function isStringLiteral(node: AnyNode | undefined): node is AnyNode & { value: string } {
  return node !== undefined && (node.type === 'StringLiteral' || node.type === 'Literal') && typeof node.value === 'string';
}

const CONTROL = /[\u0000-\u001f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function printsAlike(node: AnyNode | undefined): boolean {
  if (node === undefined) return false;
  if (isStringLiteral(node)) return !CONTROL.test(node.value) && !LONE_SURROGATE.test(node.value);
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return printsAlike({ type: 'StringLiteral', value: node.quasis[0]?.value.cooked });
  if (node.type === 'BooleanLiteral' || node.type === 'NullLiteral') return true;
  if (node.type === 'Literal') return node.regex === undefined && (typeof node.value === 'boolean' || node.value === null || isPlainNumber(node.value));
  if (node.type === 'NumericLiteral') return isPlainNumber(node.value);
  if (node.type === 'UnaryExpression' && node.operator === '-' && node.prefix) {
    const argument = node.argument as AnyNode;
    return (argument.type === 'NumericLiteral' || argument.type === 'Literal') && isPlainNumber(-argument.value);
  }
  return false;
}

function isPlainNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0);
}
