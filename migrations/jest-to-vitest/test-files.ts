// The recipe's modules.includeFrom: the test files a project's own Jest configs name (testMatch,
// testRegex, also inside `projects`), as globs the planner adds to the recipe's default patterns.
// Without it a project whose tests are `test/counterTest.js` (prom-client: testRegex
// ".*Test\\.js$") planned its snapshot files only, and none of its 524 tests moved. Every config
// counts, not only the one setup translates: a `jest --config test/jest-e2e.json` script's tests
// are tests of the project too.

import { posix } from 'node:path';
import type { ProjectFiles } from '../../src/core/recipe.js';
import { configsNamedByScripts, JEST_CONFIG_FILE, readConfigFile, type FoundJestConfig } from './jest-config-source.js';
import { jestConfigToVitest, type JestConfig, type JsonValue } from './jest-config.js';
import { nodeModuleMocks } from './node-module-mocks.js';
import { matchesTestPaths, scriptTestPaths } from './script-test-paths.js';
import { callsUnboundJestGlobals } from './unbound-globals.js';

export default async function testFileGlobs(project: ProjectFiles): Promise<{ include: string[]; together: string[][]; exclude: string[] }> {
  const manifestText = await project.read('package.json');
  const manifest = manifestText === undefined ? undefined : parseObject(manifestText);
  const named = [...(manifest ? configsNamedByScripts(manifest) : []), ...project.files.filter((file) => JEST_CONFIG_FILE.test(file))];
  const found: FoundJestConfig[] = [];
  for (const file of new Set(named)) {
    const text = await project.read(file);
    try {
      const config = text === undefined ? undefined : readConfigFile(() => text, file);
      if (config) found.push(config);
    } catch {
      // a config that does not parse: setup reports it; the default patterns still plan
    }
  }
  const jestKey = manifest?.['jest'];
  if (isObject(jestKey)) found.push({ file: 'package.json', config: jestKey, unread: [] });
  const { helpers, together } = await jestHelpers(project, manifest, found[0]);
  const escape = (file: string) => file.replace(/[*?[\]{}()!+@\\]/g, '\\$&');
  // Mocks of packages, which Jest uses in every test file: setup and finish carry them (node-module-mocks.ts).
  const mocks = nodeModuleMocks(project.files, manifest, found[0]?.config['roots']).map((mock) => escape(mock.path));
  // Test files the `test` script's Jest does not run (`jest test/unit/`) are some other runner's or project's.
  const paths = scriptTestPaths(isObject(manifest?.['scripts']) ? manifest['scripts'] : undefined);
  const unrun = paths === undefined ? [] : project.files.filter((file) => TEST_LIKE.test(file) && !matchesTestPaths(file, paths)).map(escape);
  return { include: [...new Set([...found.flatMap(globsOf), ...helpers.map(escape)])].filter((glob) => !glob.startsWith('../')), together, exclude: [...mocks, ...unrun] };
}

/** What the recipe's patterns plan as tests: test and spec files, `__tests__` folders, snapshots. */
const TEST_LIKE = /\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)__tests__\/.*\.[cm]?[jt]sx?$|(?:^|\/)__snapshots__\/[^/]+\.snap$/;

const SOURCE = /\.[cm]?[jt]sx?$/;
// .yarn/ and .pnp.*: Yarn's own vendored releases, plugins and loaders, not the project's code;
// flow-typed/: Flow's library definitions (`declare var jest: JestObjectType`), never run.
const NOT_HELPER = /(?:^|\/)(?:node_modules|dist|build|coverage|\.yarn|flow-typed)\/|(?:^|\/)\.pnp\.[^/]*$|\.d\.[cm]?ts$|(?:^|\/)(?:[^/]*jest[^/]*\.config|setupTests|setup-tests|jest[.-]setup|test-setup|setup)\.[cm]?[jt]sx?$/;
const JEST_API = /\bjest\s*\.\s*(?:fn|mock|doMock|unmock|spyOn|mocked|requireActual|requireMock|useFakeTimers|useRealTimers|advanceTimersByTime|runAllTimers|runOnlyPendingTimers|clearAllMocks|resetAllMocks|restoreAllMocks|setSystemTime)\b/;

