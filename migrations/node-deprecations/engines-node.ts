// ts-morph setup transform for package.json: raise "engines.node" to ">=20" (or ">=N" with
// options.minimum = N). A range that already demands N or more stays as it is. The file is edited
// by splicing text at positions from TypeScript's JSON parser, so key order, indentation, inline
// arrays and the final newline are kept exactly.

import { ts, type SourceFile } from 'ts-morph';
import type { TsMorphContext } from './ts-morph-context.js';

const DEFAULT_MINIMUM = 20;

/** The lowest major version a range admits, or 0 when it has no lower bound ("*", "<18", "x"). */
function lowestMajor(range: string): number {
  const alternatives = range.split('||').map((alternative) => {
    const match = /(?:^|\s)(?:>=|>|\^|~|=)?\s*v?(\d+)/.exec(alternative.trim());
    if (!match?.[1] || /^\s*<|^\s*[*xX]?\s*$/.test(alternative)) return 0;
    // ">19" admits 19.0.1, so a strict bound counts as its own major: conservative, it raises.
    return Number(match[1]);
  });
  return Math.min(...alternatives);
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  return object.properties.find(
    (p): p is ts.PropertyAssignment =>
      ts.isPropertyAssignment(p) && ts.isStringLiteral(p.name) && p.name.text === name,
  );
}

/** Whitespace at the start of the line that holds `position`. */
function indentAt(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

export default function transform(sourceFile: SourceFile, ctx: TsMorphContext): string | undefined {
  if (!/(^|\/)package\.json$/.test(ctx.path)) return undefined;
  const minimum = typeof ctx.options['minimum'] === 'number' ? ctx.options['minimum'] : DEFAULT_MINIMUM;
  const wanted = `>=${minimum}`;
  const text = sourceFile.getFullText();
  const json = ts.parseJsonText(ctx.path, text);
  const root = json.statements[0]?.expression;
  if (!root || !ts.isObjectLiteralExpression(root)) {
    ctx.report({ message: 'package.json is not a JSON object; set "engines.node" by hand' });
    return undefined;
  }
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const splice = (start: number, end: number, insert: string) => text.slice(0, start) + insert + text.slice(end);
  const engines = property(root, 'engines');

  if (!engines) {
    const last = root.properties[root.properties.length - 1];
    if (!last) return `${JSON.stringify({ engines: { node: wanted } }, null, 2)}${newline}`;
    const indent = indentAt(text, last.getStart(json));
    const block = `"engines": {${newline}${indent}${indent}"node": "${wanted}"${newline}${indent}}`;
    return splice(last.end, last.end, `,${newline}${indent}${block}`);
  }
  if (!ts.isObjectLiteralExpression(engines.initializer)) {
    ctx.report({ line: lineOf(json, engines), message: '"engines" is not an object; set "engines.node" by hand' });
    return undefined;
  }
  const node = property(engines.initializer, 'node');
  if (!node) {
    const object = engines.initializer;
    const first = object.properties[0];
    if (!first) {
      const indent = indentAt(text, engines.getStart(json));
      const inner = indent + (indentAt(text, root.properties[0]?.getStart(json) ?? 0) || '  ');
      return splice(object.getStart(json), object.end, `{${newline}${inner}"node": "${wanted}"${newline}${indent}}`);
    }
    const gap = text.slice(object.getStart(json) + 1, first.getStart(json));
    return splice(first.getStart(json), first.getStart(json), `"node": "${wanted}",${gap}`);
  }
  if (!ts.isStringLiteral(node.initializer)) {
    ctx.report({ line: lineOf(json, node), message: '"engines.node" is not a string; set it by hand' });
    return undefined;
  }
  if (lowestMajor(node.initializer.text) >= minimum) return undefined;
  return splice(node.initializer.getStart(json), node.initializer.end, JSON.stringify(wanted));
}

function lineOf(json: ts.JsonSourceFile, node: ts.Node): number {
  return json.getLineAndCharacterOfPosition(node.getStart(json)).line + 1;
}
