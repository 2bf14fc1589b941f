// Pure: the describe/test structure of a test file, as snapshot keys need it. A test's names are
// the titles of the describe calls whose callback lexically contains it, then its own. A title is
// known only when it is a string literal (a `.each` title's placeholders are formatted in at run
// time), and a test in a helper function (declared, or held in a variable) gets its describes from
// wherever it is called.

import { ts } from 'ts-morph';

const DESCRIBES = ['describe', 'fdescribe', 'xdescribe'] as const;
const TESTS = ['it', 'fit', 'xit', 'test', 'xtest'] as const;
const MODIFIERS = ['only', 'skip', 'concurrent', 'failing', 'todo'] as const;

export interface Title {
  /** The literal's value; undefined when the title is any other expression. */
  readonly text?: string;
  /** For a template with substitutions: its literal pieces, in order. */
  readonly pieces?: readonly string[];
  /** From `describe.each` / `it.each` / `test.each`: `%s`, `$name` and extra values are formatted in. */
  readonly each: boolean;
}

export interface CollectedTest {
  /** 1-based line of the test call in its file. */
  readonly line: number;
  /** The enclosing describes' titles, outermost first, then the test's own. */
  readonly titles: readonly Title[];
  /** Declared inside a function that is not handed straight to a call: its describes are unknown. */
  readonly detached: boolean;
}

export interface TestTitles {
  readonly tests: readonly CollectedTest[];
  readonly hasDescribe: boolean;
}

interface CallShape {
  readonly kind: 'describe' | 'test';
  readonly each: boolean;
  readonly todo: boolean;
}

/** `it`, `test.only`, `describe.skip.each(table)`, `it.each\`…\``, … → what the call declares. */
function callShape(call: ts.CallExpression): CallShape | undefined {
  let callee: ts.Expression = call.expression;
  // `.each` declares only once called twice: `it.each(table)(title, fn)` or `it.each\`…\`(title, fn)`.
  const table = ts.isCallExpression(callee) ? callee.expression : ts.isTaggedTemplateExpression(callee) ? callee.tag : undefined;
  const each = table !== undefined;
  if (table !== undefined) {
    if (!ts.isPropertyAccessExpression(table) || table.name.text !== 'each') return undefined;
    callee = table.expression;
  }
  let todo = false;
  while (ts.isPropertyAccessExpression(callee)) {
    const modifier = callee.name.text;
    if (modifier === 'each' || !(MODIFIERS as readonly string[]).includes(modifier)) return undefined;
    if (modifier === 'todo') todo = true;
    callee = callee.expression;
  }
  if (!ts.isIdentifier(callee)) return undefined;
  if ((DESCRIBES as readonly string[]).includes(callee.text)) return { kind: 'describe', each, todo };
  if ((TESTS as readonly string[]).includes(callee.text)) return { kind: 'test', each, todo };
  return undefined;
}

/**
 * The titles a `.each` declares, one per row, when its table is an array literal whose rows give
 * its printf placeholders string, integer or boolean literals: there `%s`, `%d`, `%i`, `%#`
 * (the row's index), `%$` (index + 1) and `%%` read the same in Jest (util.format) and Vitest
 * (`format` in @vitest/utils), and neither appends the values no placeholder took. Anything else
 * (objects and `$name`, `%p`/`%o`, other expressions) is left to the reader of the titles.
 */
export function eachTitles(call: ts.CallExpression): string[] | undefined {
  const first = call.arguments[0];
  const table = ts.isCallExpression(call.expression) ? call.expression.arguments[0] : undefined;
  if (!first || !(ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) || !table || !ts.isArrayLiteralExpression(table)) return undefined;
  const titles: string[] = [];
  for (const [index, row] of table.elements.entries()) {
    const values = ts.isArrayLiteralExpression(row) ? [...row.elements] : [row];
    let next = 0;
    let known = true;
    const title = first.text.replace(/%([sdi#$%])/g, (whole, kind: string) => {
      if (kind === '%') return '%';
      if (kind === '#') return String(index);
      if (kind === '$') return String(index + 1);
      const value = primitiveText(values[next++], kind !== 's');
      if (value === undefined) known = false;
      return value ?? whole;
    });
    if (!known || /%[pjoOfc]/.test(first.text) || /(?<!%)\$/.test(first.text)) return undefined;
    titles.push(title);
  }
  return titles;
}

function primitiveText(node: ts.Expression | undefined, integerOnly: boolean): string | undefined {
  if (node === undefined) return undefined;
  if (!integerOnly && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  if (!integerOnly && (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword)) return node.getText();
  const negative = ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken;
  const number = negative ? node.operand : node;
  if (!ts.isNumericLiteral(number) || !/^\d+$/.test(number.text)) return undefined;
  return `${negative ? '-' : ''}${Number(number.text)}`;
}

function titleOf(call: ts.CallExpression, each: boolean): Title {
  const first = call.arguments[0];
  if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) return { text: first.text, each };
  if (first && ts.isTemplateExpression(first)) return { pieces: [first.head.text, ...first.templateSpans.map((span) => span.literal.text)], each };
  return { each };
}

/** A function handed to a call (a describe callback, `forEach`) runs where it is written. */
function isDetaching(node: ts.Node): boolean {
  if (!ts.isFunctionLike(node)) return false;
  const parent = node.parent;
  return !(ts.isCallExpression(parent) && parent.arguments.some((argument) => argument === node));
}

export function collectTestTitles(sourceFile: ts.SourceFile): TestTitles {
  const tests: CollectedTest[] = [];
  let hasDescribe = false;
  const visit = (node: ts.Node, describes: readonly Title[], detached: boolean): void => {
    const nowDetached = detached || isDetaching(node);
    if (ts.isCallExpression(node)) {
      const shape = callShape(node);
      // A `.each` whose rows are known declares one describe or test per row.
      const own = shape === undefined ? [] : ((shape.each ? eachTitles(node) : undefined)?.map((text): Title => ({ text, each: false })) ?? [titleOf(node, shape.each)]);
      if (shape?.kind === 'describe') {
        hasDescribe = true;
        for (const title of own) ts.forEachChild(node, (child) => visit(child, [...describes, title], nowDetached));
        return;
      }
      if (shape?.kind === 'test') {
        // `test.todo` takes no callback and so writes no snapshot.
        if (!shape.todo) {
          const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
          for (const title of own) tests.push({ line, titles: [...describes, title], detached: nowDetached });
        }
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, describes, nowDetached));
  };
  visit(sourceFile, [], false);
  return { tests, hasDescribe };
}
