// Node-module manual mocks: a file in a `__mocks__` folder named after a package the project
// depends on (`__mocks__/axios.js`, `src/__mocks__/@scope/pkg.ts`, `__mocks__/lodash/flatten.js`).
// Jest's haste map registers every `__mocks__` file under its roots by the path below `__mocks__`
// (`x/index` answers for `x`) and uses one for a package wherever the package is required, without
// a jest.mock call (Node's own modules only when told). Vitest uses a mock only when vi.mock names
// the module, and looks for a package's only in the `__mocks__` folder of its root.
//
// The recipe keeps them out of the steps (test-files.ts): migrated in a step, a mock would break
// every test Jest still runs. Setup writes a copy for Vitest at the root, `__mocks__/axios.vitest.js`,
// which its codemods migrate, and the compat setup file registers it for every test file:
// - a mock in the root's `__mocks__` keeps its place for Jest; the compat file registers the copy
//   by a factory (`vi.mock('axios', () => import('./__mocks__/axios.vitest.js'))`), and gives a
//   global `jest` for a test's own `vi.mock('axios')`, which loads the original;
// - a mock elsewhere (`src/__mocks__/axios.js`, CRA's roots) is copied to where Vitest looks,
//   `__mocks__/axios.js` (place-mocks.ts renames the migrated copy), marked as the copy of its
//   original: Jest ignores it (jest-vitest-split.cjs's modulePathIgnorePatterns), `vi.mock('axios')`
//   finds it, from the compat file and from a test alike.
// Finish puts each copy in place of its original (finish-configs.ts): Jest is gone.

import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import type { JsonValue } from './jest-config.js';
import { setupCopyPath } from './runner-split.js';

export interface NodeModuleMock {
  /** The module the mock stands for: `axios`, `@scope/pkg`, `lodash/flatten`. */
  readonly module: string;
  /** The mock's repo-relative path. */
  readonly path: string;
}

const MOCK_FILE = /(?:^|\/)__mocks__\/(.+)\.[cm]?[jt]sx?$/;
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/** The package a module specifier names: `@scope/pkg/sub` → `@scope/pkg`, `lodash/flatten` → `lodash`. */
function packageOf(module: string): string {
  const parts = module.split('/');
  return module.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * The node-module mocks among `files`: under one of Jest's `roots` (`<rootDir>/src`; all files
 * without roots), named after a dependency of `manifest` or the package itself, and not a Node built-in. As in Jest, a
 * mock beside a project file of the same name (`src/__mocks__/axios.js` by `src/axios.js`) stands
 * for the package too. One per module, the first in path order (Jest warns of duplicates).
 */
