// jscodeshift transform (parser ts or tsx, from the recipe) for a TypeScript source that compiles to
// CommonJS: every relative specifier (import, export … from, import(), import x = require(), require(),
// import('…') types) gets the file Node's ES resolution needs for the *emitted* file (`./util` →
// `./util.js`, `./dir` → `./dir/index.js`, `.mts` → `.mjs`: resolve-specifier.ts), then the top-level
// requires are converted as require-to-import converts JavaScript's, in its 'typescript' form.
// Landable at every step: tsc (node10, node16, bundler resolution) maps `./util.js` to util.ts,
// and every rewrite compiles to the `require` it replaces while the package is still CommonJS:
// `import x = require('./m')` becomes `import * as x from './m.js'` only where the module's exports
// are ES syntax (tsc gives the same `exports` object); a package, builtin, JSON or `export =` module
// keeps `import x = require('….js')`, and `export =` stays, until finish (typescript-finish.ts).
// Declaration files (`.d.ts`) are left alone. Specifiers are spliced at node positions: byte-exact.

import { resolve } from 'node:path';
import type { API, FileInfo, Options } from 'jscodeshift';
import { convertRequires, typescriptInterop } from './require-to-import.js';
import { isRelative, isTypeScriptSource, resolveTarget } from './resolve-specifier.js';
import { freeReferences, lineOf, type AnyNode } from './syntax.js';

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const isString = (node: AnyNode | null | undefined): node is AnyNode =>
  node?.type === 'StringLiteral' || (node?.type === 'Literal' && typeof node.value === 'string');

export default function transform(file: FileInfo, api: API, options: Options = {}): string | undefined {
  if (!isTypeScriptSource(file.path)) return undefined;
  const rewritten = rewriteSpecifiers(file, api, options) ?? file.source;
  const j = api.jscodeshift;
  const requires = freeReferences(j, j(rewritten), 'require').length > 0;
  const converted = requires ? convertRequires({ ...file, source: rewritten }, api, options, 'typescript') : undefined;
  const output = converted ?? rewritten;
  return output === file.source ? undefined : output;
}

function rewriteSpecifiers(file: FileInfo, api: API, options: Options): string | undefined {
  const j = api.jscodeshift;
  const root = j(file.source);
  const repoRoot = typeof options['root'] === 'string' ? options['root'] : process.cwd();
  const from = resolve(repoRoot, file.path);
  const report = (node: AnyNode, message: string) => {
    const line = lineOf(node);
    (api.report as (leftover: unknown) => void)(line === undefined ? { message } : { line, message });
  };
  const edits: Edit[] = [];
  const requireCalls = new Set(freeReferences(j, root, 'require').map((path) => path.parent?.node as AnyNode));

  /** The emitted file's specifier for a relative one, or undefined (not relative; reported when missing). */
  const emitted = (literal: AnyNode): string | undefined => {
    const specifier = literal.value as string;
    if (!isRelative(specifier)) return undefined;
    const target = resolveTarget(specifier, from, repoRoot, 'typescript');
    if (target.kind === 'missing') {
      report(literal, `${specifier} is not found on disk: give it the extension of the file tsc emits for it by hand`);
      return undefined;
    }
    return target.kind === 'relative' ? target.specifier : undefined;
  };
  const respecify = (literal: AnyNode | null | undefined) => {
    if (!isString(literal)) return;
    const written = emitted(literal);
    if (written === undefined || written === literal.value) return;
    const raw = file.source.slice(literal.start as number, literal.end as number);
    edits.push({ start: literal.start as number, end: literal.end as number, text: `${raw[0]}${written}${raw[0]}` });
  };

  root.find(j.Node).forEach((path) => {
    const node = path.node as AnyNode;
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        respecify(node.source);
        break;
      case 'TSImportType':
        respecify(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument);
        break;
      case 'CallExpression':
        if (node.callee?.type === 'Import' || requireCalls.has(node)) respecify(node.arguments?.[0]);
        break;
      case 'ImportExpression':
        respecify(node.source);
        break;
      case 'TSImportEqualsDeclaration':
        importEquals(node);
        break;
    }
  });

  /** `import x = require('./m')` → `import * as x from './m.js'` where that is what require gave. */
  function importEquals(node: AnyNode): void {
    const reference = node.moduleReference as AnyNode;
    if (reference?.type !== 'TSExternalModuleReference' || !isString(reference.expression)) return;
    const literal = reference.expression as AnyNode;
    const specifier = literal.value as string;
    const target = resolveTarget(specifier, from, repoRoot, 'typescript');
    const namespace = !node.isExport && target.kind === 'relative' && typescriptInterop(j, target) === 'named';
    if (!namespace) return respecify(literal);
    const raw = file.source.slice(literal.start as number, literal.end as number);
    const end = node.end as number;
    const semicolon = file.source[end - 1] === ';' ? ';' : '';
    edits.push({ start: node.start as number, end, text: `import ${node.importKind === 'type' ? 'type ' : ''}* as ${node.id.name as string} from ${raw[0]}${target.specifier}${raw[0]}${semicolon}` });
  }

  if (edits.length === 0) return undefined;
  let output = file.source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
  return output;
}

