// The `codemigrate:require-through-vite` plugin of the Vitest config the recipe writes (as text:
// the config is the project's file, run by the project's Vite).
//
// Jest's require() went through its module registry and transform like an import. Vitest's module
// runner hands require() to Node, which loads the file as it is: a project file with import/export,
// JSX or TypeScript fails there, and so does one only Jest's module folders or aliases found, or
// one that requires such a file. bookshelf's CommonJS src/test/server/index.js
// (`module.exports = require('./test-server')`, picked by NODE_ENV) reached its ES module
// test-server through Node, whose ESM resolver refused msw 0.42's folder entry ("Directory import
// 'msw/node' is not supported"), and every test file imports it through the setup file.
//
// The plugin makes such a require() at a module's top level `await import()` (the runner evaluates
// a module inside an async function, so the await stands where the require ran, in the same
// branch, at the same time): Vite transforms the file, resolves its imports as the config says,
// and the tests share its instance. A required CommonJS file gives its module.exports, which the
// runner keeps as `default`. Everything else stays Node's: packages, JSON, a require inside a
// function (it cannot await), and project files Node loads as Jest did (plain CommonJS, with
// their own requires): rerouting those would split a module that a lazy require still loads
// through Node into two instances. So does a folder required by path whose package.json
// `exports` gives Vite's import another entry than Node's `main` (koa).

/**
 * Whether a require stays Node's: Node resolves it to the same file as Vite, or it names a folder
 * by path whose package.json Node reads (`main`) and Vite reads with its import conditions
 * (`exports`): koa's `require('../..')` got its ESM wrapper dist/koa.mjs from Vite 7, a namespace
 * that is no constructor, where Jest's require, and Node's, take lib/application.js. Plain
 * JavaScript, written into the plugin's text as it is (and run as it is by the tests).
 */
export const KEEPS_NODE_FILE = [
  'function keepsNodeFile(id, native, target, folderWithManifest) {',
  '  return native !== undefined && (native === target || (folderWithManifest && /^(?:\\.{1,2}(?:\\/|$)|\\/)/.test(id)));',
  '}',
] as const;

/**
 * What a CommonJS file that required an ES module through Vite ends with: when its module.exports
 * is that module's namespace (`module.exports = require('../src')`, dayjs's test/__mocks__/dayjs.js)
 * and the namespace has a default, an import's default is that default. Babel's interop under Jest
 * gave it so (the required module's exports were marked __esModule); Vitest's runner gives a
 * module.exports as the default whole (dayjs's locales: "default.locale is not a function").
 * Assigning exports.default is the runner's own way to say a CommonJS module's default.
 */
export const HANDS_ON_DEFAULT_TEXT = [
  '// A CommonJS module handing on an ES module (module.exports = require(…)) gave its default, under Babel as Jest ran it.',
  "const HANDS_ON_DEFAULT = \"\\n;{ const handedOn = exports.default; if (handedOn !== null && typeof handedOn === 'object' && handedOn[Symbol.toStringTag] === 'Module' && 'default' in handedOn) try { exports.default = handedOn.default; } catch {} }\\n\";",
] as const;

/** The imports the plugin's text uses (`createRequire` may be imported for another plugin too). */
export const REQUIRE_THROUGH_VITE_IMPORTS = ["import { readFileSync } from 'node:fs';", "import { Script } from 'node:vm';"] as const;