export function nodeModuleMocks(files: readonly string[], manifest: Record<string, JsonValue> | undefined, roots?: JsonValue): NodeModuleMock[] {
  const dependencies = new Set(DEPENDENCY_FIELDS.flatMap((field) => {
    const deps = manifest?.[field];
    return deps && typeof deps === 'object' && !Array.isArray(deps) ? Object.keys(deps) : [];
  }));
  // The package itself, imported by its own name (dayjs's locales import 'dayjs', which Jest
  // answers with test/__mocks__/dayjs.js: no node_modules folder holds it).
  if (typeof manifest?.['name'] === 'string') dependencies.add(manifest['name']);
  const folders = Array.isArray(roots) ? roots.filter((root): root is string => typeof root === 'string').map((root) => root.replace(/^<rootDir>\/?/, '').replace(/^\.\/|\/$/g, '')) : undefined;
  const inRoots = (path: string) => folders === undefined || folders.some((folder) => folder === '' || path.startsWith(`${folder}/`));
  const byModule = new Map<string, NodeModuleMock>();
  for (const path of [...files].sort()) {
    const named = MOCK_FILE.exec(path);
    if (!named || /(?:^|\/)node_modules\//.test(path) || !inRoots(path)) continue;
    const module = named[1]!.replace(/\/index$/, '');
    if (!dependencies.has(packageOf(module)) || builtinModules.includes(packageOf(module)) || byModule.has(module)) continue;
    byModule.set(module, { module, path });
  }
  return [...byModule.values()];
}

/** First line of a copy Vitest finds at the root in place of a mock elsewhere: the original's path. */
export const COPY_MARKER = /^\/\/ codemigrate: Vitest's copy of (\S+), which Jest keeps until the migration has finished\.\r?\n/;

export function copyMarker(original: string): string {
  return `// codemigrate: Vitest's copy of ${original}, which Jest keeps until the migration has finished.\n`;
}

function isRooted(mock: NodeModuleMock): boolean {
  return mock.path.startsWith('__mocks__/');
}

/** A mock's Vitest copy, at the root: `__mocks__/axios.js` → `__mocks__/axios.vitest.js`, `src/__mocks__/axios.js` too. */
export function mockCopyPath(mock: NodeModuleMock): string {
  return setupCopyPath(isRooted(mock) ? mock.path : `__mocks__/${mock.module}${/\.[cm]?[jt]sx?$/.exec(mock.path)![0]}`);
}

/**
 * The copy's text: a mock from elsewhere carries the marker (place-mocks.ts then gives it its plain
 * name) and its relative module paths are rebased onto the copy's folder, so that they name the
 * same files: dayjs's test/__mocks__/dayjs.js requires '../../src', which from __mocks__/ is
 * outside the project ("Cannot find module '../../src'": every test importing a locale or plugin).
 */
export function mockCopyText(mock: NodeModuleMock, text: string): string {
  return isRooted(mock) ? text : copyMarker(mock.path) + rebaseRelativePaths(text, posix.dirname(mock.path), posix.dirname(mockCopyPath(mock)));
}

/**
 * Module paths where a module names another: `require(…)`, `require.resolve(…)`, `import(…)`,
 * `import … from`, `export … from`, a bare `import '…'`, and jest's and vi's calls that take one.
 * Text, not a parse: a comment that names a path in the same words is rebased too, and names the
 * same file after it as before.
 */
const MODULE_PATH = /(\b(?:require(?:\.resolve)?|import|(?:jest|vi)\.(?:requireActual|requireMock|mock|doMock|unmock|dontMock|setMock|importActual|importMock))\s*\(\s*|\bfrom\s*|\bimport\s*)(['"])(\.\.?(?:\/[^'"\n]*)?)\2/g;

/** `text`'s relative module paths, written for a file in `from`, rewritten for the same files seen from `to`. */
export function rebaseRelativePaths(text: string, from: string, to: string): string {
  if (from === to) return text;
  return text.replace(MODULE_PATH, (_all, lead: string, quote: string, path: string) => {
    const rebased = posix.relative(to, posix.join(from, path)) || '.';
    const dotted = /^\.\.?(?:\/|$)/.test(rebased) ? rebased : `./${rebased}`;
    return `${lead}${quote}${path.endsWith('/') && !dotted.endsWith('/') ? `${dotted}/` : dotted}${quote}`;
  });
}

/** A test's own vi.mock('axios') loads the root's __mocks__/axios.js, still Jest's until finish. */
export function needsJestGlobal(mocks: readonly NodeModuleMock[]): boolean {
  return mocks.some(isRooted);
}

/**
 * Lines of the compat setup file (at the project root) that give every test file the mocks, as
 * Jest did. After finish the `.vitest` of a factory's path goes (finish-configs.ts).
 */
export function mockRegistrations(mocks: readonly NodeModuleMock[]): string[] {
  if (mocks.length === 0) return [];
  return [
    '',
    '// Jest used these manual mocks of packages wherever the package was imported, without a jest.mock',
    "// call; Vitest only when vi.mock names the module, and finds a package's only in the root's __mocks__.",
    '// A test that wants the real module: vi.unmock.',
    ...mocks.map((mock) => (isRooted(mock) ? `vi.mock('${mock.module}', () => import('./${mockCopyPath(mock)}'));` : `vi.mock('${mock.module}');`)),
  ];
}
