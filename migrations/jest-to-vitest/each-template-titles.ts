// `$name` in the title of a `.each` over a tagged-template table (or over an array of objects):
// Jest prints a primitive with String() and anything else with pretty-format (`{"leading": true}`),
// and replaces the first `$#` with the row's index; Vitest prints every value with its objDisplay
// (`{ leading: true }`, strings quoted), cuts what runs past 40 characters (`{ Object (leading,
// trailing, ...) }`, `'a long…'`: rows then share a title) and keeps `$#`. use-debounce: a table
// of 14 option objects titled `options=$options` came out as 14 "missing" tests and a failed step.
// Where each row's title can be computed here (the values the title names are literals), the table
// becomes an array of `[title, row]` pairs titled `%s` (Vitest prints a string argument as it is)
// and the callback takes the title first as `_title`; where Vitest would print the title as Jest
// does (short plain strings, numbers, booleans: only the quotes differ, which the verdict
// ignores), nothing changes; elsewhere it is reported.

import type { ASTNode, Collection, JSCodeshift } from 'jscodeshift';
import type { AnyNode } from './ast-nodes.js';
import { EACH_TARGETS, isStringLiteral, literalValue, MODIFIERS, NO_VALUE, pretty, type Literal } from './each-titles.js';

/** A row: the value node of each key, in order (a template's headings, an object's properties). */
type Row = Map<string, AnyNode>;

