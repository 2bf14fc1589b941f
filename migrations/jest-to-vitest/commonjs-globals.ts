// ts-morph finish transform: in a project whose TypeScript reads its TS files as CommonJS under a
// module mode that refuses require() of ESM (commonjs-typed.ts), every `import … from 'vitest'` in
// those files brings TS1479 into the type check, reported in Vitest's own vitest/index.d.cts:
// a diagnostic the Jest baseline never had (commander's land). Once Jest is gone the tests can
// take Vitest's API from its globals instead, which TypeScript resolves as ESM:
// - the value imports of names `vitest/globals` declares (describe, it, vi, the hooks, chai, …)
//   leave those files; a type-only name stays as `import type … with { 'resolution-mode': 'import' }`
//   (TypeScript 5.3 on allows that attribute on type-only imports in every module mode);
// - tsconfig `types` get "vitest/globals" where "jest" was (tsconfig-types.ts, after this one,
//   removes the Jest entries); a file whose tsconfig names no Jest types gets a reference directive;
// - the Vitest config gets `test.globals: true`. The compat setup file is one of those files: its
//   import of `{ chai, vi }` goes like any other (it is @ts-nocheck, and Vitest puts `vi` back
//   as an import when a vi.mock there is hoisted).
// What cannot go without a guess (an alias, a namespace import, a value Vitest has no global for)
// stays and is reported. Before finish nothing of this is possible: while @types/jest is installed
// its globals clash with vitest/globals', and run-tests.mjs gives Jest the files that import nothing.

import * as semver from 'semver';
import { Node, ts, type ImportDeclaration, type SourceFile } from 'ts-morph';
import { readTypeCheck, tsconfigAt, packageFormat, refusesRequireOfEsm, type ReadFile } from './commonjs-typed.js';
import { textOf } from './jest-config-source.js';
import type { TsMorphContext } from './ts-morph-context.js';
import { JEST_TYPES } from './tsconfig-types.js';
import type { JsonValue } from './jest-config.js';
import { projectFacts } from './versions.js';
import { configObject } from './vite-config.js';

