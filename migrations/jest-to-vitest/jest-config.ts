// Pure: a Jest config (the "jest" key of package.json, or the object a jest.config.* file
// exports) → Vitest's `test` options, aliases and the packages they need, with a warning for
// everything that has no exact translation. A config file is read from its syntax; one that
// requires and imports nothing at run time (CommonJS, or ES module / TypeScript syntax with type
// imports only) is evaluated in an empty VM context instead (that is how Jest reads it, and it
// computes `projects`, spreads and env switches that syntax alone cannot follow).

import { posix } from 'node:path';
import { runInNewContext } from 'node:vm';
import { ts } from 'ts-morph';
import { isJestStub, vitestSpecifier } from './companions.js';
import { mockedPackagesPlugin, withInlinedPackages } from './package-mocks.js';
import { REQUIRE_THROUGH_VITE_IMPORTS, requireThroughVitePlugin } from './require-through-vite.js';
import { flowTypesPlugin } from './flow-types.js';
import { splitImport } from './runner-split.js';
import { jestFakeTimers, NODE_FAKE_TIMERS, vitestEnvironmentOptions } from './jest-environment-config.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JestConfig = Readonly<Record<string, JsonValue>>;

export interface VitestAlias {
  /** A regular expression source (moduleNameMapper keys are regexps). */
  readonly find: string;
  /** Relative to the project root, `$1`… kept; or a package name. */
  readonly replacement: string;
  readonly relative: boolean;
}

export interface VitestTranslation {
  readonly test: Readonly<Record<string, JsonValue>>;
  readonly aliases: readonly VitestAlias[];
  /** devDependencies the translated config needs besides vitest (jsdom, @vitest/coverage-v8). */
  readonly dependencies: readonly string[];
  readonly warnings: readonly string[];
  /**
   * Folders (root-relative) where a bare import is also looked for, after node_modules: Jest's
   * modulePaths and its moduleDirectories other than node_modules (CRA: jsconfig's baseUrl).
   */
  readonly moduleFolders?: readonly string[];
  /**
   * Jest's `globals` that are values (`__DEV__: true`), not a transformer's options (`'ts-jest': {…}`):
   * Jest puts them on each test file's global object, the compat setup file on Vitest's.
   */
  readonly globalValues?: Readonly<Record<string, JsonValue>>;
  /**
   * Jest's globalTeardown module as an import specifier from the config's folder (`./test/teardown.ts`,
   * or a package path): Vitest runs teardowns only from a globalSetup module, so vitest-settings.ts
   * adds one that imports it (globalTeardownSetup).
   */
  readonly globalTeardown?: string;
  /** Jest's config turned fake timers on for every test file: the compat setup file calls vi.useFakeTimers(). */
  readonly fakeTimersGlobally?: boolean;
  /**
   * Jest's snapshotSerializers that are packages (`@emotion/jest/serializer`, `enzyme-to-json/serializer`):
   * the compat setup file adds them (compatSetup), since Vitest's own loading of the config's list takes a
   * module's default export only, and a package whose `import` entry exports `test` and `serialize` by
   * name (@emotion/jest 11's serializer) stopped every test file ("Must export a default object").
   */
  readonly serializerPackages?: readonly string[];
}

export interface TranslateOptions {
  /** Vitest's `globals`: true keeps describe/it/expect global (the codemods then import nothing). */
  readonly globals?: boolean;
  /**
   * The config comes with package-json.ts's compat setup file, which removes setImmediate from
   * jsdom environments as Jest's has none: jsdom blocks then list the fake timers without it.
   */
  readonly jsdomParity?: boolean;
  /**
   * Without testMatch or testRegex, spell out Jest's default testMatch as test.include: Jest takes
   * every script under __tests__ whatever its name, Vitest's default only *.test.* and *.spec.*.
   */
  readonly jestTestMatch?: boolean;
  /**
   * The project's Jest major. Before 29 Jest printed snapshots with `Object {` / `Array [` and
   * escaped strings; Vitest (like Jest 29) does neither unless snapshotFormat says so.
   */
  readonly jestMajor?: number;
}

