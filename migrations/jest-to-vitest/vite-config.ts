// ts-morph setup transform for an existing vite.config.* / vitest.config.*: adds the `test` block
// translated from the Jest config (vitest-settings.ts: with Testing Library's globals and the
// compat setup file, created through ctx.addFile) to the object given to defineConfig (or
// exported directly, or through a variable of the file), with the reference that types it. Aliases from moduleNameMapper go into
// `test.alias`: the tests resolve as under Jest, while `vite build` and the dev server keep the
// config's own `resolve.alias`.

import { Node, type ObjectLiteralExpression, type SourceFile } from 'ts-morph';
import type { TsMorphContext } from './ts-morph-context.js';
import { forWorkspacePackages } from './workspace-packages.js';
import { printTestBlock, printValue } from './jest-config.js';
import { mockedPackagesOf, reactOf } from './package-json.js';
import { mockedPackagesNote, mockedPackagesPlugin, withInlinedPackages } from './package-mocks.js';
import { findJestConfig, readManifest, VITE_CONFIG_FILE } from './jest-config-source.js';
import { nodeModuleMocks } from './node-module-mocks.js';
import { vitestSettings } from './vitest-settings.js';
import { splitImport } from './runner-split.js';

const REFERENCE = '/// <reference types="vitest/config" />';

export function configObject(sourceFile: SourceFile): ObjectLiteralExpression | undefined {
  const exported = sourceFile.getExportAssignment((e) => !e.isExportEquals())?.getExpression();
  let node: Node | undefined = exported;
  // `const config = { … }; export default config;` (SvelteKit's generated vite.config.js): the
  // object of the file's own variable, which the `test` block is added to as to an exported one.
  if (node && Node.isIdentifier(node)) node = sourceFile.getVariableDeclaration(node.getText())?.getInitializer();
  if (node && Node.isCallExpression(node)) {
    node = node.getArguments()[0];
    // defineConfig(() => ({ … })) and defineConfig(({ mode }) => { return { … } })
    if (node && Node.isArrowFunction(node)) {
      const body = node.getBody();
      node = Node.isParenthesizedExpression(body) ? body.getExpression() : Node.isBlock(body) ? body.getStatements().find(Node.isReturnStatement)?.getExpression() : body;
    }
  }
  return node && Node.isObjectLiteralExpression(node) ? node : undefined;
}

/**
 * One level of the config's indentation, for the lines of the `test` block: what the first
 * property is indented by beyond the line where the object opens (tabs or spaces, as written).
 * Two spaces when the first property does not start its own line (`defineConfig({ plugins })`).
 */
export function indentStep(text: string, objectStart: number, firstStart: number | undefined): string {
  const lineStart = (at: number) => text.lastIndexOf('\n', at - 1) + 1;
  const base = /^[ \t]*/.exec(text.slice(lineStart(objectStart)))![0];
  const property = firstStart === undefined ? undefined : text.slice(lineStart(firstStart), firstStart);
  if (property === undefined || !/^[ \t]*$/.test(property) || !property.startsWith(base) || property.length === base.length) return '  ';
  return property.slice(base.length);
}