/** The names Vitest 4 makes global with `globals: true` (and vitest/globals declares). */
export const VITEST_GLOBALS = new Set(['suite', 'test', 'describe', 'it', 'chai', 'expect', 'assert', 'expectTypeOf', 'assertType', 'vitest', 'vi', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach', 'onTestFailed', 'onTestFinished', 'aroundEach', 'aroundAll']);

const TS_FILE = /\.(?:tsx?|cts)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;
const TSCONFIG = /(^|\/)tsconfig[^/]*\.json$/;
/** The config files Vitest looks for in the project's root, in its order (as run-tests.mjs). */
const VITEST_CONFIGS = ['vitest.config', 'vite.config'].flatMap((name) => ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'].map((ext) => `${name}${ext}`));
const IMPORTS_VITEST = /\bfrom\s*['"]vitest['"]/;
const REFERENCE = '/// <reference types="vitest/globals" />';
/** TypeScript accepts `resolution-mode` on type-only imports in every module mode from this version. */
const TYPE_IMPORT_ATTRIBUTES = '5.3.0';

interface Plan {
  /** TS files whose vitest import is charged: the ones this transform rewrites. */
  readonly charged: ReadonlySet<string>;
  readonly typescript: string | undefined;
  readonly read: ReadFile;
}

const plans = new WeakMap<object, Plan>();

/** The project's TypeScript as setup read it (versions.ts: the lockfile's, else the lowest its range allows). */
function typescriptVersion(read: ReadFile, files: readonly string[]): string | undefined {
  let pkg: Record<string, JsonValue>;
  try {
    pkg = JSON.parse(read('package.json') ?? '{}') as Record<string, JsonValue>;
  } catch {
    return undefined;
  }
  return projectFacts(pkg, read, files).typescript?.version;
}

function planOf(ctx: TsMorphContext): Plan {
  const known = plans.get(ctx.project);
  if (known) return known;
  const files = new Set(ctx.files);
  const read: ReadFile = (path) => (files.has(path) ? textOf(ctx, path) : undefined);
  const typescript = typescriptVersion(read, ctx.files);
  const charged = new Set(
    ctx.files.filter((file) => TS_FILE.test(file) && !DECLARATION_FILE.test(file) && IMPORTS_VITEST.test(read(file) ?? '') && readTypeCheck(file, read, typescript).charged),
  );
  const plan = { charged, typescript, read };
  plans.set(ctx.project, plan);
  return plan;
}

/** Whether every use of `name` in the file is in a type position (`Mock`, `typeof fn`). */
function usedOnlyAsType(sourceFile: SourceFile, name: string, declaration: ImportDeclaration): boolean {
  for (const node of sourceFile.getDescendants()) {
    if (!Node.isIdentifier(node) || node.getText() !== name || node.getFirstAncestor((a) => a === declaration)) continue;
    if (!node.getFirstAncestor((a) => Node.isTypeNode(a))) return false;
  }
  return true;
}

interface Rewrite {
  readonly text: string;
  readonly removed: number;
  readonly problems: readonly string[];
}

/** The file with its vitest value imports of global names gone, its type-only ones marked ESM. */
export function rewriteVitestImports(sourceFile: SourceFile, text: string, typeAttributes: boolean): Rewrite {
  const edits: { start: number; end: number; text: string }[] = [];
  const problems: string[] = [];
  let removed = 0;
  for (const declaration of sourceFile.getImportDeclarations()) {
    if (declaration.getModuleSpecifierValue() !== 'vitest') continue;
    const line = declaration.getStartLineNumber();
    const attributes = declaration.getAttributes()?.getText() ?? '';
    if (declaration.isTypeOnly() && /resolution-mode['"]?\s*:\s*['"]import['"]/.test(attributes)) continue;
    if (declaration.getDefaultImport() || declaration.getNamespaceImport() || !declaration.getImportClause()) {
      problems.push(`line ${line}: \`${declaration.getText()}\` stays: only named imports are rewritten`);
      continue;
    }
    const types: string[] = [];
    const values: string[] = [];
    let globals = 0;
    for (const specifier of declaration.getNamedImports()) {
      const name = specifier.getName();
      const local = specifier.getAliasNode()?.getText() ?? name;
      const printed = local === name ? name : `${name} as ${local}`;
      if (declaration.isTypeOnly() || specifier.isTypeOnly()) types.push(printed);
      else if (VITEST_GLOBALS.has(name) && local === name) globals++;
      else if (usedOnlyAsType(sourceFile, local, declaration)) types.push(printed);
      else values.push(printed);
    }
    if (values.length > 0) {
      problems.push(`line ${line}: no global of Vitest goes by the name of ${values.join(', ')}: the import stays`);
      continue;
    }
    if (types.length > 0 && !typeAttributes) {
      problems.push(`line ${line}: type-only imports (${types.join(', ')}) stay charged: \`resolution-mode\` on them needs TypeScript 5.3`);
    }
    const quote = declaration.getModuleSpecifier().getText()[0] ?? "'";
    const start = declaration.getStart();
    let end = declaration.getEnd();
    let replacement: string;
    if (types.length === 0) {
      end += /^[ \t]*\r?\n/.exec(text.slice(end))?.[0].length ?? 0;
      replacement = '';
    } else if (typeAttributes) {
      replacement = `import type { ${types.join(', ')} } from ${quote}vitest${quote} with { ${quote}resolution-mode${quote}: ${quote}import${quote} };`;
    } else {
      replacement = `import type { ${types.join(', ')} } from ${quote}vitest${quote};`;
    }
    if (text.slice(start, end) === replacement) continue;
    edits.push({ start, end, text: replacement });
    removed += globals;
  }
  let result = text;
  for (const edit of edits.reverse()) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return { text: result, removed, problems };
}

function jestTypesIn(types: readonly string[] | undefined): boolean {
  return types?.some((name) => JEST_TYPES.has(name)) ?? false;
}

function rewriteTestFile(sourceFile: SourceFile, ctx: TsMorphContext, plan: Plan): string | undefined {
  const version = plan.typescript === undefined ? null : semver.coerce(plan.typescript);
  const typeAttributes = version === null || !semver.lt(version, TYPE_IMPORT_ATTRIBUTES);
  const { text, removed, problems } = rewriteVitestImports(sourceFile, ctx.text, typeAttributes);
  for (const problem of problems) ctx.report({ message: `TypeScript reads this file as CommonJS, where an import of 'vitest' costs the type check TS1479 (vitest/index.d.cts): ${problem}` });
  if (text === ctx.text) return undefined;
  const types = readTypeCheck(ctx.path, plan.read, plan.typescript).tsconfig?.types;
  const declared = jestTypesIn(types) || (types?.includes('vitest/globals') ?? false);
  if (removed === 0 || declared || text.includes(REFERENCE)) return text;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  return `${REFERENCE}${newline}${text}`;
}

/** "vitest/globals" in place of the first Jest entry of the tsconfig's own `types`. */
function rewriteTsconfig(ctx: TsMorphContext, plan: Plan): string | undefined {
  const settings = tsconfigAt(ctx.path, plan.read);
  const dir = ctx.path.includes('/') ? ctx.path.slice(0, ctx.path.lastIndexOf('/') + 1) : '';
  if (!settings || settings.skipLibCheck === true || !refusesRequireOfEsm(settings.module, plan.typescript) || packageFormat(`${dir}x.ts`, plan.read) !== 'commonjs') return undefined;
  const json = ts.parseJsonText(ctx.path, ctx.text);
  const root = json.statements[0]?.expression;
  const property = (object: ts.ObjectLiteralExpression, name: string) =>
    object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isStringLiteral(p.name) && p.name.text === name);
  if (!root || !ts.isObjectLiteralExpression(root)) return undefined;
  const options = property(root, 'compilerOptions')?.initializer;
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  const types = property(options, 'types')?.initializer;
  if (!types || !ts.isArrayLiteralExpression(types)) return undefined;
  const strings = types.elements.filter(ts.isStringLiteral);
  if (strings.some((e) => e.text === 'vitest/globals')) return undefined;
  const jest = strings.find((e) => JEST_TYPES.has(e.text));
  if (!jest) return undefined;
  return `${ctx.text.slice(0, jest.getStart(json))}"vitest/globals"${ctx.text.slice(jest.end)}`;
}

/** `globals: true` in the config's `test` block. */
function rewriteConfig(sourceFile: SourceFile, ctx: TsMorphContext): string | undefined {
  const test = configObject(sourceFile)?.getProperty('test');
  let block: Node | undefined = test && Node.isPropertyAssignment(test) ? test.getInitializer() : undefined;
  // Still wrapped by setup's runner split (finish-configs.ts unwraps it before this runs).
  if (block && Node.isCallExpression(block)) block = block.getArguments()[0];
  if (!block || !Node.isObjectLiteralExpression(block)) {
    ctx.report({ message: 'the tests now take describe, it, expect and vi from Vitest\'s globals: set `test.globals: true` in this config by hand' });
    return undefined;
  }
  const text = ctx.text;
  const globals = block.getProperty('globals');
  if (globals && Node.isPropertyAssignment(globals)) {
    const value = globals.getInitializerOrThrow();
    return value.getText() === 'true' ? undefined : text.slice(0, value.getStart()) + 'true' + text.slice(value.getEnd());
  }
  const first = block.getProperties()[0];
  if (!first) return text.slice(0, block.getStart()) + '{ globals: true }' + text.slice(block.getEnd());
  const indent = /[ \t]*$/.exec(text.slice(0, first.getStart()))?.[0] ?? '';
  const separator = text.slice(block.getStart() + 1, first.getStart()).includes('\n') ? `\n${indent}` : ' ';
  return text.slice(0, first.getStart()) + `globals: true,${separator}` + text.slice(first.getStart());
}

export default function transform(sourceFile: SourceFile, ctx: TsMorphContext): string | undefined {
  const plan = planOf(ctx);
  if (plan.charged.size === 0) return undefined;
  if (plan.charged.has(ctx.path)) return rewriteTestFile(sourceFile, ctx, plan);
  if (TSCONFIG.test(ctx.path)) return rewriteTsconfig(ctx, plan);
  if (ctx.path === VITEST_CONFIGS.find((name) => ctx.files.includes(name))) return rewriteConfig(sourceFile, ctx);
  return undefined;
}
