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
      if (shape?.kind === 'describe') {
        hasDescribe = true;
        const inner = [...describes, titleOf(node, shape.each)];
        ts.forEachChild(node, (child) => visit(child, inner, nowDetached));
        return;
      }
      if (shape?.kind === 'test') {
        // `test.todo` takes no callback and so writes no snapshot.
        if (!shape.todo) {
          const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
          tests.push({ line, titles: [...describes, titleOf(node, shape.each)], detached: nowDetached });
        }
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, describes, nowDetached));
  };
  visit(sourceFile, [], false);
  return { tests, hasDescribe };
}
