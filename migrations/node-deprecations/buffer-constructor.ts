// ts-morph transform: the deprecated Buffer constructor (DEP0005) → Buffer.from / Buffer.alloc.
// `new Buffer(x)` and `Buffer(x)` call Buffer.alloc(x) when x is a number at run time and
// Buffer.from(x, …) otherwise. The argument's kind is read from syntax alone (no type checker,
// so the result does not depend on how the engine configured its project); when the syntax does
// not settle it, the call is reported and left alone. Only the head (`new Buffer` → `Buffer.from`)
// is spliced, so arguments, comments and formatting stay byte for byte.

import { Node, SyntaxKind, type Expression, type SourceFile } from 'ts-morph';
import type { TsMorphContext } from './ts-morph-context.js';

type Kind = 'number' | 'string' | 'bytes' | 'unknown';

// Mixing a bigint with a number throws for all of these, so one number operand settles the kind.
const ARITHMETIC = new Set<SyntaxKind>([
  SyntaxKind.MinusToken,
  SyntaxKind.AsteriskToken,
  SyntaxKind.SlashToken,
  SyntaxKind.PercentToken,
  SyntaxKind.AsteriskAsteriskToken,
  SyntaxKind.AmpersandToken,
  SyntaxKind.BarToken,
  SyntaxKind.CaretToken,
  SyntaxKind.LessThanLessThanToken,
  SyntaxKind.GreaterThanGreaterThanToken,
]);
const NUMBER_FUNCTIONS = new Set(['Number', 'parseInt', 'parseFloat']);
// JSON.stringify may return undefined, but new Buffer(undefined) and Buffer.from(undefined) both throw.
const STRING_FUNCTIONS = new Set(['String', 'JSON.stringify']);
const BYTES_FUNCTIONS = new Set(['Buffer.from', 'Buffer.alloc', 'Buffer.allocUnsafe', 'Buffer.concat']);

export function kindOf(expression: Expression): Kind {
  if (Node.isStringLiteral(expression) || Node.isNoSubstitutionTemplateLiteral(expression) || Node.isTemplateExpression(expression))
    return 'string';
  if (Node.isNumericLiteral(expression)) return 'number';
  if (Node.isArrayLiteralExpression(expression)) return 'bytes';
  if (Node.isParenthesizedExpression(expression)) return kindOf(expression.getExpression());
  if (Node.isPrefixUnaryExpression(expression)) {
    const operator = expression.getOperatorToken();
    if (operator === SyntaxKind.PlusToken) return 'number';
    if (operator === SyntaxKind.MinusToken || operator === SyntaxKind.TildeToken)
      return kindOf(expression.getOperand()) === 'number' ? 'number' : 'unknown';
    return 'unknown';
  }
  if (Node.isConditionalExpression(expression)) {
    const whenTrue = kindOf(expression.getWhenTrue());
    return whenTrue === kindOf(expression.getWhenFalse()) ? whenTrue : 'unknown';
  }
  if (Node.isBinaryExpression(expression)) {
    const operator = expression.getOperatorToken().getKind();
    const left = kindOf(expression.getLeft());
    const right = kindOf(expression.getRight());
    if (operator === SyntaxKind.PlusToken) {
      if (left === 'string' || right === 'string') return 'string';
      return left === 'number' && right === 'number' ? 'number' : 'unknown';
    }
    if (operator === SyntaxKind.GreaterThanGreaterThanGreaterThanToken) return 'number';
    if (ARITHMETIC.has(operator)) return left === 'number' || right === 'number' ? 'number' : 'unknown';
    return 'unknown';
  }
  if (Node.isCallExpression(expression)) {
    const callee = expression.getExpression().getText();
    if (NUMBER_FUNCTIONS.has(callee) || callee.startsWith('Math.')) return 'number';
    if (STRING_FUNCTIONS.has(callee)) return 'string';
    if (BYTES_FUNCTIONS.has(callee)) return 'bytes';
  }
  return 'unknown';
}

/** True when the file binds its own `Buffer` (other than from the 'buffer' module): not ours to touch. */
function shadowsBuffer(sourceFile: SourceFile): boolean {
  return sourceFile.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => {
    if (id.getText() !== 'Buffer') return false;
    const parent = id.getParent();
    if (Node.isBindingElement(parent)) {
      const declaration = parent.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
      const init = declaration?.getInitializer()?.getText() ?? '';
      return !/^require\(\s*['"](node:)?buffer['"]\s*\)$/.test(init);
    }
    if (Node.isImportClause(parent) || Node.isNamespaceImport(parent)) return true;
    return (
      (Node.isVariableDeclaration(parent) ||
        Node.isParameterDeclaration(parent) ||
        Node.isFunctionDeclaration(parent) ||
        Node.isClassDeclaration(parent)) &&
      parent.getNameNode() === id
    );
  });
}

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export default function transform(sourceFile: SourceFile, ctx: TsMorphContext): string | undefined {
  const text = sourceFile.getFullText();
  if (!text.includes('Buffer(') || shadowsBuffer(sourceFile)) return undefined;
  const splices: Splice[] = [];
  const calls = [
    ...sourceFile.getDescendantsOfKind(SyntaxKind.NewExpression),
    ...sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression),
  ].sort((a, b) => a.getStart() - b.getStart());
  for (const call of calls) {
    const callee = call.getExpression();
    if (!Node.isIdentifier(callee) || callee.getText() !== 'Buffer') continue;
    const openParen = call.getFirstChildByKind(SyntaxKind.OpenParenToken);
    const args = call.getArguments() as Expression[];
    const line = call.getStartLineNumber();
    const shown = `${call.getText().slice(0, 60)}${call.getText().length > 60 ? '…' : ''}`;
    const [first, second] = args;
    if (!openParen || !first) {
      ctx.report({ line, message: `${shown}: Buffer constructor without arguments; write Buffer.alloc(0) or Buffer.from(…)` });
      continue;
    }
    const kind = kindOf(first);
    let method: 'from' | 'alloc' | undefined;
    // Node's Buffer(arg, encoding) throws for a number arg and otherwise calls Buffer.from, so a
    // literal encoding settles it whatever the first argument is.
    if (second && (Node.isStringLiteral(second) || Node.isNoSubstitutionTemplateLiteral(second))) method = 'from';
    else if (kind === 'string' || kind === 'bytes') method = 'from';
    else if (kind === 'number' && args.length === 1) method = 'alloc';
    if (!method) {
      ctx.report({
        line,
        message: `${shown}: cannot tell whether ${first.getText()} is a number (Buffer.alloc) or a string, array or buffer (Buffer.from)`,
      });
      continue;
    }
    splices.push({ start: call.getStart(), end: openParen.getStart(), text: `Buffer.${method}` });
  }
  if (splices.length === 0) return undefined;
  // Heads of nested calls never overlap (an inner call sits inside the outer call's parentheses).
  splices.sort((a, b) => b.start - a.start);
  let next = text;
  for (const splice of splices) next = next.slice(0, splice.start) + splice.text + next.slice(splice.end);
  return next;
}
