// ts-morph setup transform for the root tsconfig*.json: the files setup creates at the root
// (vitest.config.mts, vitest.jest-compat.ts, vitest.jest-global-teardown.ts, the runner split
// helper, a moved jest.config.cjs) go into `exclude` when the compile would take them in and either
// its `rootDir` does not hold them (tsc stops on TS6059 and the project's own build breaks:
// ts-express-supertest, `rootDir: "./src"`) or it already excludes the project's Jest config (the
// project keeps its test tooling out of the compile). Without an `exclude` one is written with what
// TypeScript excluded by default (node_modules, bower_components, jspm_packages, outDir,
// declarationDir): a written `exclude` replaces that list. Only the array (or the new property) is
// inserted: comments and layout stay. jsonc-parser is not among codemigrate's dependencies;
// TypeScript's own JSON parser (as in tsconfig-types.ts) gives the positions an insertion needs.

import { ts, type SourceFile } from 'ts-morph';
import type { TsMorphContext } from './ts-morph-context.js';
import { forWorkspacePackages } from './workspace-packages.js';
import { SPLIT_FILE, SPLIT_TYPES_FILE } from './runner-split.js';
import { COMPAT_FILE, TEARDOWN_FILE } from './vitest-settings.js';
import { JEST_CONFIG_FILE } from './jest-config-source.js';

/** Every root file the setup step may create (package-json.ts, runner-split.ts, vitest-settings.ts). */
export const CREATED_FILES = ['vitest.config.ts', 'vitest.config.mts', `${COMPAT_FILE}.ts`, `${COMPAT_FILE}.js`, `${TEARDOWN_FILE}.ts`, `${TEARDOWN_FILE}.js`, SPLIT_FILE, SPLIT_TYPES_FILE, 'jest.config.cjs'] as const;

const DEFAULT_EXCLUDE = ['node_modules', 'bower_components', 'jspm_packages'] as const;

interface Config {
  readonly files?: readonly string[];
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  readonly rootDir?: string;
  readonly outDir?: string;
  readonly declarationDir?: string;
  readonly allowJs: boolean;
}

export function property(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  return object.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isStringLiteral(p.name) && p.name.text === name);
}

function strings(node: ts.Expression | undefined): string[] | undefined {
  if (node === undefined || !ts.isArrayLiteralExpression(node)) return undefined;
  const out = node.elements.map((e) => (ts.isStringLiteral(e) ? e.text : undefined));
  return out.every((e) => e !== undefined) ? out : undefined;
}

export function readConfig(root: ts.ObjectLiteralExpression): Config | undefined {
  const options = property(root, 'compilerOptions')?.initializer;
  const compiler = options !== undefined && ts.isObjectLiteralExpression(options) ? options : undefined;
  const option = (name: string) => (compiler === undefined ? undefined : property(compiler, name)?.initializer);
  const text = (name: string) => {
    const value = option(name);
    return value !== undefined && ts.isStringLiteral(value) ? value.text : undefined;
  };
  const fields: Record<string, string[] | undefined> = {};
  for (const name of ['files', 'include', 'exclude']) {
    const value = property(root, name)?.initializer;
    // A field that is there but not a list of strings is not read: nothing is decided on a guess.
    if (value !== undefined && strings(value) === undefined) return undefined;
    fields[name] = strings(value);
  }
  const rootDir = text('rootDir');
  const outDir = text('outDir');
  const declarationDir = text('declarationDir');
  return {
    ...(fields['files'] && { files: fields['files'] }),
    ...(fields['include'] && { include: fields['include'] }),
    ...(fields['exclude'] && { exclude: fields['exclude'] }),
    ...(rootDir !== undefined && { rootDir }),
    ...(outDir !== undefined && { outDir }),
    ...(declarationDir !== undefined && { declarationDir }),
    // checkJs takes .js files in as allowJs does.
    allowJs: [option('allowJs'), option('checkJs')].some((value) => value?.kind === ts.SyntaxKind.TrueKeyword),
  };
}

