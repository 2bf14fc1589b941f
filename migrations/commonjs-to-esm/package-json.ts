// ts-morph transform for package.json, in two phases (options.phase):
//   setup  — removes "type": "commonjs" (which turns Node's module syntax detection off; a typeless
//            package still loads its .js files as CommonJS), and reports an engines.node that admits Node older than 20.19, which the
//            half-converted package needs (ES module syntax detected in a typeless package's .js
//            files, require() of ES modules) and older than 20.11 (import.meta.dirname).
//            Tests run by Jest with no Babel config stop the run here (see jestWithoutTransform).
//            A TypeScript package whose tests Jest runs gets the moduleNameMapper that lets Jest
//            follow typescript-imports' `./util.js` to util.ts (`jest` in package.json; a Jest
//            config file without it stops the run), and one run by ts-node stops unless ts-node's
//            experimentalResolver is on (see typescriptRunners).
//   finish — once every file is an ES module: "type": "module" (replacing "commonjs"), and when
//            there is a "main" and no "exports", "exports": { ".": "./<main>" }, the main file
//            found as Node finds it (`lib/cron` → `./lib/cron.js`). "main" stays for tools and
//            old consumers that read it.
// Text is spliced at positions from TypeScript's JSON parser: key order, indentation and the
// final newline stay as they were.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ts, type SourceFile } from 'ts-morph';
import { resolveTarget } from './resolve-specifier.js';

