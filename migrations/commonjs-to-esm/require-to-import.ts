// jscodeshift transform: top-level `require` → `import`, for a file that can become an ES module as
// a whole (its exports have a shape exports-to-export converts; see module-shape.ts). Default vs
// named import is decided from what the required module exports: a sibling's shape read from disk,
// Node builtins (named exports for every property), packages (default import, the value
// `require` gave). What it cannot place exactly (a require inside a function or condition, a
// dynamic specifier, require.resolve, require.cache, a sibling whose exports are unclear) stays a
// `require` through `createRequire`, so the file still runs, and is reported.
// In a TypeScript source (typescript-imports.ts calls `convertRequires` with 'typescript') the
// package still compiles to CommonJS while steps land, so every form written is one tsc compiles to
// exactly the `require` it replaces: a whole module whose value is not a namespace of ES-syntax exports
// becomes `import x = require('…')` (finish makes it `import x from`), JSON gets no import attribute
// (module commonjs refuses them), and what is left keeps the CommonJS `require` (import.meta and
// createRequire do not compile there), reported.

import { resolve } from 'node:path';
import type { API, ASTPath, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';
import { hasExportAssignment, isMainCheck, parseFile, readShape, readShapeOf, type ExportShape } from './module-shape.js';
import { dropUseStrict, freeReferences, keepingShebang, lineOf, statement, type AnyNode } from './syntax.js';
import { hasSeparateEsmEntry, resolveTarget, type Language, type Target } from './resolve-specifier.js';

export const parser = 'babel';

type Report = (line: number | undefined, message: string) => void;

interface Context {
  readonly j: JSCodeshift;
  readonly root: Collection;
  readonly file: string;
  readonly repoRoot: string;
  readonly language: Language;
  readonly quote: string;
  readonly report: Report;
  readonly names: Set<string>;
  /** require() calls already reported (not reported again as leftovers). */
  readonly reported: Set<AnyNode>;
  /** Locals already importing a module whole, by form and specifier. */
  readonly locals: Map<string, string>;
}

/** The specifier of `require('x')` (a free `require`, one string argument), else undefined. */
function requiredSpecifier(node: AnyNode | null | undefined, requireCalls: Set<AnyNode>): string | undefined {
  if (node?.type !== 'CallExpression' || !requireCalls.has(node) || node.arguments.length !== 1) return undefined;
  const [argument] = node.arguments as AnyNode[];
  if (argument?.type === 'StringLiteral' || (argument?.type === 'Literal' && typeof argument.value === 'string')) return argument.value as string;
  if (argument?.type === 'TemplateLiteral' && argument.expressions.length === 0) return argument.quasis[0]?.value.cooked as string;
  return undefined;
}

/** A fresh identifier named after the module: `./lib/format-date.js` → `formatDate`. */
function localName(ctx: Context, specifier: string): string {
  const last = specifier.replace(/\/index(\.[cm]?js)?$/, '').split('/').filter((part) => part && part !== '.' && part !== '..').pop() ?? 'module';
  const words = last.replace(/^node:/, '').replace(/\.[a-z]+$/i, '').split(/[^A-Za-z0-9_$]+/).filter(Boolean);
  let base = words.map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('') || 'module';
  if (/^\d/.test(base)) base = `_${base}`;
  let name = base;
  for (let n = 2; ctx.names.has(name); n += 1) name = `${base}${n}`;
  ctx.names.add(name);
  return name;
}

function importSource(ctx: Context, target: Target): string {
  const quoted = `${ctx.quote}${target.specifier}${ctx.quote}`;
  return target.kind === 'relative' && target.json && ctx.language === 'javascript' ? `${quoted} with { type: ${ctx.quote}json${ctx.quote} }` : quoted;
}

/** The import of a whole module's default: `import x from …`; from TypeScript, `import x = require(…)`. */
function defaultImport(ctx: Context, local: string, from: string): string {
  return ctx.language === 'typescript' ? `import ${local} = require(${from});` : `import ${local} from ${from};`;
}

/** How the target can be imported: from its shape, or for builtins/packages/JSON by kind. */
export type Interop = 'default' | 'named' | 'builtin' | { readonly unclear: string };

function interopOf(ctx: Context, target: Target, line: number | undefined): Interop {
  if (target.kind === 'builtin') return 'builtin';
  if (ctx.language === 'typescript') return typescriptInterop(ctx.j, target);
  if (target.kind === 'package') {
    if (hasSeparateEsmEntry(target.manifest)) {
      ctx.report(line, `${target.name} has its own ES module entry: check that its default export is the value require('${target.specifier}') gave`);
    }
    return 'default';
  }
  if (target.kind !== 'relative') return { unclear: `${target.specifier} is not found on disk` };
  if (target.json) return 'default';
  const shape: ExportShape | undefined = readShapeOf(ctx.j, target.file);
  if (!shape) return { unclear: `${target.specifier} could not be read or parsed` };
  if (shape.kind === 'unknown') return { unclear: `${target.specifier}: ${shape.reason}` };
  return shape.kind === 'default' ? 'default' : 'named';
}

/**
 * From TypeScript: a namespace import is what `require` gave only for a module of ES-syntax exports
 * (tsc's `exports.a = …`) or a JavaScript sibling of named shape; anything else (a package, `export =`,
 * JSON, a default-shaped JavaScript sibling) is imported as `import x = require()`, which is exact.
 */
export function typescriptInterop(j: JSCodeshift, target: Target): Interop {
  if (target.kind === 'missing') return { unclear: `${target.specifier} is not found on disk` };
  if (target.kind === 'builtin') return 'builtin';
  if (target.kind !== 'relative' || target.json) return 'default';
  const parsed = parseFile(j, target.file);
  if (!parsed) return { unclear: `${target.specifier} could not be read or parsed` };
  if (hasExportAssignment(parsed)) return 'default';
  // A TypeScript module's ES-syntax exports (`export *` too) are the object tsc's `require` gives.
  if (/\.[cm]?tsx?$/.test(target.file)) return 'named';
  const shape = readShape(j, parsed);
  if (shape.kind === 'unknown') return { unclear: `${target.specifier}: ${shape.reason}` };
  return shape.kind === 'named' ? 'named' : 'default';
}

function namedExports(ctx: Context, target: Target): readonly string[] | undefined {
  if (target.kind !== 'relative' || target.json) return undefined;
  const shape = readShapeOf(ctx.j, target.file);
  return shape?.kind === 'named' ? shape.names : shape?.kind === 'none' ? [] : undefined;
}

/** `{ a, b: c }`: the [imported, local] pairs, or undefined for defaults, rest, nesting. */
function simplePattern(pattern: AnyNode): [string, string][] | undefined {
  const pairs: [string, string][] = [];
  for (const property of pattern.properties as AnyNode[]) {
    if ((property.type !== 'ObjectProperty' && property.type !== 'Property') || property.computed) return undefined;
    if (property.key?.type !== 'Identifier' || property.value?.type !== 'Identifier') return undefined;
    pairs.push([property.key.name, property.value.name]);
  }
  return pairs;
}

const specifierList = (pairs: readonly [string, string][]): string =>
  pairs.map(([imported, local]) => (imported === local ? imported : `${imported} as ${local}`)).join(', ');

/** Statements replacing `<kind> <id> = require(spec)[.member]`, or undefined (left, reported). */
function convertDeclarator(ctx: Context, kind: string, declarator: AnyNode, call: AnyNode, specifier: string, member: string | undefined): AnyNode[] | undefined {
  const line = lineOf(declarator);
  const keep = (reason: string): undefined => {
    ctx.report(line, `require('${specifier}') kept${ctx.language === 'javascript' ? ' through createRequire' : ''}: ${reason}`);
    ctx.reported.add(call);
    return undefined;
  };
  const target = resolveTarget(specifier, ctx.file, ctx.repoRoot, ctx.language);
  const interop = interopOf(ctx, target, line);
  if (target.kind === 'missing') return keep(`${specifier} is not found on disk`);
  if (typeof interop === 'object') return keep(`cannot tell default from named exports (${interop.unclear})`);
  const id = declarator.id as AnyNode;
  const from = importSource(ctx, target);
  const names = namedExports(ctx, target);
  const missing = (wanted: readonly string[]) => (interop === 'named' && names ? wanted.filter((name) => !names.includes(name)) : []);
  /** `import <local> from …` (or `* as`), once per module, then `<kind> <binding> = <local>[.member]`. */
  const via = (form: 'default' | 'namespace', binding: string): AnyNode[] => {
    const key = `${form} ${target.specifier}`;
    const known = ctx.locals.get(key);
    const local = known ?? localName(ctx, target.specifier);
    ctx.locals.set(key, local);
    const declaration = statement(ctx.j, `${kind} ${binding} = ${local}${member ? `.${member}` : ''};`);
    if (known) return [declaration];
    return [statement(ctx.j, form === 'default' ? defaultImport(ctx, local, from) : `import * as ${local} from ${from};`), declaration];
  };
  const viaDefault = (binding: string) => via('default', binding);
  const viaNamespace = (binding: string) => via('namespace', binding);
  const binding = ctx.j(declarator.id).toSource();

  if (member !== undefined) {
    if (id.type !== 'Identifier') return viaDefaultOrNamespace();
    if (interop === 'builtin' || (interop === 'named' && missing([member]).length === 0)) {
      return [statement(ctx.j, `import { ${specifierList([[member, id.name]])} } from ${from};`)];
    }
    return viaDefaultOrNamespace();
  }
  if (id.type === 'Identifier') {
    if (kind !== 'const' && isReassigned(ctx, id.name)) return interop === 'named' ? viaNamespace(binding) : viaDefault(binding);
    const form = interop === 'named' ? 'namespace' : 'default';
    if (!ctx.locals.has(`${form} ${target.specifier}`)) ctx.locals.set(`${form} ${target.specifier}`, id.name);
    return [statement(ctx.j, form === 'namespace' ? `import * as ${id.name} from ${from};` : defaultImport(ctx, id.name, from))];
  }
  if (id.type === 'ObjectPattern') {
    const pairs = simplePattern(id);
    const absent = missing(pairs?.map(([imported]) => imported) ?? []);
    if (absent.length > 0) return keep(`${target.specifier} does not export ${absent.join(', ')}`);
    const locals = pairs?.map(([, local]) => local) ?? [];
    if (pairs && (interop === 'builtin' || interop === 'named') && (kind === 'const' || !locals.some((local) => isReassigned(ctx, local)))) {
      return [statement(ctx.j, `import { ${specifierList(pairs)} } from ${from};`)];
    }
    return viaDefaultOrNamespace();
  }
  return viaDefaultOrNamespace();

  function viaDefaultOrNamespace(): AnyNode[] {
    return interop === 'named' ? viaNamespace(binding) : viaDefault(binding);
  }
}

/**
 * A top-level `global.vary = require('..')` (or `x = require('m').y`): the import a declaration
 * would get, under a local named after what is assigned, then the assignment of that local. The
 * module loads before the file's body, as every converted top-level require does.
 */
function convertAssignment(ctx: Context, node: AnyNode, requireCalls: Set<AnyNode>): AnyNode[] | undefined {
  const expression = node.expression as AnyNode;
  if (expression.type !== 'AssignmentExpression' || expression.operator !== '=') return undefined;
  const right = expression.right as AnyNode;
  const member = right.type === 'MemberExpression' && !right.computed && right.property?.type === 'Identifier' ? (right.property.name as string) : undefined;
  const call = (member ? right.object : right) as AnyNode;
  const specifier = requiredSpecifier(call, requireCalls);
  if (specifier === undefined) return undefined;
  const left = expression.left as AnyNode;
  const named = left.type === 'Identifier' ? (left.name as string) : left.type === 'MemberExpression' && !left.computed ? (left.property?.name as string | undefined) : undefined;
  const local = localName(ctx, named ?? member ?? specifier);
  const declarator = ctx.j.variableDeclarator(ctx.j.identifier(local), right as any) as AnyNode;
  declarator.loc = expression.loc;
  const imports = convertDeclarator(ctx, 'const', declarator, call, specifier, member);
  if (!imports) return undefined;
  expression.right = ctx.j.identifier(local);
  return [...imports, node];
}

function isReassigned(ctx: Context, name: string): boolean {
  const { j, root } = ctx;
  return (
    root.find(j.AssignmentExpression, { left: { type: 'Identifier', name } }).size() > 0 ||
    root.find(j.UpdateExpression, { argument: { type: 'Identifier', name } }).size() > 0
  );
}

/** Replaces `require.main === module` with a check ES modules can make. True when any was found. */
function convertMainChecks(ctx: Context): boolean {
  const { j, root } = ctx;
  const checks = root.find(j.BinaryExpression).filter((path) => isMainCheck(path.node as AnyNode));
  if (checks.size() === 0) return false;
  if (ctx.language === 'typescript') {
    // import.meta does not compile while the package compiles to CommonJS.
    checks.forEach((path) => {
      const node = path.node as AnyNode;
      ctx.report(lineOf(node), 'require.main === module kept: import.meta does not compile under "module": "commonjs"; once the package is NodeNext, use import.meta.filename === realpathSync(process.argv[1])');
      // Its `require.main` is this report's, not a second leftover.
      for (const side of [node.left, node.right] as AnyNode[]) if (side.type === 'MemberExpression') ctx.reported.add(side);
    });
    return false;
  }
  let realpath = 'realpathSync';
  if (ctx.names.has(realpath)) realpath = localName(ctx, 'realpathSync');
  checks.forEach((path) => {
    const operator = (path.node.operator as string).startsWith('!') ? '!==' : '===';
    const replacement = statement(j, `import.meta.filename ${operator} ${realpath}(process.argv[1]);`).expression;
    path.replace(replacement);
  });
  const spec = `${ctx.quote}node:fs${ctx.quote}`;
  addImports(root, [statement(j, `import { ${realpath === 'realpathSync' ? realpath : `realpathSync as ${realpath}`} } from ${spec};`)]);
  return true;
}

/**
 * Puts statements first in the program, after its leading comment: `const require =
 * createRequire(…)` must run before any statement that calls it (imports are hoisted anyway).
 */
function addImports(root: Collection, statements: AnyNode[]): void {
  const body = root.get().node.program.body as AnyNode[];
  if (body[0]) {
    // Keep a file's leading comment (license, description) at the top.
    const first = body[0];
    const comments = first.comments as AnyNode[] | undefined;
    if (comments?.length) {
      first.comments = comments.filter((c) => !c.leading);
      statements[0]!.comments = comments.filter((c) => c.leading);
    }
  }
  body.unshift(...statements);
}

function keepComments(from: AnyNode, to: AnyNode | undefined): void {
  if (to && from.comments?.length) to.comments = [...from.comments, ...(to.comments ?? [])];
}

export default function transform(file: FileInfo, api: API, options: Options = {}): string | undefined {
  if (!/\.jsx?$/.test(file.path)) return undefined;
  return convertRequires(file, api, options, 'javascript');
}

/** The conversion, for a JavaScript file or (from typescript-imports.ts) a TypeScript source. */
export function convertRequires(file: FileInfo, api: API, options: Options, language: Language): string | undefined {
  return keepingShebang(file.source, (source) => convert({ ...file, source }, api, options, language));
}

function convert(file: FileInfo, api: API, options: Options, language: Language): string | undefined {
  const j = api.jscodeshift;
  const root = j(file.source);
  // A file may hold import declarations and requires at once (jest-to-vitest's `import { test }
  // from 'vitest'` above a test's requires; Babel-compiled sources): its requires are converted all
  // the same. Only a local `require` (createRequire's) is not free, and stays.
  const report: Report = (line, message) => (api.report as (leftover: unknown) => void)(line === undefined ? { message } : { line, message });
  const requires = freeReferences(j, root, 'require');
  const shape = readShape(j, root);
  if (requires.length === 0 && shape.kind === 'none') return undefined;
  // A TypeScript source's exports are tsc's to compile (`export *` included): only its requires change.
  if (shape.kind === 'unknown' && language === 'javascript') {
    report(shape.line, `not converted to an ES module: ${shape.reason}; convert its exports by hand, then its requires`);
    return undefined;
  }

  const repoRoot = typeof options['root'] === 'string' ? options['root'] : process.cwd();
  const firstString = root.find(j.StringLiteral).nodes()[0] as AnyNode | undefined;
  const ctx: Context = {
    j,
    root,
    file: resolve(repoRoot, file.path),
    repoRoot,
    language,
    quote: (firstString?.extra?.raw as string | undefined)?.startsWith('"') ? '"' : "'",
    report,
    names: new Set(root.find(j.Identifier).nodes().map((node) => node.name)),
    reported: new Set(),
    locals: new Map(),
  };
  const requireCalls = new Set(requires.map((path) => path.parent.node as AnyNode).filter((node) => node.type === 'CallExpression'));
  const lineOfPath = (path: ASTPath<AnyNode>) => lineOf(path.node);

  const body = root.get().node.program.body as AnyNode[];
  const converted: AnyNode[] = [];
  for (const node of body) {
    const assigned = node.type === 'ExpressionStatement' ? convertAssignment(ctx, node, requireCalls) : undefined;
    if (assigned) {
      keepComments(node, assigned[0]);
      node.comments = undefined; // moved to the import, which now comes first
      converted.push(...assigned);
      continue;
    }
    if (node.type === 'ExpressionStatement') {
      const specifier = requiredSpecifier(node.expression, requireCalls);
      const target = specifier === undefined ? undefined : resolveTarget(specifier, ctx.file, repoRoot, language);
      if (target && target.kind !== 'missing') {
        const replacement = statement(j, `import ${importSource(ctx, target)};`);
        keepComments(node, replacement);
        converted.push(replacement);
        continue;
      }
      if (target) {
        report(lineOf(node), `require('${specifier}') kept${language === 'javascript' ? ' through createRequire' : ''}: ${specifier} is not found on disk`);
        ctx.reported.add(node.expression);
      }
    }
    if (node.type === 'VariableDeclaration') {
      const out: AnyNode[] = [];
      let pending: AnyNode[] = [];
      let replaced = false;
      const flush = () => {
        if (pending.length > 0) out.push(j.variableDeclaration(node.kind, pending as any) as AnyNode);
        pending = [];
      };
      for (const declarator of node.declarations as AnyNode[]) {
        const init = declarator.init as AnyNode | null;
        const member = init?.type === 'MemberExpression' && !init.computed && init.property?.type === 'Identifier' ? (init.property.name as string) : undefined;
        const call = (member ? init?.object : init) as AnyNode | null;
        const specifier = requiredSpecifier(call, requireCalls);
        const replacement = specifier === undefined ? undefined : convertDeclarator(ctx, node.kind, declarator, call!, specifier, member);
        if (!replacement) {
          pending.push(declarator);
          continue;
        }
        flush();
        out.push(...replacement);
        replaced = true;
      }
      flush();
      if (replaced) {
        keepComments(node, out[0]);
        converted.push(...out);
        continue;
      }
    }
    converted.push(node);
  }
  body.splice(0, body.length, ...converted);

  convertMainChecks(ctx);

  // What is left reads the free `require`: give the module one.
  const left = freeReferences(j, root, 'require');
  if (left.length > 0 && language === 'typescript') {
    // Compiled to CommonJS, the file has its require; createRequire(import.meta.url) would not compile.
    for (const path of left) {
      if (!ctx.reported.has(path.parent?.node)) report(lineOfPath(path), `${leftoverMessage(path).replace(/ kept through createRequire/, ' kept')}; under NodeNext an ES module has no require: use createRequire(import.meta.url) then`);
    }
  } else if (left.length > 0) {
    for (const path of left) {
      if (!ctx.reported.has(path.parent?.node)) report(lineOfPath(path), leftoverMessage(path));
    }
    const create = ctx.names.has('createRequire') ? localName(ctx, 'createRequire') : 'createRequire';
    const spec = `${ctx.quote}node:module${ctx.quote}`;
    const imported = create === 'createRequire' ? create : `createRequire as ${create}`;
    addImports(root, [statement(j, `import { ${imported} } from ${spec};`), statement(j, `const require = ${create}(import.meta.url);`)]);
  }
  dropUseStrict(root);
  const output = root.toSource();
  return output === file.source ? undefined : output;
}

function leftoverMessage(path: ASTPath<AnyNode>): string {
  const parent = path.parent?.node as AnyNode | undefined;
  if (parent?.type === 'MemberExpression' && parent.object === path.node && !parent.computed) {
    const property = parent.property?.name as string | undefined;
    if (property === 'resolve') return 'require.resolve kept through createRequire (import.meta.resolve would give a file: URL, not a path)';
    if (property === 'cache') return 'require.cache kept through createRequire: it holds CommonJS modules only, not ES modules';
    return `require.${property ?? '?'} kept through createRequire: check it still means the same in an ES module`;
  }
  if (parent?.type === 'CallExpression' && parent.callee === path.node) {
    const [argument] = parent.arguments as AnyNode[];
    const literal = argument?.type === 'StringLiteral' || argument?.type === 'Literal';
    return literal
      ? `require('${String(argument.value)}') kept through createRequire: not a top-level declaration; an import (or await import()) there would change when it loads`
      : 'require() of a computed specifier kept through createRequire; use await import() if it should load as an ES module';
  }
  return 'require used as a value kept through createRequire';
}