export function requireThroughVitePlugin(): string[] {
  return [
    "// Added by codemigrate's jest-to-vitest recipe: Jest's require() went through its transform; Vite's",
    '// leaves it to Node, which cannot load a project file with import/export, JSX or TypeScript, nor one',
    "// only Jest's module folders or aliases find. Such a require() at a module's top level becomes",
    '// `await import()`, where and when it ran: Vite transforms the file and the tests share it.',
    'type PluginThis = { parse(code: string): unknown; resolve(id: string, importer?: string): Promise<{ id: string } | null> };',
    'type Call = { start: number; end: number; arguments: { value: string }[] };',
    "const inPackage = (file: string) => /[\\\\/]node_modules[\\\\/]/.test(file);",
    'const isScript = (file: string) => /\\.[cm]?[jt]sx?$/.test(file);',
    "/** require('…') calls outside any function or class, where an await may stand, in source order. */",
    'const topLevelRequires = (program: unknown): Call[] => {',
    '  const calls: Call[] = [];',
    '  const walk = (node: unknown, nested: boolean): void => {',
    "    if (!node || typeof node !== 'object') return;",
    '    if (Array.isArray(node)) return node.forEach((child) => walk(child, nested));',
    '    const { type, callee, arguments: args } = node as { type?: string; callee?: { type?: string; name?: string }; arguments?: { value?: unknown }[] };',
    "    if (!nested && type === 'CallExpression' && callee?.type === 'Identifier' && callee.name === 'require' && args?.length === 1 && typeof args[0]?.value === 'string') calls.push(node as Call);",
    "    const inner = nested || /Function|Class|Method|StaticBlock/.test(type ?? '');",
    '    for (const child of Object.values(node)) walk(child, inner);',
    '  };',
    '  walk(program, false);',
    '  return calls.sort((a, b) => a.start - b.start);',
    '};',
    ...KEEPS_NODE_FILE,
    'const viteOnly = new Map<string, Promise<boolean>>();',
    '/** The project file Vite finds for a require that Node would not load as Jest did, else undefined. */',
    'async function throughVite(ctx: PluginThis, id: string, from: string, seen: Set<string>): Promise<string | undefined> {',
    "  const target = (await ctx.resolve(id, from).catch(() => null))?.id.split('?')[0];",
    '  if (!target || inPackage(target) || !isScript(target) || seen.has(target)) return undefined;',
    '  let native: string | undefined;',
    '  try {',
    "    native = createRequire(from).resolve(id).replaceAll('\\\\', '/');",
    '  } catch {}',
    '  let folderWithManifest = false;',
    '  try {',
    '    folderWithManifest = Boolean(createRequire(from).resolve(`${id}/package.json`));',
    '  } catch {}',
    '  if (keepsNodeFile(id, native, target, folderWithManifest) && !(await loadsOnlyThroughVite(ctx, native!, seen))) return undefined;',
    '  return target;',
    '}',
    'function loadsOnlyThroughVite(ctx: PluginThis, file: string, seen: Set<string>): Promise<boolean> {',
    '  if (!/\\.c?js$/.test(file)) return Promise.resolve(true);',
    '  const known = viteOnly.get(file);',
    '  if (known) return known;',
    '  const answer = (async () => {',
    "    const code = readFileSync(file, 'utf8').replace(/^#!.*/, '');",
    '    try {',
    '      // What Node does with a required .js file: run it as a CommonJS function body.',
    '      new Script(`(function (exports, require, module, __filename, __dirname) {${code}\\n})`, { filename: file });',
    '    } catch {',
    '      return true;',
    '    }',
    '    let program: unknown;',
    '    try {',
    '      program = /\\brequire\\s*\\(/.test(code) ? ctx.parse(code) : undefined;',
    '    } catch {}',
    '    for (const call of topLevelRequires(program)) {',
    '      if (await throughVite(ctx, call.arguments[0]!.value, file, new Set([...seen, file]))) return true;',
    '    }',
    '    return false;',
    '  })();',
    '  viteOnly.set(file, answer);',
    '  return answer;',
    '}',
    ...HANDS_ON_DEFAULT_TEXT,
    'const requireThroughVite = {',
    "  name: 'codemigrate:require-through-vite',",
    "  enforce: 'post' as const,",
    '  async transform(this: PluginThis, code: string, id: string) {',
    "    const file = id.split('?')[0] ?? '';",
    '    if (inPackage(file) || !isScript(file) || !/\\brequire\\s*\\(/.test(code)) return null;',
    '    let program: unknown;',
    '    try {',
    '      program = this.parse(code);',
    '    } catch {',
    '      return null;',
    '    }',
    "    let out = '';",
    '    let at = 0;',
    '    let handsOnEsm = false;',
    '    for (const call of topLevelRequires(program)) {',
    "      if (!code.startsWith('require', call.start)) return null; // offsets that are not the string's",
    '      const specifier = call.arguments[0]!.value;',
    '      const target = await throughVite(this, specifier, file, new Set([file]));',
    '      if (target === undefined) continue;',
    '      // A type-only import or export (Flow\'s `export type`, stripped before Vite reads the file) makes no ES module.',
    "      const esm = !/\\.c?js$/.test(target) || /^\\s*(?:import\\s*(?!type\\s+[\\w{*])[\\w{*'\"$]|export\\s+(?!\\s|(?:type|interface|opaque\\s+type)\\s))/m.test(readFileSync(target, 'utf8'));",
    "      out += `${code.slice(at, call.start)}(await import(${JSON.stringify(specifier)}))${esm ? '' : '.default'}`;",
    '      at = call.end;',
    '      handsOnEsm ||= esm;',
    '    }',
    '    if (at === 0) return null;',
    "    const commonJs = !(program as { body: { type: string }[] }).body.some((node) => /^(?:Import|Export)/.test(node.type));",
    '    return { code: out + code.slice(at) + (handsOnEsm && commonJs ? HANDS_ON_DEFAULT : \'\'), map: null };',
    '  },',
    '};',
    '',
  ];
}
