// `%p` in a `.each` title: Jest formats the row's value there with pretty-format; Vitest has no
// `%p` and keeps it as text, so every row gets the same title (luxon: `accepts whacky zone %p`, 4
// rows, 14 tests missing against the baseline). Where each row's value is a literal that
// pretty-format and JSON.stringify print alike (a string without control characters, a finite
// number other than -0, a boolean, null), `%p` becomes Vitest's `%j` and the titles stay Jest's.
// Where they print otherwise but every row is a literal table pretty-format can be run on here
// (arrays and plain objects of such values: commander's `%p` of `['sub', '--help']` is
// `["sub", "--help"]`, of `{ flags: '-ws' }` `{"flags": "-ws"}`), each row's whole title is
// written as Jest formats it into a first column, the title becomes `%s` and the callback takes
// that column first as `_title`; elsewhere it is reported.

import type { ASTNode, Collection, JSCodeshift } from 'jscodeshift';
import type { AnyNode } from './ast-nodes.js';

export const EACH_TARGETS = new Set(['describe', 'fdescribe', 'xdescribe', 'it', 'fit', 'xit', 'test', 'xtest']);
export const MODIFIERS = new Set(['only', 'skip', 'concurrent', 'failing', 'sequential']);
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
    if (unsafe && rows !== undefined && titleColumn(j, call, title.value as string, rows)) {
      changed = true;
      return;
    }
    if (rewritten !== title.value) {
      call.arguments[0] = j.stringLiteral(rewritten);
      changed = true;
    }
    if (unsafe) {
      report(title, '`%p` in a .each title: Vitest has no %p (it keeps the text, and the rows share one title), and these rows are not a table of literals whose titles can be written as Jest formats them; format the title with %s, %j or $name by hand');
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

export function isStringLiteral(node: AnyNode | undefined): node is AnyNode & { value: string } {
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

/**
 * Writes each row's title as Jest formats it into a first column (`%s` then prints it as it is in
 * Vitest) and gives the callback that column first. Only for a table literal whose rows print
 * here, a title whose placeholders all can be computed, and a callback that does not read
 * `arguments`; returns false and changes nothing otherwise.
 */
function titleColumn(j: JSCodeshift, call: AnyNode, title: string, rows: (AnyNode | null)[]): boolean {
  const fn = call.arguments[1] as AnyNode | undefined;
  if (fn === undefined || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return false;
  if (fn.type === 'FunctionExpression' && j(fn.body).find(j.Identifier, { name: 'arguments' }).size() > 0) return false;
  if (rows.length === 0 || rows.some((row) => row === null || row.type === 'SpreadElement')) return false;
  // jest-each spreads a row's values only when every row is an array.
  const spread = rows.every((row) => row!.type === 'ArrayExpression' && !row!.elements.some((e: AnyNode | null) => e === null || e.type === 'SpreadElement'));
  const titles: string[] = [];
  for (const [index, row] of rows.entries()) {
    const formatted = formatTitle(title, spread ? (row!.elements as AnyNode[]) : [row!], index);
    if (formatted === undefined) return false;
    titles.push(formatted);
  }
  const taken = new Set(j(fn as unknown as ASTNode).find(j.Identifier).nodes().map((node) => (node as AnyNode).name as string));
  let name = '_title';
  for (let n = 2; taken.has(name); n++) name = `_title${n}`;
  rows.forEach((row, index) => {
    const column = j.stringLiteral(titles[index]!);
    if (spread) row!.elements.unshift(column);
    else rows[index] = j.arrayExpression([column, row as any]) as AnyNode;
  });
  call.arguments[0] = j.stringLiteral('%s');
  fn.params.unshift(j.identifier(name));
  return true;
}

/** A row's title as jest-each formats it (its array.ts), or undefined when a value cannot be printed here. */
function formatTitle(title: string, values: readonly AnyNode[], index: number): string | undefined {
  let next = 0;
  let failed = false;
  const formatted = title.replace(PLACEHOLDER, (placeholder) => {
    if (placeholder === '%%') return '%';
    if (placeholder === '%#') return String(index);
    if (placeholder === '%$') return String(index + 1);
    if (next >= values.length) return placeholder;
    const printed = formatValue(placeholder, values[next++]!);
    if (printed === undefined) failed = true;
    return printed ?? placeholder;
  });
  return failed ? undefined : formatted;
}

export type Literal = string | number | boolean | null | undefined | Literal[] | { [key: string]: Literal };
export const NO_VALUE = Symbol('no literal');

/** The value a literal node stands for, or NO_VALUE. */
export function literalValue(node: AnyNode): Literal | typeof NO_VALUE {
  if (isStringLiteral(node)) return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? NO_VALUE;
  if (node.type === 'NumericLiteral' || (node.type === 'Literal' && typeof node.value === 'number')) return node.value as number;
  if (node.type === 'BooleanLiteral' || (node.type === 'Literal' && typeof node.value === 'boolean')) return node.value as boolean;
  if (node.type === 'NullLiteral' || (node.type === 'Literal' && node.value === null && node.regex === undefined)) return null;
  if (node.type === 'Identifier' && ['undefined', 'NaN', 'Infinity'].includes(node.name)) return node.name === 'undefined' ? undefined : Number(node.name);
  if (node.type === 'UnaryExpression' && node.operator === '-' && node.prefix) {
    const argument = literalValue(node.argument as AnyNode);
    return typeof argument === 'number' ? -argument : NO_VALUE;
  }
  if (WRAPPERS.has(node.type)) return literalValue(node.expression as AnyNode);
  if (node.type === 'ArrayExpression') {
    const items: Literal[] = [];
    for (const element of node.elements as (AnyNode | null)[]) {
      const item = element === null || element.type === 'SpreadElement' ? NO_VALUE : literalValue(element);
      if (item === NO_VALUE) return NO_VALUE;
      items.push(item);
    }
    return items;
  }
  if (node.type === 'ObjectExpression') {
    const object: { [key: string]: Literal } = {};
    for (const property of node.properties as AnyNode[]) {
      if ((property.type !== 'ObjectProperty' && property.type !== 'Property') || property.computed || property.method || property.kind === 'get' || property.kind === 'set') return NO_VALUE;
      const key = property.key as AnyNode;
      const name = key.type === 'Identifier' ? (key.name as string) : isStringLiteral(key) || key.type === 'NumericLiteral' ? String(key.value) : undefined;
      const value = literalValue(property.value as AnyNode);
      if (name === undefined || name === '__proto__' || value === NO_VALUE) return NO_VALUE;
      object[name] = value;
    }
    return object;
  }
  return NO_VALUE;
}
const WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'ParenthesizedExpression']);

/** One placeholder's text for a literal value: `%p` as pretty-format (min, maxDepth 1) prints it, the others as util.format. */
function formatValue(placeholder: string, node: AnyNode): string | undefined {
  const value = literalValue(node);
  if (value === NO_VALUE) return undefined;
  const number = (n: number) => (Object.is(n, -0) ? '-0' : String(n));
  switch (placeholder) {
    case '%p':
      return pretty(value, 0);
    case '%s':
      return typeof value === 'number' ? number(value) : typeof value === 'object' && value !== null ? undefined : String(value);
    case '%d':
    case '%f':
      return typeof value === 'number' ? number(value) : undefined;
    case '%i':
      // parseInt(String(n)): the same as truncating below 1e21 (above, String gives an exponent).
      return typeof value === 'number' && Math.abs(value) < 1e21 ? number(Math.trunc(value)) : undefined;
    case '%j':
      return value === undefined ? 'undefined' : JSON.stringify(value);
    default:
      return undefined;
  }
}

/** pretty-format with `{ min: true, maxDepth: 1 }` (jest-each's %p) over literal values: keys sorted, strings escaped. */
export function pretty(value: Literal, depth: number): string {
  if (typeof value === 'string') return `"${value.replace(/"|\\/g, '\\$&')}"`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return depth + 1 > 1 ? '[Array]' : `[${value.map((item) => pretty(item, depth + 1)).join(', ')}]`;
  if (depth + 1 > 1) return '[Object]';
  return `{${Object.keys(value).sort().map((key) => `${pretty(key, depth + 1)}: ${pretty(value[key]!, depth + 1)}`).join(', ')}}`;
}
