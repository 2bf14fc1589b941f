// Node-module manual mocks: a file in a `__mocks__` folder named after a package the project
// depends on (`__mocks__/axios.js`, `src/__mocks__/@scope/pkg.ts`, `__mocks__/lodash/flatten.js`).
// Jest's haste map registers every `__mocks__` file under its roots by the path below `__mocks__`
// (`x/index` answers for `x`) and uses one for a package wherever the package is required, without
// a jest.mock call (Node's own modules only when told). Vitest uses a mock only when vi.mock names
// the module, and looks for a package's only in the `__mocks__` folder of its root.
//
// The recipe therefore keeps them out of the steps (test-files.ts): migrated in a step, the mock
// would break every test Jest still runs. Setup gives Vitest a migrated copy
// (`__mocks__/axios.vitest.js`) and registers it in the compat setup file for every test file;
// finish puts the copy in place of the original.

import { builtinModules } from 'node:module';
import type { JsonValue } from './jest-config.js';

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
 * without roots), named after a dependency of `manifest`, and not a Node built-in. As in Jest, a
 * mock beside a project file of the same name (`src/__mocks__/axios.js` by `src/axios.js`) stands
 * for the package too. One per module, the first in path order (Jest warns of duplicates).
 */
export function nodeModuleMocks(files: readonly string[], manifest: Record<string, JsonValue> | undefined, roots?: JsonValue): NodeModuleMock[] {
  const dependencies = new Set(DEPENDENCY_FIELDS.flatMap((field) => {
    const deps = manifest?.[field];
    return deps && typeof deps === 'object' && !Array.isArray(deps) ? Object.keys(deps) : [];
  }));
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

/** A mock's Vitest copy: `__mocks__/axios.js` → `__mocks__/axios.vitest.js`. */
export function mockCopyPath(path: string): string {
  return path.replace(/(\.[cm]?[jt]sx?)$/, '.vitest$1');
}

/**
 * Lines of the compat setup file (at the project root) that give every test file the mocks, as
 * Jest did: `vi.mock('axios', () => import('./__mocks__/axios.vitest.js'))` while the migration is
 * under way (the copy setup migrated), the mock itself once finish has put the copy in its place.
 */
export function mockRegistrations(mocks: readonly NodeModuleMock[], coexist: boolean): string[] {
  if (mocks.length === 0) return [];
  return [
    '',
    "// Jest used these manual mocks of packages wherever the package was imported, without a jest.mock",
    '// call; Vitest only when vi.mock names the module. A test that wants the real module: vi.unmock.',
    ...mocks.map((mock) => `vi.mock('${mock.module}', () => import('./${coexist ? mockCopyPath(mock.path) : mock.path}'));`),
  ];
}