/** Jest's placeholders that make an array of objects a printf table rather than templates (jest-each's array.ts). */
const PRINTF_PLACEHOLDER = /%[sdifjoOp#]/;
const HEADING = /^[A-Za-z_$][\w$]*$/;

/** Rewrites the titles it can; returns whether it changed anything. */
export function templateTitles(j: JSCodeshift, root: Collection, typed: boolean, report: (node: AnyNode, message: string) => void): boolean {
  let changed = false;
  root.find(j.CallExpression).forEach((path) => {
    const call = path.node as AnyNode;
    const title = call.arguments[0] as AnyNode | undefined;
    if (!isStringLiteral(title) || !/\$[$\w.#]/.test(title.value)) return;
    const table = templateTable(call.callee as AnyNode, title.value);
    // A value that is no literal may print alike or not: verify tells, a report would stop the step.
    if (table === undefined || titlePrinting(title.value, table.rows) !== 'differs') return;
    const titles = table.rows.map((row, index) => jestTitle(title.value, row, index));
    const fn = call.arguments[1] as AnyNode | undefined;
    const callable = fn !== undefined && (fn.type === 'ArrowFunctionExpression' || (fn.type === 'FunctionExpression' && j(fn.body).find(j.Identifier, { name: 'arguments' }).size() === 0));
    if (titles.some((t) => t === undefined) || !callable) {
      report(title, '`$name` in a .each title: Vitest prints objects, arrays and long strings otherwise than Jest (`{ a: 1 }` for `{"a": 1}`, cut at 40 characters) and keeps `$#`, so tests are renamed or share a title; these rows are not literals whose titles can be written as Jest formats them: title the rows by hand (a first column with the title, and `%s`)');
      return;
    }
    const pairs = table.rows.map((row, index) => {
      const rowNode = table.kind === 'objects' ? table.nodes[index]! : j.objectExpression([...row].map(([key, value]) => j.objectProperty(j.identifier(key), value as never)));
      return j.arrayExpression([j.stringLiteral(titles[index]!), rowNode as never]);
    });
    if (table.kind === 'template') {
      const each = j.callExpression(table.tag as never, [j.arrayExpression(pairs)]) as AnyNode;
      // The template's rows were `any` to TypeScript: so they stay, beside the title's string.
      if (typed) each.typeParameters = j.tsTypeParameterInstantiation([j.tsTupleType([j.tsStringKeyword(), j.tsAnyKeyword()])]);
      call.callee = each;
    } else {
      table.array.elements = pairs;
    }
    call.arguments[0] = j.stringLiteral('%s');
    const taken = new Set(j(fn as unknown as ASTNode).find(j.Identifier).nodes().map((node) => (node as AnyNode).name as string));
    let name = '_title';
    for (let n = 2; taken.has(name); n++) name = `_title${n}`;
    fn!.params.unshift(j.identifier(name));
    changed = true;
  });
  return changed;
}

type Table =
  | { readonly kind: 'template'; readonly tag: AnyNode; readonly rows: Row[] }
  | { readonly kind: 'objects'; readonly array: AnyNode; readonly nodes: AnyNode[]; readonly rows: Row[] };

/** `test.each`…`` ` or `test.each([{…}, …])` with a title Jest reads as templates; else undefined. */
function templateTable(callee: AnyNode, title: string): Table | undefined {
  if (callee.type === 'TaggedTemplateExpression') {
    if (!isEachMember(callee.tag as AnyNode)) return undefined;
    const quasi = callee.quasi as AnyNode;
    const first = String(quasi.quasis[0]?.value.cooked ?? '').split('\n').find((line) => line.trim() !== '');
    if (first === undefined) return undefined;
    const headings = first.replace(/\s/g, '').split('|');
    const values = quasi.expressions as AnyNode[];
    if (!headings.every((heading) => HEADING.test(heading)) || values.length === 0 || values.length % headings.length !== 0) return undefined;
    const rows: Row[] = [];
    for (let at = 0; at < values.length; at += headings.length) rows.push(new Map(headings.map((heading, index) => [heading, values[at + index]!])));
    return { kind: 'template', tag: callee.tag as AnyNode, rows };
  }
  if (callee.type !== 'CallExpression' || !isEachMember(callee.callee as AnyNode)) return undefined;
  const array = callee.arguments[0] as AnyNode | undefined;
  if (array?.type !== 'ArrayExpression' || PRINTF_PLACEHOLDER.test(title.replace(/%%/g, ''))) return undefined;
  const nodes = array.elements as (AnyNode | null)[];
  if (nodes.length === 0 || !nodes.every((node) => node?.type === 'ObjectExpression')) return undefined;
  const rows: Row[] = [];
  for (const node of nodes as AnyNode[]) {
    const row: Row = new Map();
    for (const property of node.properties as AnyNode[]) {
      if ((property.type !== 'ObjectProperty' && property.type !== 'Property') || property.computed || property.method) return undefined;
      const key = property.key as AnyNode;
      const name = key.type === 'Identifier' ? (key.name as string) : isStringLiteral(key) ? key.value : undefined;
      if (name === undefined) return undefined;
      row.set(name, property.value as AnyNode);
    }
    rows.push(row);
  }
  return { kind: 'objects', array, nodes: nodes as AnyNode[], rows };
}

function isEachMember(node: AnyNode): boolean {
  if (node.type !== 'MemberExpression' || node.computed || node.property.name !== 'each') return false;
  let target = node.object as AnyNode;
  while (target.type === 'MemberExpression' && !target.computed && MODIFIERS.has(target.property.name)) target = target.object;
  return target.type === 'Identifier' && EACH_TARGETS.has(target.name);
}

/**
 * `alike`: Vitest's title equals Jest's but for quotes (no `%` or `$#`, and every `$…` Vitest reads
 * names a key whose value in every row is a literal both print alike: a short plain string, a
 * number other than -0, a boolean, null, undefined); `differs`: some row's does not; `unknown`:
 * a value the title prints is no literal, and no other tells.
 */
function titlePrinting(title: string, rows: readonly Row[]): 'alike' | 'differs' | 'unknown' {
  if (title.includes('%') || title.includes('$#')) return 'differs';
  let unknown = false;
  for (const [, key] of title.matchAll(/\$([$\w.]+)/g)) {
    for (const row of rows) {
      const node = row.get(key!);
      if (node === undefined) return 'differs';
      const value = literalValue(node);
      if (value === NO_VALUE) unknown = true;
      else if (!printsAlike(value)) return 'differs';
    }
  }
  return unknown ? 'unknown' : 'alike';
}

function printsAlike(value: Literal): boolean {
  if (typeof value === 'string') return value.length <= 30 && !/['"`\\\u0000-\u001f]/.test(value);
  return typeof value === 'boolean' || value === null || value === undefined || (typeof value === 'number' && !Object.is(value, -0));
}

/** A row's title as jest-each's interpolateVariables writes it, or undefined when a value it prints is no literal. */
function jestTitle(title: string, row: Row, index: number): string | undefined {
  const keys = [...row.keys()].map((key) => key.replace(/[$]/g, '\\$&'));
  if (keys.length === 0) return undefined;
  let failed = false;
  const titled = title.replace(new RegExp(`\\$(${keys.join('|')})[.\\w]*`, 'g'), (match) => {
    const [head = '', ...tail] = match.slice(1).split('.');
    const value = row.has(head) ? literalAt(row.get(head)!, tail) : wholeRow(row);
    if (value === NO_VALUE) {
      failed = true;
      return match;
    }
    return value === null || typeof value !== 'object' ? String(value) : pretty(value, 0);
  });
  return failed ? undefined : titled.replace('$#', String(index));
}

/** jest-each's getPath below a key: a missing step stops at the value reached so far. */
function literalAt(node: AnyNode, path: readonly string[]): Literal | typeof NO_VALUE {
  let value = literalValue(node);
  for (const step of path) {
    if (value === NO_VALUE || value === null || typeof value !== 'object' || !step || !Object.prototype.hasOwnProperty.call(value, step)) break;
    value = (value as Record<string, Literal>)[step]!;
  }
  return value;
}

function wholeRow(row: Row): Literal | typeof NO_VALUE {
  const object: Record<string, Literal> = {};
  for (const [key, node] of row) {
    const value = literalValue(node);
    if (value === NO_VALUE) return NO_VALUE;
    object[key] = value;
  }
  return object;
}