// extensionsToTreatAsEsm: Vite loads every file as an ES module, so Vitest needs no list (octokit's
// `[".ts"]` was reported as untranslated).
const DROPPED = new Set(['transform', 'moduleFileExtensions', 'verbose', 'collectCoverage', 'watchPlugins', 'testRunner', 'cacheDirectory', 'errorOnDeprecated', 'notify', 'transformIgnorePatterns', 'coverageProvider', 'extensionsToTreatAsEsm']);
const STYLE_MAPPER = /\\\.\(?(?:css|less|s[ac]ss|styl)/;

function rootRelative(path: string): string {
  return path.replace(/^<rootDir>\/?/, './');
}

/**
 * A path or glob option without Jest's `<rootDir>/`: Vitest resolves them against its root, the
 * config's folder (as Jest does `<rootDir>` by default). Jest replaces it only at the start,
 * after a `!` in globs (`replaceRootDirInPath`, `normalizeCollectCoverageFrom`).
 */
function withoutRootDir(path: string): string {
  return path.replace(/^(!?)<rootDir>(?:\/|$)/, '$1') || '.';
}

/**
 * A Jest environment (a name or a package: testEnvironment, `--env`) → Vitest's built-in one that
 * does its work, and the package Vitest needs for it. Vercel's edge runtime has one in both
 * (`@edge-runtime/jest-environment`, Vitest's `edge-runtime` over `@edge-runtime/vm`); a Jest
 * environment package itself cannot be Vitest's (`--environment=@edge-runtime/jest-environment`:
 * vercel/ms's test:edge script).
 */
export function vitestEnvironment(value: string): { name?: string; dependency?: string } {
  if (/(^|-)jsdom(-|$)/.test(value) || value === 'jest-environment-jsdom') return { name: 'jsdom', dependency: 'jsdom' };
  if (/happy-dom/.test(value)) return { name: 'happy-dom', dependency: 'happy-dom' };
  if (value === 'node' || value === 'jest-environment-node') return { name: 'node' };
  if (value === 'edge-runtime' || value === '@edge-runtime/jest-environment') return { name: 'edge-runtime', dependency: '@edge-runtime/vm' };
  return {};
}

/**
 * A plain-path pattern → globs; undefined when it is a real regexp. Jest matches the regexp
 * anywhere in the absolute path, so only a leading `/` (or `<rootDir>`) anchors its start at a
 * folder's edge and only a trailing `/` its end: `/node_modules/`, `<rootDir>/e2e/` → that folder;
 * a bare `language-server` → any file or folder containing it; `tests/_utils` → the folder and
 * files whose path continues it (eemeli/yaml's tests/_utils.ts, which Vitest then ran as a test
 * file with no tests).
 */
function ignorePatternToGlobs(pattern: string): string[] | undefined {
  const path = pattern.replace(/^<rootDir>\/?/, '').replace(/^\/|\/$/g, '');
  if (/[\\^$*+?()[\]{}|]/.test(path) || path === '') return undefined;
  const head = pattern.startsWith('/') || pattern.startsWith('<rootDir>') ? `**/${path}` : `**/*${path}`;
  return pattern.endsWith('/') ? [`${head}/**`] : [`${head}*`, `${head}*/**`];
}

function addCoverageExcludes(coverage: Record<string, JsonValue>, globs: readonly string[]): void {
  if (globs.length === 0) return;
  const existing = Array.isArray(coverage['exclude']) ? coverage['exclude'] : [];
  coverage['exclude'] = [...new Set([...existing, ...globs])];
}

// A testRegex made of a path, `.*` and escaped dots, anchored at the end only, becomes a glob:
// `src/.*\\.test\\.ts$` gives `src/**` + `/*.test.ts` under a leading `**/` (Jest matches the
// regexp anywhere in the absolute path). An optional run of folders, `(.*?/)?` or `(.*/)?`, is
// `**/` (dayjs's `test/(.*?/)?.*test.js$`, whose untranslated regexp let Vitest's default include
// run a Karma spec). A dot left unescaped between names (`test.js`) is read as the dot it is
// meant to be, as before. A group around the whole pattern is dropped, a trailing group of plain
// alternatives is a brace list, and a leading `/` is a folder boundary: reselect's
// `(/test/.*(js|ts))$` is `**/test/**/*{js,ts}` (its only test file is no *.test.*). Anything else
// stays a warning.
function testRegexToGlob(pattern: string): string | undefined {
  if (!pattern.endsWith('$') || pattern.startsWith('^')) return undefined;
  let body = pattern.slice(0, -1);
  if (/^\((?!\?)[^()]*(?:\([^()]*\)[^()]*)*\)$/.test(body)) body = body.slice(1, -1);
  const tail = /\((\w+(?:\|\w+)+)\)$/.exec(body);
  if (tail) body = body.slice(0, tail.index);
  const converted = body
    .replace(/\(\.\*\??\/\)\?/g, '**/')
    .replace(/(^|\/)\.\*/g, '$1**/*')
    .replace(/(?:\*\*\/){2,}/g, '**/')
    .replace(/\\\./g, '.');
  if (/[\\^$+?()[\]{}|]/.test(converted) || /[^/*]\*|\.\*/.test(converted.replace(/\*\*\/\*/g, ''))) return undefined;
  const glob = tail ? `${converted}{${tail[1]!.split('|').join(',')}}` : converted;
  if (glob.startsWith('**/')) return glob;
  if (glob.startsWith('/')) return `**${glob}`;
  return glob.startsWith('.') ? `**/*${glob}` : `**/${glob}`;
}

/** Jest's default testMatch, in the glob syntax Vitest reads (picomatch's extglobs). */
export const JEST_DEFAULT_TEST_MATCH = ['**/__tests__/**/*.?(c|m)[jt]s?(x)', '**/?(*.)+(spec|test).?(c|m)[jt]s?(x)'] as const;

/** Vitest's default fake timers (all it can fake but nextTick and queueMicrotask) without setImmediate / clearImmediate. */
export const JSDOM_FAKE_TIMERS = [
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'hrtime', 'performance',
  'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback',
] as const;

/** Options whose relative paths Jest resolves against rootDir (its `normalize`), not the config's folder. */
const ROOTDIR_PATHS = new Set(['setupFiles', 'setupFilesAfterEnv', 'globalSetup', 'globalTeardown', 'snapshotSerializers', 'collectCoverageFrom', 'coverageDirectory']);

export function jestConfigToVitest(config: JestConfig, options: TranslateOptions = {}): VitestTranslation {
  // The options below read as if rootDir were the config's folder. At the top a `<rootDir>/src`
  // can only be the reader's: it writes paths under __dirname so, the other ones too.
  config = underOwnRootDir(config, typeof config['rootDir'] === 'string' && config['rootDir'].startsWith('<rootDir>'));
  const test: Record<string, JsonValue> = {};
  const coverage: Record<string, JsonValue> = {};
  const aliases: VitestAlias[] = [];
  const dependencies = new Set<string>();
  const warnings: string[] = [];
  if (options.globals === true) test['globals'] = true;
  const setupFiles: string[] = [];
  const moduleFolders: string[] = [];
  const globalValues: Record<string, JsonValue> = {};
  let globalTeardown: string | undefined;
  let fakeTimersGlobally = false;
  let environmentOptions: JsonValue | undefined;
  let testUrl: string | undefined;
  const fakeTimerOptions: Record<string, JsonValue> = {};
  const doNotFake: string[] = [];
  const serializerPackages: string[] = [];

  for (const [key, value] of Object.entries(config)) {
    if (DROPPED.has(key)) continue;
    switch (key) {
      case 'preset':
        if (typeof value !== 'string' || !/^ts-jest(\/|$)/.test(value)) warnings.push(`preset "${String(value)}": Vitest has no presets; copy the options it sets`);
        break;
      case 'testEnvironment': {
        const env = vitestEnvironment(String(value));
        if (env.name) test['environment'] = env.name;
        else warnings.push(`testEnvironment "${String(value)}": no Vitest environment known`);
        if (env.dependency) dependencies.add(env.dependency);
        break;
      }
      case 'testEnvironmentOptions':
        environmentOptions = value;
        break;
      case 'testURL':
        if (typeof value === 'string') testUrl = value;
        break;
      case 'setupFiles':
      case 'setupFilesAfterEnv':
        // A package (not a path) may have a Vitest counterpart of another name (companions.ts).
        if (Array.isArray(value)) setupFiles.push(...value.map((v) => (/^[.<\/]/.test(String(v)) ? rootRelative(String(v)) : vitestSpecifier(String(v)))));
        break;
      case 'globalSetup':
      case 'globalTeardown':
        if (typeof value === 'string') {
          if (key === 'globalSetup') test['globalSetup'] = rootRelative(value);
          else globalTeardown = teardownSpecifier(value);
        }
        break;
      case 'moduleNameMapper':
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          for (const [find, target] of Object.entries(value)) {
            // Vite handles style imports itself. identity-obj-proxy's class names (`styles.button`
            // is "button") are what Vitest gives CSS modules it does not process with `non-scoped`.
            if (STYLE_MAPPER.test(find)) {
              if (target === 'identity-obj-proxy') test['css'] = { modules: { classNameStrategy: 'non-scoped' } };
              continue;
            }
            if (typeof target !== 'string') {
              warnings.push(`moduleNameMapper "${find}": several targets; pick one alias by hand`);
              continue;
            }
            // A stub package for files (images, SVG) goes with Jest at finish, and an alias to it
            // then fails to load every test file that imports one (auto-test in the corpus:
            // '\\.svg$' → jest-svg-transformer). Vite imports those files itself, as URLs.
            if (isJestStub(target)) continue;
            const relative = target.startsWith('<rootDir>') || target.startsWith('.');
            aliases.push({ find: wholeSpecifier(find), replacement: relative ? target.replace(/^<rootDir>\/?/, '').replace(/^\.\//, '') : target, relative });
          }
        }
        break;
      case 'testMatch':
        if (Array.isArray(value)) test['include'] = value.map((v) => String(v).replace(/^<rootDir>\//, '').replace(/^\*\*\/\*\*\//, '**/'));
        break;
      case 'testRegex': {
        const globs = (Array.isArray(value) ? value : [value]).map((v) => testRegexToGlob(String(v)));
        if (globs.every((g): g is string => g !== undefined)) test['include'] = globs;
        else warnings.push('testRegex: Vitest selects tests with globs; write test.include by hand');
        break;
      }
      case 'testPathIgnorePatterns':
      case 'modulePathIgnorePatterns': {
        if (!Array.isArray(value)) break;
        const globs = value.map((v) => ignorePatternToGlobs(String(v)));
        const kept = globs.flatMap((g) => g ?? []).filter((g) => g !== '**/node_modules/**' && !g.startsWith('**/*node_modules*'));
        if (globs.some((g) => g === undefined)) warnings.push(`${key}: regexps ${JSON.stringify(value)} translated only where they are plain paths`);
        // Jest hides test files under module path ignore patterns too: Vitest's exclude does that
        // part; the module-resolution part has no Vitest counterpart.
        if (key === 'modulePathIgnorePatterns' && kept.length > 0) warnings.push(`modulePathIgnorePatterns: test files under ${kept.join(', ')} excluded; Vitest does not hide those modules from imports`);
        if (kept.length > 0) {
          const existing = Array.isArray(test['exclude']) ? test['exclude'] : ['**/node_modules/**', '**/dist/**'];
          test['exclude'] = [...new Set([...existing, ...kept])];
        }
        break;
      }
      case 'roots': {
        // `['<rootDir>']` is Jest's default: Vitest's too, with no dir (an empty one finds nothing).
        const dir = Array.isArray(value) && value.length === 1 ? rootRelative(String(value[0])).replace(/^\.\/?$|^\.\//, '').replace(/\/$/, '') : undefined;
        if (dir === undefined) warnings.push('roots: several roots; use test.include globs');
        else if (dir !== '') test['dir'] = dir;
        break;
      }
      case 'rootDir':
        if (value !== '.' && value !== './') warnings.push(`rootDir "${String(value)}": set Vitest's root by hand`);
        break;
      case 'testTimeout':
      case 'clearMocks':
      case 'restoreMocks':
      case 'bail':
      case 'maxWorkers':
        test[key] = value;
        break;
      case 'snapshotSerializers': {
        if (!Array.isArray(value)) {
          test[key] = value;
          break;
        }
        const files = value.filter((entry) => !isPackagePath(String(entry)));
        serializerPackages.push(...value.map(String).filter(isPackagePath));
        if (files.length > 0) test[key] = files.map((v) => (String(v).startsWith('<rootDir>') ? rootRelative(String(v)) : v));
        break;
      }
      case 'resetMocks':
        test['mockReset'] = value;
        break;
      case 'modulePaths':
      case 'moduleDirectories':
        // A bare name (moduleDirectories' node_modules) is a package folder name, not a path.
        for (const entry of Array.isArray(value) ? value.map(String) : []) {
          if (key === 'moduleDirectories' && !/^(?:<rootDir>|\.)/.test(entry)) {
            if (entry !== 'node_modules') warnings.push(`moduleDirectories "${entry}": Vitest looks for packages in node_modules only; add an alias by hand`);
            continue;
          }
          const folder = withoutRootDir(entry).replace(/^\.\/?/, '').replace(/\/$/, '') || '.';
          if (!moduleFolders.includes(folder)) moduleFolders.push(folder);
        }
        break;
      case 'snapshotFormat':
        test['snapshotFormat'] = value;
        break;
      case 'displayName':
        test['name'] = typeof value === 'string' ? value : (value as { name?: JsonValue } | null)?.name ?? null;
        break;
      case 'injectGlobals':
        if (value === false) test['globals'] = false;
        break;
      case 'collectCoverageFrom': {
        // Jest's `!glob` entries exclude; Vitest takes them in coverage.exclude, without the `!`.
        const globs = (Array.isArray(value) ? value : [value]).map((v) => withoutRootDir(String(v)));
        const include = globs.filter((glob) => !glob.startsWith('!'));
        if (include.length > 0) coverage['include'] = include;
        addCoverageExcludes(coverage, globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1)));
        break;
      }
      case 'coveragePathIgnorePatterns':
        // A real regexp is no glob (netlify-webpack-plugin's `__(.+?)__` excluded nothing): said, left out.
        if (Array.isArray(value)) {
          const globs = value.map((v) => ignorePatternToGlobs(String(v)));
          addCoverageExcludes(coverage, globs.flatMap((g) => g ?? []));
          if (globs.some((g) => g === undefined)) warnings.push(`coveragePathIgnorePatterns: regexps ${JSON.stringify(value.filter((_, i) => globs[i] === undefined))} are no globs; add coverage.exclude globs by hand`);
        }
        break;
      case 'coverageDirectory':
        coverage['reportsDirectory'] = typeof value === 'string' ? withoutRootDir(value) : value;
        break;
      case 'coverageReporters':
        coverage['reporter'] = value;
        break;
      case 'coverageThreshold': {
        const global = (value as Record<string, JsonValue> | null)?.['global'];
        if (global && typeof global === 'object') coverage['thresholds'] = global;
        if (Object.keys(value as object).some((k) => k !== 'global')) warnings.push('coverageThreshold: per-path thresholds need test.coverage.thresholds["glob"] by hand');
        break;
      }
      case 'fakeTimers':
      case 'timers': {
        const timers = jestFakeTimers(key, value, options.jestMajor);
        warnings.push(...timers.warnings);
        fakeTimersGlobally ||= timers.globally;
        Object.assign(fakeTimerOptions, timers.options);
        doNotFake.push(...timers.doNotFake);
        break;
      }
      case 'globals': {
        // A key naming a transformer (`ts-jest`, `babel-jest`, `vue-jest`) holds its options, which Vite's transform does not read.
        const entries = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
        const values = entries.filter(([name]) => !/jest/.test(name));
        if (values.length > 0) Object.assign(globalValues, Object.fromEntries(values));
        if (values.length < entries.length || entries.length === 0) warnings.push('globals (ts-jest options): Vite transforms TypeScript itself; move what still matters to the Vitest config, or drop them');
        break;
      }
      case 'reporters':
        warnings.push('reporters: Vitest has its own (default, verbose, junit, json); choose in test.reporters');
        break;
      case 'projects':
        if (Array.isArray(value) && value.length > 0 && value.every((p) => p !== null && typeof p === 'object' && !Array.isArray(p))) {
          // Each Jest project becomes an inline Vitest project that inherits the root options.
          test['projects'] = value.map((project) => {
            const inner = jestConfigToVitest(underOwnRootDir(project as JestConfig), { ...(options.jsdomParity === true && { jsdomParity: true }), ...(options.jestTestMatch === true && { jestTestMatch: true }) });
            for (const d of inner.dependencies) dependencies.add(d);
            Object.assign(globalValues, inner.globalValues);
            aliases.push(...inner.aliases.filter((a) => !aliases.some((b) => b.find === a.find)));
            warnings.push(...inner.warnings.map((w) => `projects[${String(inner.test['name'] ?? '?')}]: ${w}`));
            if (inner.fakeTimersGlobally === true) warnings.push(`projects[${String(inner.test['name'] ?? '?')}]: fake timers for every test file: call vi.useFakeTimers() in the project's setup file by hand`);
            if (inner.globalTeardown !== undefined) warnings.push(`projects[${String(inner.test['name'] ?? '?')}]: globalTeardown: export \`teardown\` from the project's globalSetup module by hand`);
            const { coverage: _coverage, ...rest } = inner.test;
            return { extends: true, test: rest };
          });
        } else {
          warnings.push('projects: translate each project into test.projects by hand');
        }
        break;
      default:
        warnings.push(`${key}: no Vitest translation known`);
    }
  }
  if (setupFiles.length > 0) test['setupFiles'] = setupFiles;
  // Vitest matches include globs inside test.dir: `roots: ['<rootDir>/src']` with
  // `testMatch: ['<rootDir>/src/**/*.test.ts']` read as src/src/… and found no test.
  const dir = test['dir'];
  // A glob from a testRegex starts `**/<dir>/` (the regexp matched anywhere in the path), and every
  // file under the one root has that folder in its path: `**/` inside dir says the same.
  if (typeof dir === 'string' && Array.isArray(test['include'])) {
    test['include'] = test['include'].map((glob) => {
      if (typeof glob !== 'string') return glob;
      if (glob.startsWith(`${dir}/`)) return glob.slice(dir.length + 1);
      return glob.startsWith(`**/${dir}/`) && 'testRegex' in config ? `**/${glob.slice(dir.length + 4).replace(/^\*\*\//, '')}` : glob;
    });
  }
  // next-jest's __tests__/index2.test2.js ran under Jest only.
  if (options.jestTestMatch === true && !('testMatch' in config) && !('testRegex' in config) && test['projects'] === undefined) test['include'] = [...JEST_DEFAULT_TEST_MATCH];
  if (options.jestMajor !== undefined && options.jestMajor < 29 && !('snapshotFormat' in config)) test['snapshotFormat'] = { escapeString: true, printBasicPrototype: true };
  // Jest up to 26 ran the tests in jsdom unless the config named another environment (27 made node the default).
  if (options.jestMajor !== undefined && options.jestMajor <= 26 && !('testEnvironment' in config) && test['projects'] === undefined) {
    test['environment'] = 'jsdom';
    dependencies.add('jsdom');
  }
  if (environmentOptions !== undefined) {
    const carried = vitestEnvironmentOptions(test['environment'], environmentOptions);
    if (carried.options !== undefined) test['environmentOptions'] = carried.options;
    warnings.push(...carried.warnings);
  }
  if (test['environment'] === 'jsdom' && (options.jsdomParity === true || testUrl !== undefined)) {
    // Jest's jsdom page is at testURL (to 27) or http://localhost/; Vitest's at http://localhost:3000/,
    // which tests that build or compare URLs from `location` would see.
    const own = test['environmentOptions'] as Record<string, Record<string, JsonValue>> | undefined;
    if (own?.['jsdom']?.['url'] === undefined) test['environmentOptions'] = { ...own, jsdom: { ...own?.['jsdom'], url: testUrl ?? 'http://localhost/' } };
  } else if (testUrl !== undefined) warnings.push(`testURL: no Vitest translation known for the ${String(test['environment'] ?? 'node')} environment`);
  // Jest's jsdom environment has no setImmediate; the compat setup file (package-json.ts) removes
  // Node's from Vitest's, and the fake timers must then not try to fake it.
  const jsdomTimers = options.jsdomParity === true && test['environment'] === 'jsdom';
  if (jsdomTimers || doNotFake.length > 0 || Object.keys(fakeTimerOptions).length > 0) {
    const browserLike = test['environment'] === 'jsdom' || test['environment'] === 'happy-dom';
    const faked: readonly string[] | undefined = jsdomTimers || (doNotFake.length > 0 && browserLike) ? JSDOM_FAKE_TIMERS : doNotFake.length > 0 ? NODE_FAKE_TIMERS : undefined;
    test['fakeTimers'] = { ...(faked && { toFake: faked.filter((name) => !doNotFake.includes(name)) }), ...fakeTimerOptions };
  }
  if (Object.keys(coverage).length > 0) {
    test['coverage'] = { provider: 'v8', ...coverage };
    dependencies.add('@vitest/coverage-v8');
  }
  return {
    test,
    aliases,
    dependencies: [...dependencies].sort(),
    warnings,
    ...(moduleFolders.length > 0 && { moduleFolders }),
    ...(Object.keys(globalValues).length > 0 && { globalValues }),
    ...(fakeTimersGlobally && { fakeTimersGlobally }),
    ...(globalTeardown !== undefined && { globalTeardown }),
    ...(serializerPackages.length > 0 && { serializerPackages }),
  };
}

/** A Jest module path that names a package (`@emotion/jest/serializer`), not a file: no `<rootDir>`, `./`, `/`, nor script extension. */
function isPackagePath(path: string): boolean {
  return !/^(?:<rootDir>|\.{1,2}(?:\/|$)|\/)/.test(path) && !/\.[cm]?[jt]sx?$/.test(path);
}

/**
 * Jest resolves globalTeardown from rootDir, as a path first: `<rootDir>/…`, `./…` and a name with
 * a script extension (`test/teardown.js`) are files, imported relative to the config's folder; the
 * rest is a package path (`@shelf/jest-mongodb/lib/teardown`).
 */
function teardownSpecifier(value: string): string {
  const path = rootRelative(value);
  if (/^\.{0,2}\//.test(path)) return path;
  return /\.[cm]?[jt]sx?$/.test(path) ? `./${path}` : path;
}

/**
 * A config's `rootDir` below its folder (`<rootDir>/packages/a`, or `packages/a`; NestJS's generated
 * `"rootDir": "src"`; netlify-webpack-plugin's `join(__dirname, './src')`) is the `<rootDir>` of
 * its options and, without `roots`, the one folder its tests are found in. So each option that
 * starts with `<rootDir>` is rebased under it, the relative paths and globs Jest resolves against
 * rootDir (setup files, collectCoverageFrom, coverageDirectory: Nest's `../coverage`, which Vitest
 * would have written outside the project) get it in front, and `roots` names it (→ test.dir).
 * Without that each inline Vitest project ran every test of the workspace (pnpm-ts-jest in the
 * corpus: two projects, each test twice). A rootDir outside the config's folder stays a warning.
 * `tokensNameConfigFolder`: the options' `<rootDir>` is the config's folder (readJestConfigSource's
 * reading of `path.join(__dirname, …)`), so those paths stay as they are.
 */
function underOwnRootDir(project: JestConfig, tokensNameConfigFolder = false): JestConfig {
  const rootDir = project['rootDir'];
  if (typeof rootDir !== 'string' || rootDir.startsWith('/')) return project;
  const dir = posix.normalize(withoutRootDir(rootDir)).replace(/\/$/, '');
  if (dir === '.' || dir.startsWith('..') || dir.includes('<rootDir>')) return project;
  const rebase = (value: JsonValue): JsonValue => {
    if (typeof value === 'string') return tokensNameConfigFolder ? value : value.replace(/^(!?)<rootDir>(?=\/|$)/, `$1<rootDir>/${dir}`);
    if (Array.isArray(value)) return value.map(rebase);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, rebase(each)]));
    return value;
  };
  // `./setup.ts`, `**/*.ts`, `../coverage`: a path, not a package name (enzyme-to-json/serializer).
  const underRootDir = (value: JsonValue): JsonValue => {
    if (typeof value !== 'string') return value;
    const negated = value.startsWith('!') ? '!' : '';
    const path = value.slice(negated.length);
    if (path.startsWith('<rootDir>') || path.startsWith('/') || !/^\.|[*?{]/.test(path)) return rebase(value);
    return `${negated}<rootDir>/${posix.join(dir, path)}`;
  };
  const { rootDir: _rootDir, ...options } = project;
  const rebased = Object.fromEntries(
    Object.entries(options).map(([key, value]) => [key, key === 'globals' ? value : ROOTDIR_PATHS.has(key) ? (Array.isArray(value) ? value.map(underRootDir) : underRootDir(value)) : rebase(value)]),
  );
  return 'roots' in rebased ? rebased : { ...rebased, roots: [`<rootDir>/${dir}`] };
}

/**
 * Jest replaces the whole module name when a moduleNameMapper key matches anywhere in it; Vite's
 * RegExp alias replaces only the matched part (`\.(svg|png)$` turned './logo.svg' into
 * './logo/abs/fileMock.js': react-testing-recipes in the corpus). So the key is anchored to the
 * whole name, with non-capturing groups only: the target's $1… keep their numbers.
 */
export function wholeSpecifier(find: string): string {
  const start = find.startsWith('^');
  const end = find.endsWith('$') && !find.endsWith('\\$');
  if (start && end) return find;
  const body = find.slice(start ? 1 : 0, end ? -1 : undefined);
  return `^${start ? '' : '.*'}(?:${body})${end ? '' : '.*'}$`;
}

/**
 * vitest.config.ts for the translation. `split` names the helper (runner-split.ts) whose
 * excludeJestFiles wraps the `test` block while Jest still runs the files not migrated yet.
 */
/**
 * React's JSX as babel-jest compiled it: in `.js` files too (Vite reads JSX only in .jsx/.tsx:
 * CRA-style and babel-preset-react projects write it in .js), and with the runtime of the
 * project's React whatever tsconfig says (Next.js sets "jsx": "preserve", which Vite would keep).
 * A file with a `@jsx` pragma (emotion's `/** @jsx jsx *\/`) is compiled with the classic runtime
 * and that factory, as Babel did: the automatic runtime ignores the pragma (esbuild warns and drops
 * emotion's css prop). Vite 8 compiles with Oxc, earlier ones with esbuild; `vite` is the one
 * Vitest runs on.
 */
function reactJsxPlugin(runtime: 'automatic' | 'classic'): string[] {
  return [
    `// Added by codemigrate's jest-to-vitest recipe: React's JSX as babel-jest compiled it, in .js`,
    `// files too, with React's ${runtime} runtime (Vite 8 compiles with Oxc, earlier Vites with esbuild);`,
    '// a file with a @jsx pragma (/** @jsx jsx */) with the classic runtime and its factory, as Babel did.',
    'type Transform = (code: string, id: string, options: object) => Promise<{ code: string; map?: unknown }>;',
    'const { transformWithOxc, transformWithEsbuild } = vite as unknown as Record<string, Transform | undefined>;',
    `const esbuildJsx = { automatic: 'automatic', classic: 'transform' } as const;`,
    'const reactJsx = {',
    "  name: 'codemigrate:react-jsx',",
    "  enforce: 'pre' as const,",
    `  config: () => (transformWithOxc ? { oxc: { jsx: { runtime: '${runtime}' } } } : { esbuild: { jsx: esbuildJsx.${runtime} } }) as never,`,
    '  transform(code: string, id: string) {',
    "    const file = id.split('?')[0] ?? '';",
    "    if (/\\/node_modules\\//.test(file) || !/<[A-Za-z>]/.test(code)) return null;",
    `    const runtime = /@jsx\\s+[\\w$.]+/.test(code) ? 'classic' : '${runtime}';`,
    "    if (!/\\.[cm]?js$/.test(file) && !(runtime === 'classic' && /\\.[jt]sx$/.test(file))) return null;",
    "    const lang = file.endsWith('.tsx') ? 'tsx' : 'jsx';",
    '    if (transformWithOxc) return transformWithOxc(code, id, { lang, jsx: { runtime } });',
    '    return transformWithEsbuild?.(code, id, { loader: lang, jsx: esbuildJsx[runtime] }) ?? null;',
    '  },',
    '};',
    '',
  ];
}

/**
 * Babel macros (`import styled from '@emotion/styled/macro'`, `styled-components/macro`,
 * `*.macro` packages), which babel-jest ran through babel-plugin-macros (CRA's Babel preset has
 * it): outside Babel a macro's module throws or exports nothing usable. Files that import one go
 * through Babel with that plugin only, before JSX is compiled; @babel/core and the plugin are the
 * project's, or those react-scripts brought (a strict package manager hides them at the root).
 */
function babelMacrosPlugin(): string[] {
  return [
    "// Added by codemigrate's jest-to-vitest recipe: Babel macros (…/macro, *.macro imports) as babel-jest",
    "// ran them, through babel-plugin-macros (CRA's Babel preset has it), before JSX is compiled.",
    'const projectRequire = createRequire(import.meta.url);',
    'const babelPackage = (name: string): string => {',
    "  for (const host of ['', 'react-scripts/', 'babel-preset-react-app/']) {",
    '    try {',
    "      return host === '' ? projectRequire.resolve(name) : createRequire(projectRequire.resolve(`${host}package.json`)).resolve(name);",
    '    } catch {}',
    '  }',
    '  throw new Error(`codemigrate:babel-macros: ${name} is not installed; add it to devDependencies`);',
    '};',
    'const babelMacros = {',
    "  name: 'codemigrate:babel-macros',",
    "  enforce: 'pre' as const,",
    '  async transform(code: string, id: string) {',
    "    const file = id.split('?')[0] ?? '';",
    '    if (/\\/node_modules\\//.test(file) || !/\\.[cm]?[jt]sx?$/.test(file) || !/[\'"][^\'"\\n]*[./]macro(?:\\.[cm]?js)?[\'"]/.test(code)) return null;',
    "    const babel = projectRequire(babelPackage('@babel/core'));",
    "    const parser = ['jsx', ...(/\\.[cm]?tsx?$/.test(file) ? ['typescript'] : [])];",
    "    const result = await babel.transformAsync(code, { filename: file, babelrc: false, configFile: false, sourceMaps: true, plugins: [babelPackage('babel-plugin-macros')], parserOpts: { plugins: parser } });",
    '    return result?.code == null ? null : { code: result.code, map: result.map };',
    '  },',
    '};',
    '',
  ];
}

/** Jest's modulePaths: a bare import that no package answers is looked for in these folders too. */
function moduleFoldersPlugin(folders: readonly string[]): string[] {
  return [
    "// Added by codemigrate's jest-to-vitest recipe: Jest's modulePaths / moduleDirectories. A bare",
    '// import that no package answers is looked for in these folders, as Jest did.',
    'type Resolve = (id: string, importer?: string, options?: object) => Promise<unknown>;',
    'const moduleFolders = {',
    "  name: 'codemigrate:module-folders',",
    "  enforce: 'pre' as const,",
    '  async resolveId(this: { resolve: Resolve }, id: string, importer?: string) {',
    "    if (/^[./\\0]|^[a-z]+:/i.test(id)) return null;",
    '    const found = await this.resolve(id, importer, { skipSelf: true });',
    '    if (found) return found;',
    `    for (const folder of ${printValue([...folders], '')}) {`,
    "      const inFolder = await this.resolve(fileURLToPath(new URL(`./${folder}/${id}`, import.meta.url)), importer, { skipSelf: true });",
    '      if (inFolder) return inFolder;',
    '    }',
    '    return null;',
    '  },',
    '};',
    '',
  ];
}

export interface RenderOptions {
  /** The coexist split file's name: Vitest leaves the files Jest still runs to Jest. */
  readonly split?: string;
  /** A React project without a Vite config: compile JSX as its babel-jest did. */
  readonly reactRuntime?: 'automatic' | 'classic';
  /** babel-jest ran Babel macros (CRA, babel-plugin-macros): run them through Babel (babelMacrosPlugin). */
  readonly babelMacros?: boolean;
  /** babel-jest stripped Flow annotations (@babel/preset-flow): strip them through Babel (flow-types.ts). */
  readonly flowTypes?: boolean;
  /** A Vue 3 project without a Vite config: `.vue` files through @vitejs/plugin-vue, as vue-jest compiled them. */
  readonly vue?: boolean;
  /**
   * The tests saw CRA's .env files in process.env (`react-scripts test`, or a Jest config that
   * requires react-scripts/config/env): `test.env` loads them with Vite's loadEnv, every variable.
   */
  readonly craEnv?: boolean;
  /**
   * Jest's transform ran the project's files, its require() too: a require() that Node cannot
   * load as Jest did goes through Vite (require-through-vite.ts).
   */
  readonly requireThroughVite?: boolean;
  /** Packages a test mocks a file inside (package-mocks.ts): their own requires through Vitest's mocker. */
  readonly mockedPackages?: readonly string[];
}

export function renderVitestConfig(translation: VitestTranslation, options: RenderOptions = {}): string {
  const { split, reactRuntime, babelMacros, flowTypes, vue, craEnv, requireThroughVite } = options;
  const mocked = options.mockedPackages ?? [];
  // The project's tsconfig often takes this new file in, with a moduleResolution (node10) that
  // cannot see 'vitest/config' (exports only): TS2792 in every step's typecheck (prom-client).
  // Vitest loads it whatever tsc says; its types are Vitest's business, not the project's.
  const lines = ['// @ts-nocheck (written by codemigrate: Vitest loads it whatever the project\'s tsconfig resolves)', "import { defineConfig } from 'vitest/config';"];
  const relative = translation.aliases.some((alias) => alias.relative);
  const folders = translation.moduleFolders ?? [];
  if (relative || folders.length > 0 || craEnv === true) lines.push("import { fileURLToPath } from 'node:url';");
  if (babelMacros === true || flowTypes === true || requireThroughVite === true) lines.push("import { createRequire } from 'node:module';");
  if (requireThroughVite === true) lines.push(...REQUIRE_THROUGH_VITE_IMPORTS);
  if (reactRuntime !== undefined) lines.push("import * as vite from 'vite';");
  if (vue === true) lines.push("import vue from '@vitejs/plugin-vue';");
  if (craEnv === true) lines.push("import { loadEnv } from 'vite';");
  if (split !== undefined) lines.push(splitImport());
  lines.push('');
  if (relative) lines.push("const root = fileURLToPath(new URL('./', import.meta.url));", '');
  if (flowTypes === true) lines.push(...flowTypesPlugin());
  if (babelMacros === true) lines.push(...babelMacrosPlugin());
  if (reactRuntime !== undefined) lines.push(...reactJsxPlugin(reactRuntime));
  if (folders.length > 0) lines.push(...moduleFoldersPlugin(folders));
  if (requireThroughVite === true) lines.push(...requireThroughVitePlugin());
  if (mocked.length > 0) lines.push(...mockedPackagesPlugin(mocked));
  lines.push('export default defineConfig({');
  const plugins = [
    ...(flowTypes === true ? ['flowTypes'] : []),
    ...(babelMacros === true ? ['babelMacros'] : []),
    ...(vue === true ? ['vue()'] : []),
    ...(reactRuntime !== undefined ? ['reactJsx'] : []),
    ...(folders.length > 0 ? ['moduleFolders'] : []),
    ...(requireThroughVite === true ? ['requireThroughVite'] : []),
    ...(mocked.length > 0 ? ['codemigrateMockedPackages'] : []),
  ];
  if (plugins.length > 0) lines.push(`  plugins: [${plugins.join(', ')}],`);
  const printed = printTestBlock({ ...translation, test: withInlinedPackages(translation.test, mocked) }, '  ', (alias) => `root + ${printValue(alias.replacement, '')}`);
  // CRA's config/env loads .env, .env.test, .env.test.local into process.env, every variable (Vite's
  // loadEnv with the prefix '' reads those and .env.local too, which CRA skips in tests).
  const envLines = [
    "    // Added by codemigrate's jest-to-vitest recipe: CRA's .env files, which react-scripts loaded into process.env.",
    "    env: loadEnv('test', fileURLToPath(new URL('./', import.meta.url)), ''),",
  ];
  const test = craEnv !== true ? printed : printed === '{}' ? `{\n${envLines.join('\n')}\n  }` : `${printed.slice(0, -4)}\n${envLines.join('\n')}\n  }`;
  lines.push(`  test: ${split === undefined ? test : `excludeJestFiles(${test})`},`, '});', '');
  return lines.join('\n');
}

/**
 * The `test` block: the translated options, then moduleNameMapper's aliases as `test.alias`.
 * Vitest merges `test.alias` into `resolve.alias` (ahead of it) for test runs only, so a Vite
 * config's `vite build` does not see them; `relative` prints a root-relative replacement.
 */
export function printTestBlock(translation: VitestTranslation, indent: string, relative: (alias: VitestAlias) => string, step = '  '): string {
  const test = printValue(translation.test, indent, step);
  if (translation.aliases.length === 0) return test;
  const inner = indent + step;
  const entries = translation.aliases.map((alias) => {
    const replacement = alias.relative ? relative(alias) : printValue(alias.replacement, '');
    return `${inner}${step}{ find: new RegExp(${printValue(alias.find, '')}), replacement: ${replacement} },`;
  });
  const alias = `${inner}alias: [\n${entries.join('\n')}\n${inner}],`;
  // printValue closes a non-empty object with `\n<indent>}`.
  const body = test === '{}' ? '{' : test.slice(0, -(indent.length + 2));
  return `${body}\n${alias}\n${indent}}`;
}

/** A JSON value as TypeScript source: single quotes, bare keys where they are identifiers, one entry a line. */
export function printValue(value: JsonValue, indent: string, step = '  '): string {
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (value === null || typeof value !== 'object') return String(value);
  const inner = indent + step;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => printValue(item, inner, step));
    const oneLine = `[${items.join(', ')}]`;
    return oneLine.length <= 80 && !oneLine.includes('\n') ? oneLine : `[\n${items.map((item) => `${inner}${item},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const props = entries.map(([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`}: ${printValue(item, inner, step)}`);
  return `{\n${props.map((prop) => `${inner}${prop},`).join('\n')}\n${indent}}`;
}

/**
 * The config object a jest.config.{js,ts,cjs,mjs} exports, read from its syntax: `module.exports =
 * {…}`, `export default {…}`, or either naming a `const` holding the object (with or without a
 * type annotation or `satisfies`). Non-literal values are dropped and named in `unread`.
 */
export function readJestConfigSource(text: string, fileName: string, exists?: (path: string) => boolean | undefined, readText?: (path: string) => string | undefined): { config?: JestConfig; unread: string[]; wrapper?: 'next/jest'; craEnv?: true } {
  if (/\.[cm]?[jt]s$/.test(fileName)) {
    const evaluated = evaluateConfig(text, fileName);
    if (evaluated) return evaluated;
  }
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const unread: string[] = [];
  const consts = new Map<string, ts.Expression>();
  // Local names of next/jest's default export (`import nextJest from 'next/jest.js'`, or required).
  const nextJest = new Set<string>();
  let exported: ts.Expression | undefined;
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && NEXT_JEST.test(statement.moduleSpecifier.text)) {
      const name = statement.importClause?.name?.text;
      if (name !== undefined) nextJest.add(name);
    }
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) consts.set(d.name.text, d.initializer);
    } else if (ts.isExportAssignment(statement)) {
      exported = statement.expression;
    } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression)) {
      const { left, right } = statement.expression;
      if (left.getText(source) === 'module.exports') exported = right;
    }
  }
  for (const [name, value] of consts) {
    const call = unwrap(value);
    if (ts.isCallExpression(call) && call.expression.getText(source) === 'require' && call.arguments.length === 1) {
      const [specifier] = call.arguments;
      if (specifier && ts.isStringLiteral(specifier) && NEXT_JEST.test(specifier.text)) nextJest.add(name);
    }
  }
  // next/jest: `const createJestConfig = nextJest({ dir })` and `export default createJestConfig(config)`.
  const wrapped = exported && unwrap(exported);
  const wrapper = wrapped && ts.isCallExpression(wrapped) && ts.isIdentifier(wrapped.expression) ? consts.get(wrapped.expression.text) : undefined;
  const wrapperCall = wrapper && unwrap(wrapper);
  const isNextJest = !!wrapperCall && ts.isCallExpression(wrapperCall) && ts.isIdentifier(wrapperCall.expression) && nextJest.has(wrapperCall.expression.text);
  const configArgument = isNextJest && ts.isCallExpression(wrapped!) ? (wrapped.arguments[0] ?? ts.factory.createObjectLiteralExpression()) : exported;
  const node = configArgument && resolve(configArgument, consts);
  if (!node || !ts.isObjectLiteralExpression(node)) return { unread: ['the exported config is not an object literal'] };
  const calls: CallReader = (call) => (readText === undefined ? undefined : pathsMapperCall(call, source, fileName, readText));
  const config = settleRootDirTokens(literal(node, '', unread, source, consts, exists, calls));
  // `require('react-scripts/config/env')`: CRA's .env files reach process.env, as `react-scripts test` does.
  const craEnv = source.statements.some((statement) => ts.isExpressionStatement(statement) && /^require\(\s*['"]react-scripts\/config\/env(?:\.js)?['"]\s*\)$/.test(statement.expression.getText(source)));
  return { config: config as JestConfig, unread, ...(isNextJest && { wrapper: 'next/jest' as const }), ...(craEnv && { craEnv: true as const }) };
}

const NEXT_JEST = /^next\/jest(?:\.js)?$/;

/** A `<rootDir>` the config's text writes (Jest's token), while the reader's own `<rootDir>` stands for `__dirname`. */
const JEST_ROOT_TOKEN = '<rootDir\u0000>';

/**
 * Jest's `<rootDir>` tokens in a config whose rootDir is computed under its folder (`rootDir:
 * path.resolve(__dirname, 'src')` → '<rootDir>/src') name that rootDir, not the folder: they are
 * written under it (fastify-template's `globalSetup: '<rootDir>/../jest.global-setup.ts'` is
 * `<rootDir>/jest.global-setup.ts`; read as the folder's, Vitest looked for it above the project and
 * every test of the step failed). Elsewhere the token stays as written.
 */
function settleRootDirTokens(config: JsonValue | undefined): JsonValue | undefined {
  const rootDir = config !== null && typeof config === 'object' && !Array.isArray(config) ? config['rootDir'] : undefined;
  const dir = typeof rootDir === 'string' && rootDir.startsWith('<rootDir>/') ? rootDir.slice('<rootDir>/'.length) : undefined;
  const settle = (value: JsonValue): JsonValue => {
    if (typeof value === 'string') {
      if (!value.includes(JEST_ROOT_TOKEN)) return value;
      return value.replace(/^(!?)<rootDir\u0000>(\/.*)?$/s, (_, negated: string, rest: string | undefined) => {
        if (dir === undefined) return `${negated}<rootDir>${rest ?? ''}`;
        const path = posix.normalize(`${dir}${rest ?? ''}`);
        return path === '.' ? `${negated}<rootDir>` : `${negated}<rootDir>/${path}`;
      });
    }
    if (Array.isArray(value)) return value.map(settle);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, settle(each)]));
    return value;
  };
  return config === undefined ? undefined : settle(config);
}

