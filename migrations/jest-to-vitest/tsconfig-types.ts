// ts-morph setup transform for tsconfig*.json: "jest" / "@types/jest" out of compilerOptions.types;
// "vitest/globals" in when the option `globals: true` keeps Vitest's globals (without it the test
// files import what they use from 'vitest', so nothing is needed). Only the array's text is
// replaced: comments, trailing commas and the rest of the file stay as written.

import { ts, type SourceFile } from 'ts-morph';
import type { TsMorphContext } from './ts-morph-context.js';

export const JEST_TYPES = new Set(['jest', '@types/jest', '@jest/globals']);

function property(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  return object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isStringLiteral(p.name) && p.name.text === name);
}

export default function transform(_sourceFile: SourceFile, ctx: TsMorphContext): string | undefined {
  if (!/(^|\/)tsconfig[^/]*\.json$/.test(ctx.path)) return undefined;
  const json = ts.parseJsonText(ctx.path, ctx.text);
  const root = json.statements[0]?.expression;
  if (!root || !ts.isObjectLiteralExpression(root)) return undefined;
  const options = property(root, 'compilerOptions');
  if (!options || !ts.isObjectLiteralExpression(options.initializer)) return undefined;
  const types = property(options.initializer, 'types');
  if (!types || !ts.isArrayLiteralExpression(types.initializer)) return undefined;
  const elements = types.initializer.elements.map((e) => (ts.isStringLiteral(e) ? e.text : undefined));
  if (elements.some((e) => e === undefined)) return undefined;
  const names = elements as string[];
  const kept = names.filter((name) => !JEST_TYPES.has(name));
  const hadJest = kept.length !== names.length;
  if (!hadJest) return undefined;
  if (ctx.options['globals'] === true && !kept.includes('vitest/globals')) kept.push('vitest/globals');
  const array = types.initializer;
  const original = ctx.text.slice(array.getStart(json), array.end);
  let printed: string;
  if (original.includes('\n') && kept.length > 0) {
    const lineStart = ctx.text.lastIndexOf('\n', array.elements[0]!.getStart(json)) + 1;
    const indent = /^[ \t]*/.exec(ctx.text.slice(lineStart))?.[0] ?? '';
    const closing = /\n([ \t]*)\]$/.exec(original)?.[1] ?? '';
    const newline = ctx.text.includes('\r\n') ? '\r\n' : '\n';
    printed = `[${newline}${kept.map((k) => indent + JSON.stringify(k)).join(`,${newline}`)}${newline}${closing}]`;
  } else {
    printed = `[${kept.map((k) => JSON.stringify(k)).join(', ')}]`;
  }
  return ctx.text.slice(0, array.getStart(json)) + printed + ctx.text.slice(array.end);
}
