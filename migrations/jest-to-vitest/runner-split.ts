// While a Jest → Vitest migration is under way, both runners stay installed and each runs its own
// files: a test file that imports from 'vitest' is Vitest's, every other one stays Jest's. Setup
// writes the helper below beside the configs (Jest's config is wrapped in withoutVitestFiles,
// Vitest's `test` block in excludeJestFiles); the recipe's finish removes it and unwraps them. So
// any subset of migrated modules, landed, is a codebase whose `npm test` runs every test once.
// Deciding by content, not by a list, is what lets independent steps land in any order: no step
// edits a shared file.

/** The helper's file name, at the root beside package.json and the configs. */
export const SPLIT_FILE = 'jest-vitest-split.cjs';
/** Its declarations, so that a type-checked jest.config.ts / vitest.config.ts importing it stays clean. */
export const SPLIT_TYPES_FILE = 'jest-vitest-split.d.cts';
/**
 * How a Vite / Vitest config loads the helper: through Node's require, not an import. Vite bundles
 * the config with esbuild and would inline an imported .cjs; in the ESM bundle of a "type": "module"
 * project its require('node:fs') then throws "Dynamic require of "node:fs" is not supported".
 * The file's URL is `import.meta.url`: Vite's bundler defines it for every file it bundles, in both
 * output formats (Vite 4–8), and Node defines it under Vite's `configLoader: 'native'` too, which
 * fails on `__filename` (Vite 6.1+ warns of that on every run).
 */
export function splitImport(newline = '\n'): string {
  return [
    "import { createRequire as createSplitRequire } from 'node:module';",
    `const { excludeJestFiles } = createSplitRequire(import.meta.url)('./${SPLIT_FILE}');`,
  ].join(newline);
}
/** Both of splitImport's lines (finish removes them), and the forms earlier versions wrote (`__filename`, a plain import). */
export const SPLIT_IMPORT_LINES = new RegExp(
  String.raw`^(?:import \{ createRequire as createSplitRequire \} from 'node:module';|const \{ excludeJestFiles \} = createSplitRequire\((?:import\.meta\.url|__filename)\)\('\./${SPLIT_FILE.replace('.', '\\.')}'\);|import \{ excludeJestFiles \} from '\.[./]*/${SPLIT_FILE.replace('.', '\\.')}';)\r?\n`,
  'gm',
);
/** Setup's copy of a Jest setup file, migrated for Vitest: `src/setupTests.ts` → `src/setupTests.vitest.ts`. */
export const SETUP_COPY = /\.vitest(\.[cm]?[jt]sx?)$/;

export function setupCopyPath(path: string): string {
  return path.replace(/(\.[cm]?[jt]sx?)$/, '.vitest$1');
}

export function setupOriginalPath(copy: string): string {
  return copy.replace(SETUP_COPY, '$1');
}