/** What a call in a config evaluates to, when the reader knows the function; undefined otherwise. */
type CallReader = (call: ts.CallExpression) => JsonValue | undefined;

/**
 * ts-jest's `pathsToModuleNameMapper(compilerOptions.paths, { prefix })`, its documented way to
 * share tsconfig's `paths` with Jest: the mappers it returns, read from the tsconfig the config
 * file imports or requires (tsconfig.json when none is named beside it).
 */
function pathsMapperCall(call: ts.CallExpression, source: ts.SourceFile, fileName: string, readText: (path: string) => string | undefined): JsonValue | undefined {
  if (!ts.isIdentifier(call.expression) || call.expression.text !== 'pathsToModuleNameMapper') return undefined;
  const named = /(?:require\(\s*|from\s+)['"](\.{1,2}\/[^'"]*tsconfig[^'"]*)['"]/.exec(source.text)?.[1];
  const dir = fileName.includes('/') ? fileName.slice(0, fileName.lastIndexOf('/') + 1) : '';
  const file = posix.normalize(`${dir}${named ?? 'tsconfig.json'}`).replace(/^\.\//, '');
  const paths = compilerPaths(readText(file.endsWith('.json') ? file : `${file}.json`));
  if (paths === undefined) return undefined;
  const options = call.arguments[1];
  const prefixProperty = options && ts.isObjectLiteralExpression(options) ? options.properties.find((p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'prefix') : undefined;
  const prefix = prefixProperty && ts.isPropertyAssignment(prefixProperty) && ts.isStringLiteralLike(prefixProperty.initializer) ? prefixProperty.initializer.text : '';
  return pathsToMappers(paths.paths, (target) => `${prefix}${target}`);
}

/** tsconfig `paths` as Jest module mappers: `"@app/*": ["src/app/*"]` → `'^@app/(.*)$': where('src/app/$1')`. */
export function pathsToMappers(paths: Readonly<Record<string, readonly string[]>>, where: (target: string) => string): Record<string, JsonValue> {
  const mappers: Record<string, JsonValue> = {};
  for (const [alias, targets] of Object.entries(paths)) {
    const [target] = targets;
    if (target === undefined || (alias.match(/\*/g) ?? []).length > 1) continue;
    mappers[`^${alias.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace('*', '(.*)')}$`] = where(target.replace(/^\.\//, '').replace('*', '$1'));
  }
  return mappers;
}

/** compilerOptions.paths and baseUrl ('' for the folder itself) of a tsconfig/jsconfig text (with comments). */
export function compilerPaths(text: string | undefined): { paths: Record<string, string[]>; baseUrl: string } | undefined {
  if (text === undefined) return undefined;
  const { config } = ts.parseConfigFileTextToJson('tsconfig.json', text) as { config?: { compilerOptions?: { paths?: unknown; baseUrl?: unknown } } };
  const options = config?.compilerOptions;
  if (!options || !options.paths || typeof options.paths !== 'object') return undefined;
  const paths = Object.fromEntries(Object.entries(options.paths as Record<string, unknown>).filter((entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].every((t) => typeof t === 'string')));
  const baseUrl = typeof options.baseUrl === 'string' ? options.baseUrl.replace(/^\.\/?/, '').replace(/\/$/, '') : '';
  return { paths, baseUrl };
}

/**
 * What a config with no require and no value import exports, run with an empty process.env
 * (Jest's default path through env switches); undefined when it needs anything else. ES module
 * and TypeScript syntax is first compiled to CommonJS, which drops type-only imports: eemeli/yaml's
 * config/jest.config.js (`export default`, "type": "module") picks its moduleNameMapper in an
 * `if (process.env.TEST === 'dist')`, which its syntax alone does not say, and its tests then
 * imported the unbuilt dist/ under Vitest.
 */
function evaluateConfig(text: string, fileName: string): { config: JestConfig; unread: string[] } | undefined {
  if (/\brequire\s*\(/.test(text)) return undefined;
  let code = text;
  if (/\bimport\b|\bexport\b/.test(text) || /\.[cm]?ts$/.test(fileName)) {
    code = ts.transpileModule(text, { fileName, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, verbatimModuleSyntax: false } }).outputText;
    if (/\brequire\s*\(|\bimport\s*\(|\bimport\.meta\b/.test(code)) return undefined;
  }
  const module = { exports: {} as Record<string, unknown> };
  try {
    runInNewContext(code, { module, exports: module.exports, process: { env: {} } }, { timeout: 1000 });
  } catch {
    return undefined;
  }
  const value = module.exports['__esModule'] === true ? module.exports['default'] : module.exports;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const unread: string[] = [];
  const json = JSON.stringify(value, function (this: unknown, key: string, item: unknown) {
    if (typeof item === 'function' || typeof item === 'symbol' || typeof item === 'bigint') {
      unread.push(`${key}: ${typeof item}`);
      return undefined;
    }
    return item;
  });
  return { config: JSON.parse(json) as JestConfig, unread };
}

/** Follows parentheses, `as`/`satisfies` and identifiers that name a top-level const. */
function resolve(node: ts.Expression, consts: ReadonlyMap<string, ts.Expression>, seen = new Set<string>()): ts.Expression {
  const value = unwrap(node);
  if (ts.isIdentifier(value) && consts.has(value.text) && !seen.has(value.text)) {
    seen.add(value.text);
    return resolve(consts.get(value.text)!, consts, seen);
  }
  return value;
}

/**
 * What Jest configs compute that is known without running them: `require.resolve('x')` and
 * `resolve.sync('x', …)` (the resolve package) → 'x' (Jest takes module names where it takes
 * paths); `__dirname`, `path.join(__dirname, 'src')`, `path.resolve(…)`, `` `${__dirname}/src` ``,
 * `__dirname + '/src'` → '<rootDir>/src' (the config's folder is Jest's default rootDir);
 * `fs.existsSync(p) ? a : b` → the branch the project's files choose (`exists`), as an expression
 * to read on. Undefined for anything else.
 */
function computedValue(value: ts.Expression, source: ts.SourceFile, consts: ReadonlyMap<string, ts.Expression>, exists?: (path: string) => boolean | undefined): string | ts.Expression | undefined {
  if (ts.isIdentifier(value) && value.text === '__dirname') return '<rootDir>';
  if (ts.isConditionalExpression(value)) {
    const condition = unwrap(value.condition);
    if (!ts.isCallExpression(condition) || !/^(?:\w+\.)?existsSync$/.test(condition.expression.getText(source)) || condition.arguments.length !== 1) return undefined;
    const path = pathText(condition.arguments[0]!, source, consts);
    const found = path === undefined ? undefined : exists?.(path.replace(/^<rootDir>(?:\/|$)/, '').replace(/^\.\//, '') || '.');
    return found === undefined ? undefined : found ? value.whenTrue : value.whenFalse;
  }
  return pathText(value, source, consts);
}

/** A module name or a path under the config's folder (see computedValue); undefined when it is neither. */
function pathText(node: ts.Expression, source: ts.SourceFile, consts: ReadonlyMap<string, ts.Expression>): string | undefined {
  const value = resolve(node, consts);
  if (ts.isStringLiteralLike(value)) return value.text;
  if (ts.isIdentifier(value) && value.text === '__dirname') return '<rootDir>';
  // `resolve` starts again at a segment that is absolute; join and concatenation only add it.
  const underRoot = (parts: readonly ts.Expression[], resolving = false): string | undefined => {
    const [first, ...rest] = parts;
    if (!first || !(ts.isIdentifier(unwrap(first)) && (unwrap(first) as ts.Identifier).text === '__dirname')) return undefined;
    const texts = rest.map((part) => resolve(part, consts)).map((part) => (ts.isStringLiteralLike(part) ? part.text : undefined));
    if (texts.some((text) => text === undefined || (resolving && text.startsWith('/')))) return undefined;
    const relative = posix.normalize(texts.join('/') || '.').replace(/^\/+/, '') || '.';
    if (relative === '..' || relative.startsWith('../')) return undefined;
    return relative === '.' || relative === './' ? '<rootDir>' : `<rootDir>/${relative.replace(/^\.\//, '').replace(/\/$/, '')}`;
  };
  if (ts.isCallExpression(value)) {
    const callee = value.expression.getText(source);
    const [first] = value.arguments;
    // require.resolve('x'), resolve.sync('x', { basedir }) of the resolve package.
    const resolver = callee === 'require.resolve' || (ts.isPropertyAccessExpression(value.expression) && value.expression.name.text === 'sync' && requires(value.expression.expression, 'resolve', consts, source));
    if (resolver && first) {
      const specifier = resolve(first, consts);
      return ts.isStringLiteralLike(specifier) ? specifier.text : pathText(specifier, source, consts);
    }
    if (/^(?:path\.(?:posix\.)?)?(?:join|resolve)$/.test(callee)) return underRoot(value.arguments, callee.endsWith('resolve'));
    return undefined;
  }
  if (ts.isTemplateExpression(value) && value.head.text === '' && value.templateSpans.length === 1) {
    const [span] = value.templateSpans;
    if (!span || span.literal.text === '' || !ts.isIdentifier(unwrap(span.expression)) || (unwrap(span.expression) as ts.Identifier).text !== '__dirname') return undefined;
    return underRoot([span.expression, ts.factory.createStringLiteral(span.literal.text)]);
  }
  if (ts.isBinaryExpression(value) && value.operatorToken.kind === ts.SyntaxKind.PlusToken) return underRoot([value.left, value.right]);
  return undefined;
}

/** `name` is `require('<module>')` or an import of it (default or namespace). */
function requires(node: ts.Expression, module: string, consts: ReadonlyMap<string, ts.Expression>, source: ts.SourceFile): boolean {
  if (!ts.isIdentifier(node)) return false;
  const init = consts.get(node.text);
  if (init) {
    const call = unwrap(init);
    return ts.isCallExpression(call) && call.expression.getText(source) === 'require' && call.arguments.length === 1 && ts.isStringLiteralLike(call.arguments[0]!) && call.arguments[0].text === module;
  }
  return source.statements.some((statement) => ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === module && (statement.importClause?.name?.text === node.text || (statement.importClause?.namedBindings !== undefined && ts.isNamespaceImport(statement.importClause.namedBindings) && statement.importClause.namedBindings.name.text === node.text)));
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current)) current = current.expression;
  return current;
}

function literal(
  node: ts.Expression,
  at: string,
  unread: string[],
  source: ts.SourceFile,
  consts: ReadonlyMap<string, ts.Expression>,
  exists?: (path: string) => boolean | undefined,
  calls: CallReader = () => undefined,
): JsonValue | undefined {
  const value = resolve(node, consts);
  if (ts.isCallExpression(value)) {
    const read = calls(value);
    if (read !== undefined) return read;
  }
  if (ts.isStringLiteralLike(value)) return value.text.replace(/^(!?)<rootDir>(?=\/|$)/, `$1${JEST_ROOT_TOKEN}`);
  const computed = computedValue(value, source, consts, exists);
  if (computed !== undefined) return typeof computed === 'string' ? computed : literal(computed, at, unread, source, consts, exists, calls);
  if (ts.isNumericLiteral(value)) return Number(value.text);
  if (value.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (value.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (value.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isPrefixUnaryExpression(value) && value.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(value.operand)) return -Number(value.operand.text);
  if (ts.isArrayLiteralExpression(value)) {
    return value.elements.map((e, i) => literal(e, `${at}[${i}]`, unread, source, consts, exists, calls)).filter((e): e is JsonValue => e !== undefined);
  }
  if (ts.isObjectLiteralExpression(value)) {
    const object: Record<string, JsonValue> = {};
    for (const property of value.properties) {
      if (ts.isSpreadAssignment(property)) {
        const target = resolve(property.expression, consts);
        const called = ts.isCallExpression(target) ? calls(target) : undefined;
        if (ts.isObjectLiteralExpression(target)) Object.assign(object, literal(target, at, unread, source, consts, exists, calls));
        else if (called !== undefined && called !== null && typeof called === 'object' && !Array.isArray(called)) Object.assign(object, called);
        else unread.push(`${at ? `${at}.` : ''}...${property.expression.getText(source).slice(0, 60)}`);
        continue;
      }
      const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteralLike(property.name)) ? property.name.text : undefined;
      const path = at ? `${at}.${name ?? '?'}` : name ?? '?';
      const initializer = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
      if (name === undefined || initializer === undefined) {
        unread.push(path);
        continue;
      }
      const read = literal(initializer, path, unread, source, consts, exists, calls);
      if (read !== undefined) object[name] = read;
    }
    return object;
  }
  unread.push(`${at}: ${value.getText(source).slice(0, 60)}`);
  return undefined;
}