const JEST_GLOBALS_IMPORT = /\bfrom\s*['"]@jest\/globals['"]|\brequire\s*\(\s*['"]@jest\/globals['"]\s*\)/;
/** Runners whose tests call the same globals (Mocha, Jasmine, Cypress): their files are not Jest's. */
const OTHER_GLOBAL_RUNNERS = ['mocha', 'jasmine', 'jasmine-core', 'cypress', 'karma', 'ava', 'tap', 'uvu'];
const OTHER_RUNNER_FILE = /(?:^|\/)(?:cypress|e2e|playwright)\/|\.cy\.[cm]?[jt]sx?$/;
/** What the recipe's own modules.include takes already: no need to parse those for test globals. */
const PLANNED_BY_RECIPE = /\.(?:test|spec)\.[jt]sx?$|(?:^|\/)__tests__\/.*\.[jt]sx?$|(?:^|\/)__mocks__\//;

/**
 * Modules the tests use, or keep beside them, that depend on Jest without being tests, so that no
 * default pattern takes them:
 * - helpers that call Jest's API (react-countdown's src/fixtures.ts: `jest.spyOn(Date, 'now')`),
 *   or import from '@jest/globals': under Vitest their `jest` is undefined;
 * - files that call Jest's test globals unbound (a `expectValid()` helper calling `expect`, zod's
 *   root playground.ts calling `test` and `expect`): typed by @types/jest, which finish removes,
 *   and undefined at run time under Vitest without globals.
 * They join their folder's step and go through the same transforms (vitest-imports then imports
 * what they use; Vitest does not run them, as its include comes from Jest's). Setup files stay
 * setup's, which gives Vitest its own copies while Jest still runs. Globals are looked for only
 * where no other runner that calls them is a dependency, and never in Cypress/Playwright/e2e
 * folders; a file that binds the names itself (imports `expect` from chai or @playwright/test,
 * declares `test`) is not Jest's (unbound-globals.ts reads the calls from the syntax tree).
 * A helper that files of other folders import (luxon's test/helpers.js, whose `withNow` declares
 * a test, imported from test/datetime/, test/info/ and test/interval/) moves with them: each helper
 * and every file that imports it, directly or through other modules, make one group that the plan
 * keeps in one step (and one chunk of a large folder's). Migrated in its own folder's step it would help none of its importers' steps
 * (their worktrees keep the original: `test is not defined` under Vitest) and, landed before them,
 * break them under Jest (`(0, _vitest.test) is not a function`), where they still run.
 */
async function jestHelpers(project: ProjectFiles, manifest: Record<string, JsonValue> | undefined, config: FoundJestConfig | undefined): Promise<{ helpers: string[]; together: string[][] }> {
  const candidates = project.files.filter((file) => SOURCE.test(file) && !NOT_HELPER.test(file));
  const texts = await project.readMany(candidates);
  const globalsAreJests = !OTHER_GLOBAL_RUNNERS.some((name) => dependsOn(manifest, name));
  const usesJestGlobals = (file: string, text: string) =>
    JEST_GLOBALS_IMPORT.test(text) || (globalsAreJests && !OTHER_RUNNER_FILE.test(file) && !PLANNED_BY_RECIPE.test(file) && callsUnboundJestGlobals(file, text));
  const helpers = [...texts].filter(([file, text]) => JEST_API.test(text) || usesJestGlobals(file, text)).map(([file]) => file)
    .sort();
  const importers = importersOf(texts, config ? moduleResolver(config.config) : () => []);
  const together = helpers
    .map((helper) => [helper, ...reachedFrom(helper, importers)])
    .filter((group) => group.length > 1);
  return { helpers, together };
}

const RELATIVE_IMPORT = /\b(?:from|import)\s*['"](\.{1,2}\/[^'"]*)['"]|\b(?:require|import)\s*\(\s*['"](\.{1,2}\/[^'"]*)['"]\s*\)/g;
/** `jest.mock('./api')`: Jest then loads `./__mocks__/api.*` in the file's place, when there is one. */
const MOCK_CALL = /\bjest\s*\.\s*(?:mock|doMock|unstable_mockModule)\s*\(\s*['"]([^'"]+)['"]/g;

/**
 * Where Jest looks for a bare specifier in the project (root-relative paths, without extension):
 * through moduleNameMapper's aliases to project files (`@/api/client` → `src/api/client`), and in
 * its module folders (`components/profiler` → `src/components/profiler` with moduleDirectories
 * ['node_modules', 'src']).
 */
function moduleResolver(config: JestConfig): (specifier: string) => string[] {
  const { aliases, moduleFolders = [] } = jestConfigToVitest(config);
  const mapped = aliases.filter((alias) => alias.relative);
  // A bare moduleDirectories entry (`src`) is looked for in every folder up from the importer: the root's, here.
  const directories = Array.isArray(config['moduleDirectories']) ? config['moduleDirectories'].map(String).filter((entry) => /^[\w-]+$/.test(entry) && entry !== 'node_modules') : [];
  const folders = [...new Set([...moduleFolders, ...directories])];
  return (specifier) => [
    ...mapped.flatMap((alias) => {
      const match = new RegExp(alias.find).exec(specifier);
      return match ? [posix.normalize(alias.replacement.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? ''))] : [];
    }),
    ...folders.map((folder) => posix.join(folder, specifier)),
  ];
}

/**
 * File → the files that import it by a relative path (`../helpers`, `./a/index.js`), and the
 * manual mock beside a module (`src/api/__mocks__/client.js`) → the files that mock that module
 * (`jest.mock('../api/client')`, or through the config's aliases and module folders): a mock in `jest.fn()` form works on Jest only, migrated on Vitest
 * only, so it moves with the tests that load it.
 */
function importersOf(texts: ReadonlyMap<string, string>, resolve: (specifier: string) => string[]): Map<string, Set<string>> {
  const byStem = new Map<string, string>();
  for (const file of texts.keys()) {
    const stem = file.replace(SOURCE, '');
    byStem.set(stem, file);
    if (posix.basename(stem) === 'index') byStem.set(posix.dirname(stem), file);
  }
  const importers = new Map<string, Set<string>>();
  const add = (file: string | undefined, importer: string) => {
    if (file === undefined || file === importer) return;
    const set = importers.get(file) ?? new Set<string>();
    set.add(importer);
    importers.set(file, set);
  };
  for (const [importer, text] of texts) {
    for (const match of text.matchAll(RELATIVE_IMPORT)) {
      const target = posix.join(posix.dirname(importer), match[1] ?? match[2]!);
      add(texts.has(target) ? target : byStem.get(target.replace(SOURCE, '')), importer);
    }
    for (const match of text.matchAll(MOCK_CALL)) {
      const specifier = match[1]!;
      const targets = /^\.{1,2}\//.test(specifier) ? [posix.join(posix.dirname(importer), specifier)] : resolve(specifier);
      for (const target of targets.map((path) => path.replace(SOURCE, ''))) {
        add(byStem.get(posix.join(posix.dirname(target), '__mocks__', posix.basename(target))), importer);
      }
    }
  }
  return importers;
}

/** Every file that imports `file`, directly or through others, sorted. */
function reachedFrom(file: string, importers: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const seen = new Set<string>([file]);
  const queue = [file];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const importer of importers.get(next) ?? []) {
      if (!seen.has(importer)) {
        seen.add(importer);
        queue.push(importer);
      }
    }
  }
  seen.delete(file);
  return [...seen].sort();
}