/** Plain CommonJS with no dependency: Jest requires it, Vitest and ESM configs import it. */
export const SPLIT_HELPER = `// @ts-nocheck (plain JavaScript, typed by jest-vitest-split.d.cts)
// Added by codemigrate's jest-to-vitest recipe while the migration is under way, and removed by
// the recipe's finish: a test file that imports from 'vitest' is run by Vitest, every other one by
// Jest. jest.config wraps its config in withoutVitestFiles, the Vitest config its \`test\` block in
// excludeJestFiles.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'coverage', 'dist', 'build']);
const TEST_FILE = /(?:\\.(?:test|spec)\\.[cm]?[jt]sx?$|(?:^|\\/)__tests__\\/.*\\.[cm]?[jt]sx?$)/;
const VITEST_IMPORT = /(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*|\\brequire\\s*\\(\\s*)['"]vitest['"]/;
// A file named otherwise that declares tests (a describe/it/test call with a title, or .each): Jest's testMatch may name any
// file (type-graphql: \`**/functional/**/*.ts\`), and such a file is a test file all the same.
const SCRIPT_FILE = /\\.[cm]?[jt]sx?$/;
const TEST_CALL = /(?:^|[^.\\w$])(?:describe|it|test)(?:(?:\\.\\w+)*\\s*\\(\\s*['"\\\`]|\\.each\\b)/m;
// Vitest 4's own default exclude, kept when the config names none.
const VITEST_DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**'];

/** Test files under root (repo-relative, '/'-separated), split by the runner they belong to. */
function scan(root = __dirname) {
  const vitest = [];
  const jest = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = dir === '' ? entry.name : dir + '/' + entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(relative);
      } else if (entry.isFile() && SCRIPT_FILE.test(relative) && !relative.endsWith('.d.ts')) {
        const text = fs.readFileSync(path.join(root, relative), 'utf8');
        if (TEST_FILE.test(relative) || TEST_CALL.test(text)) (VITEST_IMPORT.test(text) ? vitest : jest).push(relative);
      }
    }
  };
  walk('');
  return { vitest, jest };
}

// The first line of a mock Vitest finds at the root in place of one of Jest's elsewhere (node-module-mocks.ts).
const COPY_MARKER = /^\\/\\/ codemigrate: Vitest's copy of /;

/** Those mocks (repo-relative): Jest must not see them beside its own. */
function vitestMocks(root = __dirname) {
  const found = [];
  const walk = (dir) => {
    let entries = [];
    try {
      entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const relative = dir + '/' + entry.name;
      if (entry.isDirectory()) walk(relative);
      else if (entry.isFile() && COPY_MARKER.test(fs.readFileSync(path.join(root, relative), 'utf8'))) found.push(relative);
    }
  };
  walk('__mocks__');
  return found;
}

const escapeRegExp = (text) => text.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&');
const escapeGlob = (text) => text.replace(/[*?[\\]{}()!+@]/g, '\\\\$&');

/**
 * Jest's config with the files Vitest runs added to testPathIgnorePatterns, and Vitest's mocks of
 * packages to modulePathIgnorePatterns (projects too).
 */
function withoutVitestFiles(config, root = __dirname) {
  if (typeof config === 'function') return async (...args) => withoutVitestFiles(await config(...args), root);
  if (config && typeof config.then === 'function') return config.then((resolved) => withoutVitestFiles(resolved, root));
  const pattern = (file) => '^' + escapeRegExp(path.join(root, file)) + '$';
  const ignored = scan(root).vitest.map(pattern);
  const mocks = vitestMocks(root).map(pattern);
  const add = (options) => ({
    ...options,
    testPathIgnorePatterns: [...(options.testPathIgnorePatterns || ['/node_modules/']), ...ignored],
    ...(mocks.length > 0 && { modulePathIgnorePatterns: [...(options.modulePathIgnorePatterns || []), ...mocks] }),
  });
  const wrapped = add(config || {});
  if (Array.isArray(wrapped.projects)) {
    wrapped.projects = wrapped.projects.map((project) => (project && typeof project === 'object' ? add(project) : project));
  }
  return wrapped;
}

/**
 * Vitest's \`test\` options with the files Jest still runs excluded, in each of its projects too;
 * no Vitest file yet is no failure. Vitest matches \`exclude\` relative to a project's \`dir\`.
 */
function excludeJestFiles(test = {}, root = __dirname) {
  const jest = scan(root).jest;
  const excluded = (options, inherited) => {
    const base = path.resolve(root, options.dir || options.root || '.');
    const own = jest
      .map((file) => path.relative(base, path.join(root, file)).split(path.sep).join('/'))
      .filter((file) => !file.startsWith('../'))
      .map(escapeGlob);
    return [...(options.exclude || inherited || VITEST_DEFAULT_EXCLUDE), ...own];
  };
  const wrapped = { passWithNoTests: true, ...test, exclude: excluded(test) };
  if (Array.isArray(test.projects)) {
    wrapped.projects = test.projects.map((project) => {
      if (!project || typeof project !== 'object' || !project.test) return project;
      return { ...project, test: { ...project.test, exclude: excluded({ dir: test.dir, ...project.test }, test.exclude) } };
    });
  }
  return wrapped;
}

exports.scan = scan;
exports.vitestMocks = vitestMocks;
exports.withoutVitestFiles = withoutVitestFiles;
exports.excludeJestFiles = excludeJestFiles;
`;

export const SPLIT_TYPES = `// Declarations of ${SPLIT_FILE} (added by codemigrate's jest-to-vitest recipe, removed by its finish).
export declare function scan(root?: string): { vitest: string[]; jest: string[] };
export declare function vitestMocks(root?: string): string[];
export declare function withoutVitestFiles<T>(config: T, root?: string): T;
export declare function excludeJestFiles<T extends object>(test?: T, root?: string): T;
`;
