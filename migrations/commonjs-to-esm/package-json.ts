// ts-morph transform for package.json, in two phases (options.phase):
//   setup  — removes "type": "commonjs" (which turns Node's module syntax detection off; a typeless
//            package still loads its .js files as CommonJS), and reports an engines.node that admits Node older than 20.19, which the
//            half-converted package needs (ES module syntax detected in a typeless package's .js
//            files, require() of ES modules) and older than 20.11 (import.meta.dirname).
//   finish — once every file is an ES module: "type": "module" (replacing "commonjs"), and when
//            there is a "main" and no "exports", "exports": { ".": "./<main>" }. "main" stays for
//            tools and old consumers that read it.
// Text is spliced at positions from TypeScript's JSON parser: key order, indentation and the
// final newline stay as they were.

import { ts, type SourceFile } from 'ts-morph';

interface Context {
  readonly path: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly report: (leftover: { line?: number; message: string }) => void;
}

/** Node needs ≥ 20.19 while the package is half converted (typeless ESM detection, require(esm)). */
const STEP_MINIMUM: readonly [number, number] = [20, 19];

function property(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  return object.properties.find(
    (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isStringLiteral(p.name) && p.name.text === name,
  );
}

function indentAt(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** The lowest [major, minor] a range admits, or [0, 0] when it has no lower bound. */
export function lowestVersion(range: string): [number, number] {
  const versions = range.split('||').map((alternative): [number, number] => {
    const match = /^\s*(?:>=|>|\^|~|=)?\s*v?(\d+)(?:\.(\d+|x|\*))?/.exec(alternative);
    if (!match?.[1]) return [0, 0];
    const minor = Number(match[2]);
    return [Number(match[1]), Number.isNaN(minor) ? 0 : minor];
  });
  return versions.reduce((low, v) => (v[0] < low[0] || (v[0] === low[0] && v[1] < low[1]) ? v : low));
}

const below = (v: readonly [number, number], min: readonly [number, number]) => v[0] < min[0] || (v[0] === min[0] && v[1] < min[1]);

function reportOldEngines(root: ts.ObjectLiteralExpression, json: ts.JsonSourceFile, ctx: Context): void {
  const engines = property(root, 'engines');
  const node = engines && ts.isObjectLiteralExpression(engines.initializer) ? property(engines.initializer, 'node') : undefined;
  const range = node && ts.isStringLiteral(node.initializer) ? node.initializer.text : undefined;
  if (range !== undefined && !below(lowestVersion(range), STEP_MINIMUM)) return;
  ctx.report({
    ...(node && { line: json.getLineAndCharacterOfPosition(node.getStart(json)).line + 1 }),
    message: `engines.node ${range === undefined ? 'is not set' : `"${range}" admits Node older than 20.19`}: until every step has landed the package mixes CommonJS and ES module .js files, which needs Node >= 20.19 (syntax detection, require() of ES modules); the result needs >= 20.11 (import.meta.dirname)`,
  });
}

export default function transform(sourceFile: SourceFile, ctx: Context): string | undefined {
  if (!/(^|\/)package\.json$/.test(ctx.path)) return undefined;
  const text = sourceFile.getFullText();
  const json = ts.parseJsonText(ctx.path, text);
  const root = json.statements[0]?.expression;
  const lineOf = (node: ts.Node) => json.getLineAndCharacterOfPosition(node.getStart(json)).line + 1;
  if (!root || !ts.isObjectLiteralExpression(root)) {
    ctx.report({ message: 'package.json is not a JSON object; set "type": "module" by hand' });
    return undefined;
  }
  if (ctx.options['phase'] !== 'finish') {
    reportOldEngines(root, json, ctx);
    // "type": "commonjs" turns syntax detection off; typeless, .js files still load as CommonJS
    // until they hold ES module syntax.
    const type = property(root, 'type');
    if (!type || !ts.isStringLiteral(type.initializer) || type.initializer.text !== 'commonjs') return undefined;
    const index = root.properties.indexOf(type);
    const next = root.properties[index + 1];
    const previous = root.properties[index - 1];
    if (next) return text.slice(0, type.getStart(json)) + text.slice(next.getStart(json));
    if (previous) return text.slice(0, previous.end) + text.slice(type.end);
    return text.slice(0, type.getStart(json)) + text.slice(type.end).replace(/^\s*/, '');
  }

  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const edits: { at: number; end: number; insert: string }[] = [];
  const type = property(root, 'type');
  const main = property(root, 'main');
  const exportsField = property(root, 'exports');
  const last = root.properties[root.properties.length - 1];
  if (!last) return `{${newline}  "type": "module"${newline}}${newline}`;
  const indent = indentAt(text, last.getStart(json));
  // New keys go after "main" when there is one, else at the end.
  const anchor = main ?? last;
  let insert = '';
  if (!type) insert += `,${newline}${indent}"type": "module"`;
  else if (!ts.isStringLiteral(type.initializer) || type.initializer.text !== 'module') {
    edits.push({ at: type.initializer.getStart(json), end: type.initializer.end, insert: '"module"' });
  }
  if (main && !exportsField) {
    if (!ts.isStringLiteral(main.initializer)) ctx.report({ line: lineOf(main), message: '"main" is not a string; add "exports" by hand' });
    else {
      const target = main.initializer.text.replace(/^(\.\/)?/, './');
      if (!/\.[cm]?js$/.test(target)) ctx.report({ line: lineOf(main), message: `"main" (${main.initializer.text}) has no .js extension: "exports" needs the file's full path; add it by hand` });
      else insert += `,${newline}${indent}"exports": {${newline}${indent}${indent}".": ${JSON.stringify(target)}${newline}${indent}}`;
    }
  }
  if (insert) edits.push({ at: anchor.end, end: anchor.end, insert });
  if (edits.length === 0) return undefined;
  let out = text;
  for (const edit of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, edit.at) + edit.insert + out.slice(edit.end);
  return out;
}