function dependsOn(manifest: Record<string, JsonValue> | undefined, name: string): boolean {
  return ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].some((field) => {
    const deps = manifest?.[field];
    return isObject(deps) && name in deps;
  });
}

// Jest matches testMatch globs and testRegex against absolute paths: `**/x` anywhere, and
// `<rootDir>/x` under rootDir, which is relative to the config's folder (a project's `<rootDir>`
// is its parent's rootDir).
function globsOf({ file, config }: FoundJestConfig): string[] {
  const rootOf = (value: JsonValue | undefined, base: string, parent: string) =>
    typeof value !== 'string' ? parent : value.startsWith('<rootDir>') ? posix.join(parent, value.slice('<rootDir>'.length)) : posix.join(base, value);
  const configDir = posix.dirname(file);
  const root = rootOf(config['rootDir'], configDir, configDir);
  return [config, ...projectsOf(config)].flatMap((each) => includeOf(each, each === config ? root : rootOf(each['rootDir'], configDir, root)));
}

function includeOf(config: JestConfig, root: string): string[] {
  const testMatch = config['testMatch'];
  const testRegex = config['testRegex'];
  const fromMatch = (Array.isArray(testMatch) ? testMatch : []).map(String).filter((glob) => !glob.startsWith('!'));
  // Jest's default testMatch is the recipe's own include already.
  const fromRegex = testRegex === undefined ? undefined : jestConfigToVitest({ testRegex }).test['include'];
  return [
    ...fromMatch.map((glob) => (glob.startsWith('<rootDir>') ? posix.join(root, glob.slice('<rootDir>'.length)) : glob)),
    ...(Array.isArray(fromRegex) ? fromRegex.map(String) : []),
  ];
}

function projectsOf(config: JestConfig): JestConfig[] {
  const projects = config['projects'];
  return Array.isArray(projects) ? projects.filter(isObject) : [];
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseObject(text: string): Record<string, JsonValue> | undefined {
  try {
    const value = JSON.parse(text) as JsonValue;
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