interface Context {
  readonly path: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly report: (leftover: { line?: number; message: string; stop?: boolean }) => void;
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

const BABEL_CONFIGS = ['babel.config.js', 'babel.config.cjs', 'babel.config.mjs', 'babel.config.json', '.babelrc', '.babelrc.js', '.babelrc.cjs', '.babelrc.json'];

/**
 * True when Jest runs the tests and nothing would let it load ES module syntax from a typeless
 * .js file: Jest's own module loader does not detect syntax as Node does, its ESM mode needs
 * "type": "module" (which comes at finish), and without a Babel config babel-jest leaves
 * `import` as it is. Every step whose files Jest loads would fail its tests for that alone.
 */
function jestWithoutTransform(root: ts.ObjectLiteralExpression, json: ts.JsonSourceFile, dir: string): boolean {
  const text = (name: string) => {
    const value = property(root, name)?.initializer;
    return value ? value.getText(json) : '';
  };
  const runsJest = /\bjest\b/.test(text('scripts')) || /"jest"\s*:/.test(text('devDependencies'));
  if (!runsJest) return false;
  const jestConfig = property(root, 'jest')?.initializer;
  if (property(root, 'babel') || (jestConfig && /"(transform|preset)"\s*:/.test(jestConfig.getText(json)))) return false;
  const jestFiles = ['jest.config.js', 'jest.config.cjs', 'jest.config.mjs', 'jest.config.json', 'jest.config.ts'];
  if (jestFiles.some((file) => existsSync(join(dir, file)))) return false; // its own transform or ESM settings may be there
  return !BABEL_CONFIGS.some((file) => existsSync(join(dir, file)));
}

/**
 * `"main": "lib/cron"` → `./lib/cron.js`: the file Node loads for it, or undefined when none. A
 * main with its extension is taken as written: it may be built output that git does not hold.
 */
function mainFile(main: string, dir: string): string | undefined {
  if (/\.[cm]?js$/.test(main)) return `./${main.replace(/^\.\//, '')}`;
  const target = resolveTarget(`./${main.replace(/^\.\//, '')}`, join(dir, 'package.json'), dir);
  return target.kind === 'relative' && /\.[cm]?js$/.test(target.specifier) ? target.specifier : undefined;
}

/** Maps a relative `./x.js` back to `./x` for Jest's resolver, which does not try `.ts` for `.js`. */
export const JEST_JS_MAPPER: readonly [string, string] = ['^(\\.{1,2}/.*)\\.js$', '$1'];
const JEST_CONFIG_FILES = ['jest.config.js', 'jest.config.cjs', 'jest.config.mjs', 'jest.config.json', 'jest.config.ts', 'jest.config.cts', 'jest.config.mts'];
/**
 * A mapping that already strips `.js` (ours, or a project's own: `'^(\\.{1,2}/.*)\\.js$': '$1'`): a
 * `.js$` key mapped to `$1`, which a `transform` entry (`'^.+\\.js$': 'babel-jest'`) is not.
 */
const HAS_JS_MAPPER = /\.js\$['"`]\s*:\s*['"`]\$1['"`]/;

interface Splice {
  readonly at: number;
  readonly end: number;
  readonly insert: string;
}

const dependsOn = (root: ts.ObjectLiteralExpression, name: string): boolean =>
  ['dependencies', 'devDependencies'].some((field) => {
    const value = property(root, field)?.initializer;
    return value !== undefined && ts.isObjectLiteralExpression(value) && property(value, name) !== undefined;
  });

/**
 * What the test runners of a TypeScript package need to follow `./util.js` to util.ts while the
 * package still compiles to CommonJS: tsc and Vitest (Vite) do it themselves; Jest's resolver needs
 * a moduleNameMapper (added to package.json's `jest`, else the run stops); ts-node needs its
 * experimentalResolver (10.8+), else the run stops. Returns the splices, or a stop report.
 */
function typescriptRunners(root: ts.ObjectLiteralExpression, json: ts.JsonSourceFile, dir: string, newline: string): { splices: Splice[] } | { stop: string } {
  if (!dependsOn(root, 'typescript')) return { splices: [] };
  const scripts = property(root, 'scripts')?.initializer.getText(json) ?? '';
  const runsJest = /\bjest\b/.test(scripts) || dependsOn(root, 'jest');
  const splices: Splice[] = [];
  const usesTsNode = /\bts-node\b/.test(scripts) || ['.mocharc.json', '.mocharc.js', '.mocharc.cjs', '.mocharc.yml', '.mocharc.yaml'].some((file) => existsSync(join(dir, file)) && /ts-node/.test(readFileSync(join(dir, file), 'utf8')));
  if (usesTsNode) {
    const tsconfig = join(dir, 'tsconfig.json');
    const resolver = existsSync(tsconfig) && /"experimentalResolver"\s*:\s*true/.test(readFileSync(tsconfig, 'utf8'));
    if (!resolver) {
      return {
        stop: 'the tests run TypeScript through ts-node, whose CommonJS resolver does not map `./util.js` to util.ts unless its experimentalResolver is on: every step would fail its tests for that alone. Nothing was changed: add "ts-node": { "experimentalResolver": true } to tsconfig.json (ts-node 10.8 or later), or run the tests with tsx, then run again',
      };
    }
  }
  if (!runsJest) return { splices };
  const key = JSON.stringify(JEST_JS_MAPPER[0]);
  const value = JSON.stringify(JEST_JS_MAPPER[1]);
  const jest = property(root, 'jest')?.initializer;
  if (jest && ts.isObjectLiteralExpression(jest)) {
    const mapper = property(jest, 'moduleNameMapper')?.initializer;
    if (mapper && HAS_JS_MAPPER.test(mapper.getText(json))) return { splices };
    if (mapper && ts.isObjectLiteralExpression(mapper)) {
      const last = mapper.properties[mapper.properties.length - 1];
      if (last) splices.push({ at: last.end, end: last.end, insert: `,${newline}${indentAt(json.text, last.getStart(json))}${key}: ${value}` });
      else splices.push({ at: mapper.getStart(json), end: mapper.end, insert: `{ ${key}: ${value} }` });
      return { splices };
    }
    const last = jest.properties[jest.properties.length - 1];
    if (last) splices.push({ at: last.end, end: last.end, insert: `,${newline}${indentAt(json.text, last.getStart(json))}"moduleNameMapper": { ${key}: ${value} }` });
    else splices.push({ at: jest.getStart(json), end: jest.end, insert: `{ "moduleNameMapper": { ${key}: ${value} } }` });
    return { splices };
  }
  const configFile = JEST_CONFIG_FILES.find((file) => existsSync(join(dir, file)));
  if (configFile) {
    if (HAS_JS_MAPPER.test(readFileSync(join(dir, configFile), 'utf8'))) return { splices };
    return {
      stop: `the tests run with Jest, whose resolver does not map the \`./util.js\` specifiers TypeScript sources get to util.ts: every step would fail its tests for that alone. Nothing was changed: add moduleNameMapper: { '^(\\\\.{1,2}/.*)\\\\.js$': '$1' } to ${configFile}, then run again`,
    };
  }
  const last = root.properties[root.properties.length - 1];
  if (last) splices.push({ at: last.end, end: last.end, insert: `,${newline}${indentAt(json.text, last.getStart(json))}"jest": { "moduleNameMapper": { ${key}: ${value} } }` });
  return { splices };
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
  // The repository's root is the working directory codemods run in (`root` in fixture tests).
  const dir = dirname(join(typeof ctx.options['root'] === 'string' ? ctx.options['root'] : process.cwd(), ctx.path));
  if (ctx.options['phase'] !== 'finish') {
    if (jestWithoutTransform(root, json, dir)) {
      ctx.report({
        message:
          'the tests run with Jest, which cannot load ES module syntax from a .js file of a package without "type": "module" unless a transform (Babel) compiles it: every step would fail its tests for that alone. Nothing was changed: move the tests to Vitest first (codemigrate run jest-to-vitest), or give Jest a Babel config (@babel/preset-env) and run again',
        stop: true,
      });
      return undefined;
    }
    const newline = text.includes('\r\n') ? '\r\n' : '\n';
    const runners = typescriptRunners(root, json, dir, newline);
    if ('stop' in runners) {
      ctx.report({ message: runners.stop, stop: true });
      return undefined;
    }
    reportOldEngines(root, json, ctx);
    const splices = [...runners.splices];
    // "type": "commonjs" turns syntax detection off; typeless, .js files still load as CommonJS
    // until they hold ES module syntax.
    const type = property(root, 'type');
    if (type && ts.isStringLiteral(type.initializer) && type.initializer.text === 'commonjs') {
      const index = root.properties.indexOf(type);
      const next = root.properties[index + 1];
      const previous = root.properties[index - 1];
      if (next) splices.push({ at: type.getStart(json), end: next.getStart(json), insert: '' });
      else if (previous) splices.push({ at: previous.end, end: type.end, insert: '' });
      else splices.push({ at: type.getStart(json), end: type.end + (/^\s*/.exec(text.slice(type.end))?.[0].length ?? 0), insert: '' });
    }
    if (splices.length === 0) return undefined;
    let out = text;
    for (const splice of splices.sort((a, b) => b.at - a.at)) out = out.slice(0, splice.at) + splice.insert + out.slice(splice.end);
    return out;
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
      const target = mainFile(main.initializer.text, dir);
      if (!target) ctx.report({ line: lineOf(main), message: `"main" (${main.initializer.text}) names no .js file Node finds: "exports" needs the file's full path; add it by hand` });
      else insert += `,${newline}${indent}"exports": {${newline}${indent}${indent}".": ${JSON.stringify(target)}${newline}${indent}}`;
    }
  }
  if (insert) edits.push({ at: anchor.end, end: anchor.end, insert });
  if (edits.length === 0) return undefined;
  let out = text;
  for (const edit of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, edit.at) + edit.insert + out.slice(edit.end);
  return out;
}
