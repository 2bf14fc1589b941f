// ts-morph finish transform for a TypeScript package, once every step has landed (package-json.ts
// sets "type": "module" in the same finish):
// - tsconfig*.json: compilerOptions `module` → "NodeNext" (added where a tsconfig that extends
//   nothing left it to the CommonJS default), `moduleResolution` → "NodeNext" where it is set;
//   comments, order and format stay (tsconfig is JSONC: spliced at positions from TypeScript's parser).
// - .ts/.tsx/.mts sources (a .cts stays CommonJS under NodeNext, a .d.ts is left alone):
//   `export = v` → `export default v`, and `import x = require('m')` → `import x from 'm'` (with
//   `with { type: 'json' }` for JSON): what typescript-imports kept because it is exact only while
//   the package compiles to CommonJS. Under NodeNext a default import of a CommonJS module is its
//   `module.exports`, what `require` gave; a sibling source without `export =` (ES-syntax exports)
//   gets `import * as x`, its namespace, which is what `require` gave there. A `require(…)`, `require.main`, `__dirname` or
//   `__filename` still there has no value in an ES module: reported.
// These run at finish, not per step: an `export default` in a step would give the unconverted
// `import x = require()` importers of other steps `{ default: v }` while the package is CommonJS.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ts, type SourceFile } from 'ts-morph';
import { isTypeScriptSource, resolveTarget } from './resolve-specifier.js';

interface Context {
  readonly path: string;
  readonly text: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly report: (leftover: { line?: number; message: string }) => void;
}

interface Splice {
  readonly at: number;
  readonly end: number;
  readonly insert: string;
}

const NODE_MODULE_KINDS = new Set(['node16', 'node18', 'node20', 'nodenext']);

function applySplices(text: string, splices: readonly Splice[]): string | undefined {
  if (splices.length === 0) return undefined;
  let out = text;
  for (const splice of [...splices].sort((a, b) => b.at - a.at)) out = out.slice(0, splice.at) + splice.insert + out.slice(splice.end);
  return out === text ? undefined : out;
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  return object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)) && p.name.text === name);
}

function finishTsconfig(ctx: Context): string | undefined {
  const json = ts.parseJsonText(ctx.path, ctx.text);
  const root = json.statements[0]?.expression;
  if (!root || !ts.isObjectLiteralExpression(root)) return undefined;
  const options = property(root, 'compilerOptions')?.initializer;
  const splices: Splice[] = [];
  /** Sets an existing option to "NodeNext" unless it already names a Node mode; true when present. */
  const setNodeNext = (object: ts.ObjectLiteralExpression, name: string): boolean => {
    const option = property(object, name);
    if (!option) return false;
    const value = option.initializer;
    if (ts.isStringLiteral(value) && NODE_MODULE_KINDS.has(value.text.toLowerCase())) return true;
    const quote = ctx.text[value.getStart(json)] === "'" ? "'" : '"';
    splices.push({ at: value.getStart(json), end: value.end, insert: `${quote}NodeNext${quote}` });
    return true;
  };
  if (options && ts.isObjectLiteralExpression(options)) {
    const hasModule = setNodeNext(options, 'module');
    setNodeNext(options, 'moduleResolution');
    if (!hasModule && !property(root, 'extends')) {
      const first = options.properties[0];
      if (first) {
        const lineStart = ctx.text.lastIndexOf('\n', first.getStart(json) - 1) + 1;
        const indent = /^[ \t]*/.exec(ctx.text.slice(lineStart))?.[0] ?? '';
        const sameLine = !ctx.text.slice(options.getStart(json), first.getStart(json)).includes('\n');
        splices.push({ at: first.getStart(json), end: first.getStart(json), insert: sameLine ? '"module": "NodeNext", ' : `"module": "NodeNext",\n${indent}` });
      } else {
        splices.push({ at: options.getStart(json), end: options.end, insert: '{ "module": "NodeNext" }' });
      }
    }
  } else if (!property(root, 'extends')) {
    ctx.report({ message: 'no compilerOptions: add "module": "NodeNext" by hand' });
  }
  return applySplices(ctx.text, splices);
}

/** True for a relative TypeScript sibling without `export =`: `require` gave its namespace. */
function isNamespace(specifier: string, ctx: Context): boolean {
  const root = typeof ctx.options['root'] === 'string' ? ctx.options['root'] : process.cwd();
  const target = resolveTarget(specifier, resolve(root, ctx.path), root, 'typescript');
  if (target.kind !== 'relative' || target.json || !/\.[cm]?tsx?$/.test(target.file) || !existsSync(target.file)) return false;
  return !/^\s*export\s*=/m.test(readFileSync(target.file, 'utf8'));
}

function finishSource(sourceFile: SourceFile, ctx: Context): string | undefined {
  const file = sourceFile.compilerNode;
  const splices: Splice[] = [];
  const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  for (const statement of file.statements) {
    if (ts.isExportAssignment(statement) && statement.isExportEquals) {
      // `export = v;` → `export default v;`: the keyword span only, the expression stays as written.
      const start = statement.getStart(file);
      splices.push({ at: start, end: statement.expression.getStart(file), insert: 'export default ' });
    }
    if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference) && !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      const literal = statement.moduleReference.expression;
      if (!ts.isStringLiteral(literal)) continue;
      const raw = literal.getText(file);
      const json = /\.json$/.test(literal.text) ? ` with { type: ${raw[0]}json${raw[0]} }` : '';
      const semicolon = ctx.text[statement.end - 1] === ';' ? ';' : '';
      const binding = isNamespace(literal.text, ctx) ? `* as ${statement.name.text}` : statement.name.text;
      splices.push({ at: statement.getStart(file), end: statement.end, insert: `import ${statement.isTypeOnly ? 'type ' : ''}${binding} from ${raw}${json}${semicolon}` });
    }
  }
  const declared = (name: string) => new RegExp(`\\b(?:const|let|var|function|import)\\s+(?:\\{[^}]*\\b)?${name}\\b`).test(ctx.text);
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && ['require', '__dirname', '__filename'].includes(node.text) && !declared(node.text)) {
      const parent = node.parent;
      const named = parent && (ts.isPropertyAccessExpression(parent) && parent.name === node || ts.isPropertyAssignment(parent) && parent.name === node);
      if (!named && !ts.isTypeReferenceNode(parent) && !(ts.isExternalModuleReference(parent))) {
        ctx.report({ line: lineOf(node), message: `${node.text} has no value in an ES module under NodeNext: ${node.text === 'require' ? 'use an import, or createRequire(import.meta.url)' : `use import.meta.${node.text === '__dirname' ? 'dirname' : 'filename'}`}` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return applySplices(ctx.text, splices);
}

export default function transform(sourceFile: SourceFile, ctx: Context): string | undefined {
  if (/(^|\/)tsconfig[^/]*\.json$/.test(ctx.path)) return finishTsconfig(ctx);
  if (!isTypeScriptSource(ctx.path) || ctx.path.endsWith('.cts')) return undefined;
  return finishSource(sourceFile, ctx);
}