const normalise = (path: string) => path.trim().replace(/^\.\//, '').replace(/\/+$/, '');

/** A tsconfig include/exclude spec as a regexp; `exclude` specs also take everything under them. */
export function specPattern(spec: string, usage: 'include' | 'exclude'): RegExp {
  const parts = normalise(spec).split('/').filter((part) => part !== '' && part !== '.');
  const last = parts[parts.length - 1] ?? '';
  // An include spec whose last part has neither a wildcard nor an extension names a directory.
  if (usage === 'include' && !/[*?]|\./.test(last)) parts.push('**', '*');
  const body = parts
    .map((part, index) => {
      const end = index === parts.length - 1 ? '' : '/';
      if (part === '**') return '(?:[^/]+/)*';
      return part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + end;
    })
    .join('');
  return new RegExp(`^${body}${usage === 'exclude' ? '(?:$|/)' : '$'}`);
}

/** Whether the compile this config describes takes in `path` (repo root = the tsconfig's folder). */
export function compiles(config: Config, path: string): boolean {
  if (!/\.(?:d\.)?[cm]?tsx?$/.test(path) && !(config.allowJs && /\.[cm]?jsx?$/.test(path))) return false;
  if (config.files !== undefined && config.include === undefined) return config.files.some((file) => normalise(file) === path);
  const include = config.include ?? ['**/*'];
  const exclude = config.exclude ?? defaultExclude(config);
  return include.some((spec) => specPattern(spec, 'include').test(path)) && !exclude.some((spec) => specPattern(spec, 'exclude').test(path));
}

function defaultExclude(config: Config): string[] {
  return [...DEFAULT_EXCLUDE, ...[config.outDir, config.declarationDir].filter((dir): dir is string => dir !== undefined)];
}

/** Declaration files have no output, so `rootDir` does not have to hold them. */
function outsideRootDir(config: Config, path: string): boolean {
  if (config.rootDir === undefined || /\.d\.[cm]?ts$/.test(path)) return false;
  const dir = normalise(config.rootDir);
  return dir !== '' && dir !== '.' && !path.startsWith(`${dir}/`);
}

/** Also each workspace package's own, in its folder (workspace-packages.ts). */
export default forWorkspacePackages(transform);

function transform(_sourceFile: SourceFile, ctx: TsMorphContext): string | undefined {
  if (!/^tsconfig[^/]*\.json$/.test(ctx.path)) return undefined;
  const json = ts.parseJsonText(ctx.path, ctx.text);
  const root = json.statements[0]?.expression;
  if (!root || !ts.isObjectLiteralExpression(root)) return undefined;
  const config = readConfig(root);
  if (config === undefined) return undefined;
  const created = CREATED_FILES.filter((file) => ctx.files.includes(file) && compiles(config, file));
  if (created.length === 0) return undefined;
  const jestConfigs = ctx.files.filter((file) => JEST_CONFIG_FILE.test(file) && !(CREATED_FILES as readonly string[]).includes(file));
  const keepsToolingOut = config.exclude !== undefined && jestConfigs.some((file) => config.exclude!.some((spec) => specPattern(spec, 'exclude').test(file)));
  if (!keepsToolingOut && !created.some((file) => outsideRootDir(config, file))) return undefined;
  if (property(root, 'extends') !== undefined && config.exclude === undefined) {
    // A written `exclude` would replace the one the extended config gives, which is not read here.
    const why = keepsToolingOut ? 'which keeps the Jest config out' : `outside its rootDir ${config.rootDir}`;
    ctx.report({ message: `${ctx.path}: ${created.join(', ')} would be compiled with the project, ${why}; add ${created.length === 1 ? 'it' : 'them'} to "exclude" (this tsconfig extends another, whose exclude a new one would replace)` });
    return undefined;
  }
  const exclude = property(root, 'exclude');
  if (exclude !== undefined) return appendToArray(ctx.text, json, exclude.initializer as ts.ArrayLiteralExpression, created);
  return addProperty(ctx.text, json, root, 'exclude', [...defaultExclude(config), ...created]);
}

function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function appendToArray(text: string, json: ts.JsonSourceFile, array: ts.ArrayLiteralExpression, added: readonly string[]): string {
  const elements = array.elements;
  const closeAt = array.end - 1;
  const last = elements[elements.length - 1];
  if (last === undefined) return text.slice(0, closeAt) + added.map((a) => JSON.stringify(a)).join(', ') + text.slice(closeAt);
  const multiline = text.slice(array.getStart(json), array.end).includes('\n');
  const lineStart = text.lastIndexOf('\n', last.getStart(json)) + 1;
  const indent = multiline ? (/^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '') : '';
  const separator = multiline ? `,${newlineOf(text)}${indent}` : ', ';
  const items = added.map((a) => JSON.stringify(a)).join(separator);
  // Right after the last element: a trailing comma or a comment that followed it now follows the new ones.
  return text.slice(0, last.end) + separator + items + text.slice(last.end);
}

function addProperty(text: string, json: ts.JsonSourceFile, root: ts.ObjectLiteralExpression, name: string, values: readonly string[]): string {
  return addJsonProperty(text, json, root, name, `[${values.map((v) => JSON.stringify(v)).join(', ')}]`);
}

/** `object` with `"name": value` (printed JSON) after its last property, in the layout and with the comments it has. */
export function addJsonProperty(text: string, json: ts.JsonSourceFile, root: ts.ObjectLiteralExpression, name: string, value: string): string {
  const newline = newlineOf(text);
  const last = root.properties[root.properties.length - 1];
  const printed = `${JSON.stringify(name)}: ${value}`;
  if (last === undefined) return `${text.slice(0, root.end - 1)}${newline}  ${printed}${newline}${text.slice(root.end - 1)}`;
  if (!text.slice(root.getStart(json), root.end).includes('\n')) return `${text.slice(0, last.end)}, ${printed}${text.slice(last.end)}`;
  const lineStart = text.lastIndexOf('\n', last.getStart(json)) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '  ';
  // The new property goes on its own line after the last one (and after a comment ending that line).
  const lineEnd = text.indexOf('\n', last.end);
  const restOfLine = text.slice(last.end, lineEnd < 0 ? root.end - 1 : lineEnd);
  const insertAt = /^\s*(?:,\s*)?(?:\/\/[^\n]*|\/\*.*?\*\/\s*)?\r?$/.test(restOfLine) && lineEnd >= 0 ? lineEnd : undefined;
  const comma = root.properties.hasTrailingComma ? '' : ',';
  if (insertAt === undefined) return `${text.slice(0, last.end)}${comma}${newline}${indent}${printed}${text.slice(last.end)}`;
  const at = text[insertAt - 1] === '\r' ? insertAt - 1 : insertAt;
  const trailing = root.properties.hasTrailingComma ? ',' : '';
  return `${text.slice(0, last.end)}${comma}${text.slice(last.end, at)}${newline}${indent}${printed}${trailing}${text.slice(at)}`;
}