function withTestRoot(test: string, indent: string, step: string): string {
  const root = `${indent}${step}root: new URL('./', import.meta.url).pathname,`;
  return test === '{}' ? `{\n${root}\n${indent}}` : test.replace(/^\{\n/, `{\n${root}\n`);
}

/**
 * React's JSX in `.js` files, which babel-jest compiled for the tests (a Vite + Jest project writes
 * `Form.test.js` with JSX) and Vite reads only in .jsx/.tsx ("Failed to parse source for import
 * analysis"): a plugin that compiles such a file first, appended to the config's `plugins` (or
 * given one), applied under Vitest only, so that `vite build` and the dev server are as they were.
 * Plain JavaScript in a .js config, typed in a .ts one.
 */
function jsxInJs(ctx: TsMorphContext, runtime: 'automatic' | 'classic'): string[] {
  const typed = /\.[cm]?ts$/.test(ctx.path);
  const types = (text: string) => (typed ? text : '');
  const declaration = [
    "// Added by codemigrate's jest-to-vitest recipe: JSX in .js files, as babel-jest compiled it for the tests",
    `// (React's ${runtime} runtime); Vite reads JSX only in .jsx/.tsx. Under Vitest only: \`vite build\` is as it was.`,
    "import * as codemigrateVite from 'vite';",
    'const codemigrateJsxInJs = {',
    "  name: 'codemigrate:jsx-in-js',",
    `  enforce: 'pre'${types(' as const')},`,
    '  apply: () => Boolean(process.env.VITEST),',
    `  transform(code${types(': string')}, id${types(': string')}) {`,
    "    const file = id.split('?')[0];",
    "    if (/\\/node_modules\\//.test(file) || !/\\.[cm]?js$/.test(file) || !/<[A-Za-z>]/.test(code)) return null;",
    `    const { transformWithOxc, transformWithEsbuild } = codemigrateVite${types(' as unknown as Record<string, ((code: string, id: string, options: object) => Promise<{ code: string }>) | undefined>')};`,
    `    if (transformWithOxc) return transformWithOxc(code, id, { lang: 'jsx', jsx: { runtime: '${runtime}' } });`,
    `    return transformWithEsbuild${typed ? '?.' : ''}(code, id, { loader: 'jsx', jsx: '${runtime === 'automatic' ? 'automatic' : 'transform'}' });`,
    '  },',
    '};',
  ];
  return declaration;
}

/** Where and what to splice so the config's `plugins` ends with `names` (or gets a `plugins`). */
function appendPlugins(object: ObjectLiteralExpression, ctx: TsMorphContext, names: readonly string[]): { at: number; insertion: string } | undefined {
  const property = object.getProperty('plugins');
  if (property === undefined) return { at: object.getStart() + 1, insertion: ` plugins: [${names.join(', ')}],` };
  const array = Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
  if (!array || !Node.isArrayLiteralExpression(array)) {
    ctx.report({ message: `the Vite config's \`plugins\` is not an array literal: add ${names.join(', ')} (declared above the config) to it by hand, see the recipe's README` });
    return undefined;
  }
  const elements = array.getElements();
  const last = elements[elements.length - 1];
  return last ? { at: last.getEnd(), insertion: `, ${names.join(', ')}` } : { at: array.getStart() + 1, insertion: names.join(', ') };
}

/** Also each workspace package's own, in its folder (workspace-packages.ts). */
export default forWorkspacePackages(transform);

function transform(sourceFile: SourceFile, ctx: TsMorphContext): string | undefined {
  if (!VITE_CONFIG_FILE.test(ctx.path)) return undefined;
  const object = configObject(sourceFile);
  if (!object) {
    ctx.report({ message: 'the Vite config does not export an object literal (or defineConfig of one): add the `test` block by hand' });
    return undefined;
  }
  if (object.getProperty('test')) return undefined;
  const found = findJestConfig(ctx);
  // In the recipe's setup the `test` block leaves the files Jest still runs to Jest (runner-split.ts).
  const coexist = ctx.options['phase'] === 'setup';
  const manifest = readManifest(ctx);
  const { translation, compat, teardown } = vitestSettings(manifest, found, ctx.options['globals'] === true, coexist, nodeModuleMocks(ctx.files, manifest, found?.config['roots']));
  for (const file of [compat, teardown]) {
    if (file === undefined) continue;
    if (ctx.addFile) ctx.addFile(file.path, file.text);
    else ctx.report({ message: `create ${file.path} (this runner offers no ctx.addFile) with:\n${file.text}` });
  }
  const text = sourceFile.getFullText();
  const properties = object.getProperties();
  const first = properties[0];
  const indent = first ? /[ \t]*$/.exec(text.slice(0, first.getStart()))?.[0] ?? '  ' : '  ';
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const step = indentStep(text, object.getStart(), first?.getStart());
  // Tests that mock a file inside a package (package-mocks.ts): inlined, their requires through Vitest's mocker.
  const mocked = mockedPackagesOf(ctx);
  if (mocked.length > 0) ctx.report({ message: mockedPackagesNote(mocked) });
  let test = printTestBlock({ ...translation, test: withInlinedPackages(translation.test, mocked) }, indent, (alias) => `new URL(${printValue(`./${alias.replacement}`, '')}, import.meta.url).pathname`, step);
  // Vitest takes Vite's `root` (where index.html is: `root: 'examples'`) as its project root and
  // looks for tests only below it; Jest's root was the config's folder.
  if (object.getProperty('root')) test = withTestRoot(test, indent, step);
  const added = [`test: ${coexist ? `excludeJestFiles(${test})` : test}`];
  const last = properties[properties.length - 1];
  // Spliced as text after the last property (or into an empty object), keeping the file's style:
  // with a trailing comma after the last property, each added one gets one too.
  let at = last ? last.getEnd() : object.getStart() + 1;
  let insertion: string;
  const comma = last ? /^\s*,/.exec(text.slice(at)) : null;
  if (!last) insertion = `${added.map((a) => `${newline}${indent}${a},`).join('')}${newline}`;
  else if (comma) {
    at += comma[0].length;
    insertion = added.map((a) => `${newline}${indent}${a},`).join('');
  } else insertion = `,${added.map((a) => `${newline}${indent}${a}`).join(',')}`;
  let result = text.slice(0, at) + insertion + text.slice(at);
  // Earlier in the text than the `test` block, so its offsets still hold.
  const { reactRuntime } = manifest ? reactOf(manifest) : {};
  const typed = /\.[cm]?ts$/.test(ctx.path);
  const declarations = [...(reactRuntime === undefined ? [] : [{ name: 'codemigrateJsxInJs', lines: jsxInJs(ctx, reactRuntime) }]), ...(mocked.length > 0 ? [{ name: 'codemigrateMockedPackages', lines: mockedPackagesPlugin(mocked, typed) }] : [])];
  const plugins = declarations.length === 0 ? undefined : appendPlugins(object, ctx, declarations.map((d) => d.name));
  if (plugins) result = result.slice(0, plugins.at) + plugins.insertion + result.slice(plugins.at);
  const head = [...(coexist ? [splitImport(newline)] : []), ...(plugins ? declarations.map((d) => d.lines.join(newline)) : [])];
  if (head.length > 0) {
    // After the last import (a reference directive must stay above every statement), else on top.
    const imports = sourceFile.getImportDeclarations();
    const importAt = imports.length > 0 ? imports[imports.length - 1]!.getEnd() : 0;
    const lines = head.join(newline);
    result = importAt === 0 ? `${lines}${newline}${result}` : `${result.slice(0, importAt)}${newline}${lines}${result.slice(importAt)}`;
  }
  if (!result.includes('vitest/config') && !result.includes('types="vitest"')) result = `${REFERENCE}${newline}${result}`;
  return result;
}
