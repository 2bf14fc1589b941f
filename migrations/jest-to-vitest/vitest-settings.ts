// The Vitest settings both setup transforms derive from a project (package-json.ts writes them
// into vitest.config.ts, vite-config.ts into an existing Vite config's `test` block): the Jest
// config's translation, `globals` for Testing Library, and the compat setup file with what it
// needs in the config. Pure, apart from the text it returns for the setup file.

// A namespace import: the transform loader may turn this module into CommonJS without default interop.
import * as semver from 'semver';
import { jestConfigToVitest, type JsonValue, type VitestTranslation } from './jest-config.js';
import type { FoundJestConfig } from './jest-config-source.js';
import { mockCopyPath, mockRegistrations, needsJestGlobal, type NodeModuleMock } from './node-module-mocks.js';
import { setupCopyPath } from './runner-split.js';

/** Packages whose automatic cleanup registers itself with a global `afterEach`. */
export const TESTING_LIBRARY_CLEANUP = ['@testing-library/react', '@testing-library/preact', '@testing-library/vue', '@testing-library/svelte'] as const;
/** Packages whose waitFor / findBy* advance fake timers through a global `jest`. */
export const TESTING_LIBRARY_TIMERS = ['@testing-library/dom', ...TESTING_LIBRARY_CLEANUP] as const;

/**
 * The setup file that gives Vitest two behaviours of Jest's that tests lean on without saying so:
 * - Testing Library's `waitFor` (and `findBy*`, and React's `asyncWrapper`) advance fake timers
 *   only through a global `jest` (`typeof jest !== 'undefined'` and a faked `setTimeout`, which
 *   Vitest's fakes are); without one they poll in real time against frozen timers and time out.
 * - Jest's jsdom environment has no `setImmediate`; Vitest's keeps Node's, so React's scheduler
 *   queues its work differently and timing-sensitive tests change outcome (one react-hook-form
 *   test failed about half of its runs). The translated config stops fake timers faking it.
 * - Jest's toThrowErrorMatchingSnapshot snapshots the thrown error's message; Vitest 1+ snapshots
 *   the error itself (`[TypeError: …]`), so every such snapshot Jest wrote differs (prom-client in
 *   the corpus: 47 tests). Setup cannot see which test files use it, so every project gets this.
 * - Jest's toEqual takes two Errors as equal when their messages are; Vitest 3+ also compares
 *   name, cause, own properties and class (see ERROR_EQUALITY).
 * - Jest's fake timers read the real Date.now for their clock, whatever a test put in its place;
 *   vi.useFakeTimers() reads the test's (see FAKE_TIMERS_CLOCK).
 * - Jest gave each test file a process object of its own; a project whose tests fake timers
 *   through sinon gets one too (see PROCESS_COPY).
 */
export const COMPAT_FILE = 'vitest.jest-compat';

/**
 * Jest-ecosystem packages that call a global `jest` (jest.fn, jest.spyOn) when their setup runs:
 * kept when the chosen Vitest is too old for their vitest-* counterparts, they stop every test file
 * with "jest.fn is not a function" (vite-react-jest's jest-fetch-mock on Vitest 0.34, corpus).
 */
export const GLOBAL_JEST_USERS = ['jest-fetch-mock', 'jest-canvas-mock', 'jest-webgl-canvas-mock', 'jest-localstorage-mock', 'jest-mock-warn'];

/**
 * Test helpers a test file calls that reach Jest's globals themselves: jest-mock-warn's mockWarn()
 * calls the global `expect.extend`, `beforeEach`, `afterEach` and `jest.spyOn` (pinia: three files
 * failed to load on "expect is not defined"). They need Vitest's globals, and `jest` as vi.
 */
export const GLOBAL_TEST_API_USERS = ['jest-mock-warn'];

/**
 * Setup-file packages that install fetch (XMLHttpRequest-based: msw before 1 and nock see its
 * requests) only where there is none, as in Jest's jsdom environment; Node's own is in Vitest's.
 */
export const FETCH_POLYFILLS = /^(?:whatwg-fetch|isomorphic-fetch|isomorphic-unfetch|unfetch\/polyfill|cross-fetch\/polyfill|react-app-polyfill\/jsdom)(?:\.js)?$/;

/**
 * Packages whose fake timers replace members of the global `process` (`nextTick`, `hrtime`):
 * @sinonjs/fake-timers 15 (sinon 21's) fakes nextTick and queueMicrotask unless told otherwise
 * (10.3 did not); lolex is its former name. See PROCESS_COPY.
 */
export const PROCESS_FAKERS = ['sinon', '@sinonjs/fake-timers', 'lolex'] as const;

/**
 * Jest's node and jsdom environments hand each test file a copy of `process` (jest-util's
 * createProcessObject): what a test or a library it loads sets on it never reaches Jest. Under
 * Vitest it is the worker's own process, whose `process.nextTick` Node's child_process IPC calls
 * to deliver each message. kelektiv/node-cron's tests fake timers with sinon 21, which fakes
 * nextTick too: a reply of Vitest's main process arriving while a fake clock was installed was
 * queued on that clock and dropped when sinon restored it, so the worker waited for it for ever
 * after its last test (cron.test.ts: 77 of 77 passed, then no end; any part of it run alone ended).
 * Vitest's documentation says the same of its own fake timers ("Mocking nextTick is not supported
 * when running Vitest inside node:child_process by using --pool=forks"). Not a handle left open:
 * the worker was idle with nothing but its pipes, and Jest's --forceExit had nothing to do with it
 * (the project's own `jest --coverage` ends without it). A copy whose reads fall through to the
 * real process keeps such writes in the test file, as Jest did; Node's internals keep the real one.
 */
const PROCESS_COPY = [
  "// Jest gave each test file a process object of its own. sinon's fake timers replace process.nextTick",
  "// on the global one, which under Vitest is the worker's: Node's IPC would queue Vitest's messages on",
  '// the fake clock and lose them when it is restored (the worker never ends). Writes stay in this copy.',
  "vi.stubGlobal('process', Object.create(process));",
];

export function compatSetup(parts: { readonly testingLibrary: boolean; readonly jsdom: boolean; readonly jestGlobal?: boolean; readonly processCopy?: boolean; readonly expectGlobal?: boolean; readonly jestMajor?: number; readonly fetchPolyfill?: boolean; readonly mocks?: readonly string[]; readonly globalValues?: Readonly<Record<string, JsonValue>>; readonly fakeTimers?: boolean; readonly serializers?: readonly string[]; readonly graphqlMain?: boolean }): string {
  // @ts-nocheck: the chai plugin below is plain JavaScript in a .ts file too; chai's types differ
  // between the Vitest lines and a strict project would report its untyped parameters.
  const lines = ["// Added by codemigrate's jest-to-vitest recipe: behaviours of Jest's that these tests rely on.", '// @ts-nocheck'];
  lines.push(`import { ${[...(parts.jsdom ? ['beforeAll'] : []), 'chai', 'expect', 'vi'].join(', ')} } from 'vitest';`);
  if (parts.graphqlMain) lines.push("import * as nodeModule from 'node:module';");
  if (parts.jestGlobal) {
    lines.push(
      '',
      '// Packages of Jest\'s that this project keeps (jest-fetch-mock and the like), and mocks of packages',
      "// in the root's __mocks__ until the migration has finished, call a global `jest`",
      "// (jest.fn, jest.spyOn): Vitest's vi serves them, and Testing Library's timers (it tests `typeof jest`).",
      "if (!('jest' in globalThis)) Object.assign(globalThis, { jest: vi });",
    );
  } else if (parts.testingLibrary) {
    lines.push(
      '',
      "// Testing Library's waitFor and findBy* advance fake timers only through a global `jest` (they",
      "// test `typeof jest`); without it they would poll in real time against Vitest's frozen timers.",
      "if (!('jest' in globalThis)) Object.assign(globalThis, { jest: { advanceTimersByTime: vi.advanceTimersByTime.bind(vi) } });",
    );
  }
  if (parts.globalValues !== undefined && Object.keys(parts.globalValues).length > 0) {
    lines.push(
      '',
      "// The Jest config's `globals` values: Jest set them on each test file's global object before its",
      "// modules loaded (pinia's sources read `__DEV__` as they load).",
      `Object.assign(globalThis, ${JSON.stringify(parts.globalValues)});`,
    );
  }
  if (parts.serializers !== undefined && parts.serializers.length > 0) {
    lines.push(
      '',
      "// The Jest config's snapshotSerializers that are packages, in its order: Vitest's own list takes a",
      "// module's default export only, and @emotion/jest's serializer exports `test` and `serialize` by name.",
      ...parts.serializers.flatMap((name, index) => [
        `import * as snapshotSerializer${index} from ${JSON.stringify(name)};`,
        `expect.addSnapshotSerializer(snapshotSerializer${index}.default ?? snapshotSerializer${index});`,
      ]),
    );
  }
  if (parts.expectGlobal) {
    lines.push(
      '',
      "// Packages among the setup files (jest-extended/all, jest-chain, …) call Jest's global `expect`",
      '// (expect.extend) as they load: Vitest\'s serves them; the config runs the setup files in order.',
      "if (!('expect' in globalThis)) Object.assign(globalThis, { expect });",
    );
  }
  if (parts.jsdom) {
    lines.push(
      '',
      "// Jest's jsdom environment has no setImmediate: while the test file's modules load, React's scheduler",
      "// then picks the queue it took under Jest (test.fakeTimers.toFake leaves it out accordingly). It is",
      "// back before the tests: jsdom's own FileReader and XMLHttpRequest call Node's (Jest gave them theirs).",
      "if (typeof window !== 'undefined') {",
      '  const { setImmediate, clearImmediate } = globalThis;',
      "  Reflect.deleteProperty(globalThis, 'setImmediate');",
      "  Reflect.deleteProperty(globalThis, 'clearImmediate');",
      '  beforeAll(() => {',
      '    Object.assign(globalThis, { setImmediate, clearImmediate });',
      '  });',
      '}',
    );
    if (parts.fetchPolyfill) {
      lines.push(
        '',
        "// Nor has it fetch: the fetch polyfill among the setup files installs its own (on XMLHttpRequest,",
        "// which msw and nock intercept) only where there is none, and Node's would be left in place.",
        "if (typeof window !== 'undefined') {",
        "  for (const name of ['fetch', 'Request', 'Response', 'Headers']) Reflect.deleteProperty(globalThis, name);",
        '}',
      );
    }
  }
  lines.push(...(parts.mocks ?? []), '', ...FAKE_TIMERS_CLOCK, '', ...NODE_FLAGS, '', ...ERROR_EQUALITY, '', ...errorSnapshotLines(parts.jestMajor));
  if (parts.graphqlMain) lines.push('', ...GRAPHQL_MAIN_HOOK);
  // Last: what the lines above set on process (execArgv) is the real one's, as before.
  if (parts.processCopy) lines.push('', ...PROCESS_COPY);
  if (parts.fakeTimers) {
    lines.push(
      '',
      "// Jest's config turned fake timers on for every test file (fakeTimers.enableGlobally, or `timers`),",
      "// before the file's modules loaded: so does this setup file, with test.fakeTimers' options.",
      'vi.useFakeTimers();',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Jest's fake timers start their clock at Date.now() of Jest's own realm, outside the test's:
 * a test that replaced Date.now with a mock before jest.useFakeTimers() saw no call of it and a
 * clock at the real time. Vitest's vi.useFakeTimers() reads the test's Date.now: one call more
 * (react-countdown snapshots its Date.now mock, calls included) and a clock at the mocked time.
 * The real Date.now, as the setup file found it, is lent to Date for that read.
 */
const FAKE_TIMERS_CLOCK = [
  "// Jest's fake timers start their clock at the real time, read outside the tests: a Date.now a test",
  '// mocked is neither called nor used for it (snapshots of such a mock count its calls). A second',
  "// call replaces the clock with a new one, as Jest's does (Vitest before 4 kept the first and its",
  "// options: a test's `vi.useFakeTimers({ now })` under fake timers the config turned on did nothing).",
  'const realDateNow = Date.now;',
  'const useFakeTimers = vi.useFakeTimers;',
  'vi.useFakeTimers = function (...args) {',
  '  if (vi.isFakeTimers()) vi.useRealTimers();',
  '  const date = Date;',
  '  const own = date.now;',
  '  date.now = realDateNow;',
  '  try {',
  '    return useFakeTimers.apply(this, args);',
  '  } finally {',
  '    date.now = own;',
  '  }',
  '};',
];

/**
 * graphql ≤ 16 in the packages Vitest leaves to Node: an ES module build that imports
 * `graphql/index.mjs` by name (graphql-query-complexity's dist/esm) loads graphql's ES module copy,
 * beside the CommonJS one that the tests (GRAPHQL_MAIN) and CommonJS dependencies load, and graphql
 * refuses the other copy's schema ("another module or realm"; type-graphql: 2 tests, which held back
 * a step of 20 files). Jest required that package's CommonJS build. A Node resolve hook (module.register,
 * Node ≥ 18.19 / 20.6; for what Node imports, not what Vite transforms) sends any file of graphql's
 * `.mjs` copy to its `.js` twin; once per process. Vitest 4 no longer reads server.deps.fallbackCJS.
 */
const GRAPHQL_MAIN_HOOK = [
  "// graphql ≤ 16: one copy, its CommonJS one, as under Jest. The packages Node loads itself (not Vite) and",
  "// whose ES module build imports 'graphql/index.mjs' by name get graphql's .js files in place of its .mjs.",
  '{',
  "  const hooked = Symbol.for('codemigrate.graphql-main');",
  "  if (typeof nodeModule.register === 'function' && !process[hooked]) {",
  '    process[hooked] = true;',
  '    const hook = [',
  '      "import { existsSync } from \'node:fs\';",',
  '      "export async function resolve(specifier, context, next) {",',
  '      "  const resolved = await next(specifier, context);",',
  '      "  const { url } = resolved;",',
  '      "  if (!url.includes(\'/node_modules/graphql/\') || !url.endsWith(\'.mjs\')) return resolved;",',
  '      "  const main = `${url.slice(0, -\'.mjs\'.length)}.js`;",',
  '      "  return existsSync(new URL(main)) ? { url: main, format: \'commonjs\', shortCircuit: true } : resolved;",',
  '      "}",',
  "    ].join('\\n');",
  '    nodeModule.register(`data:text/javascript,${encodeURIComponent(hook)}`);',
  '  }',
  '}',
];

/**
 * A Jest test sees the Node flags of the process that runs it, Jest's own (its workers are forked
 * with them); a Vitest test sees those Vitest starts its workers with, in every pool:
 * `--experimental-import-meta-resolve`, `--require …/vitest/suppress-warnings.cjs` and a
 * `--conditions` pair per resolve condition (Vitest 4; `development` among them). A child a test
 * starts with `process.execArgv` got them: commander spawns its subcommands with them, and its
 * tests expecting `[script]` as the spawn's arguments got seven flags before it (10 failing).
 * Those of Vitest's go; the run's own (profiling, the vm pools' --experimental-vm-modules) stay.
 */
const NODE_FLAGS = [
  "// Jest's tests see the Node flags of the process running them, Jest's; Vitest's see those it starts",
  '// its workers with, which a child started with process.execArgv would get: they go.',
  '{',
  '  const flags = process.execArgv;',
  '  const kept = [];',
  '  for (let i = 0; i < flags.length; i++) {',
  "    if (flags[i] === '--experimental-import-meta-resolve' || flags[i].startsWith('--conditions=')) continue;",
  "    if (flags[i] === '--conditions' || (flags[i] === '--require' && /[\\\\/]vitest[\\\\/]suppress-warnings\\.cjs$/.test(flags[i + 1] ?? ''))) {",
  '      i++;',
  '      continue;',
  '    }',
  '    kept.push(flags[i]);',
  '  }',
  '  process.execArgv = kept;',
  '}',
];

/**
 * Jest's equals() (@jest/expect-utils, 29 and 30) takes two Errors as equal when their messages
 * are, before any other check; toStrictEqual's typeEquality tester, which runs before that, also
 * wants one constructor. Vitest 3 and 4 compare name, message, cause, enumerable own properties
 * and class, so `expect(result).toEqual(err(new Error('x')))` fails wherever the errors differ in
 * more (neverthrow on Vitest 3.2: an Error against a TypeError of one message failed its one
 * step's verify, and nothing landed). Custom testers run before Vitest's own checks and only after
 * asymmetric matchers, as Jest's did; toStrictEqual is told by its typeEquality tester among
 * those passed on. A Vitest without addEqualityTesters (0.34) is left as it is.
 */
const ERROR_EQUALITY = [
  "// Jest's toEqual takes two Errors as equal when their messages are (toStrictEqual: and their class);",
  "// Vitest's also compares name, cause and own properties.",
  "if (typeof expect.addEqualityTesters === 'function') {",
  '  expect.addEqualityTesters([',
  '    function jestErrorEquality(a, b, testers) {',
  '      if (!(a instanceof Error) || !(b instanceof Error)) return undefined;',
  "      if (a.constructor !== b.constructor && testers.some((tester) => tester.name === 'typeEquality')) return false;",
  '      return a.message === b.message;',
  '    },',
  '  ]);',
  '}',
];

/**
 * Jest's toThrowErrorMatchingSnapshot snapshots `error.message` (Jest 30 appends each `cause` as
 * `\nCause: …`); Vitest 1+ snapshots the error (`[TypeError: …]`, its 0.34 the message). The
 * plugin hands Vitest's matcher a function that throws the message Jest would have stored, so the
 * snapshots Jest wrote still match and new ones are written in the same form. Only the file form:
 * the inline form finds its call site by counting stack frames, which a wrapper would shift.
 */
function errorSnapshotLines(jestMajor: number | undefined): string[] {
  const message =
    jestMajor !== undefined && jestMajor >= 30
      ? [
          'const jestMessage = (error) => {',
          '  let message = error?.message;',
          "  for (let cause = error; typeof cause === 'object' && cause !== null && 'cause' in cause; ) {",
          '    cause = cause.cause;',
          "    if (cause instanceof Error || Object.prototype.toString.call(cause) === '[object Error]') message += `\\nCause: ${cause.message}`;",
          '    else {',
          "      if (typeof cause === 'string') message += `\\nCause: ${cause}`;",
          '      break;',
          '    }',
          '  }',
          '  return message;',
          '};',
        ]
      : ['const jestMessage = (error) => error?.message;'];
  return [
    "// Jest's toThrowErrorMatchingSnapshot snapshots the thrown error's message, Vitest's the error",
    "// itself (\"[TypeError: …]\"): the snapshots Jest wrote keep matching with the message Jest took.",
    ...message,
    'chai.use((api, utils) => {',
    "  utils.overwriteMethod(api.Assertion.prototype, 'toThrowErrorMatchingSnapshot', (original) => function (...args) {",
    "    const received = utils.flag(this, 'object');",
    "    if (utils.flag(this, 'promise')) utils.flag(this, 'object', jestMessage(received));",
    "    else if (typeof received === 'function') {",
    "      utils.flag(this, 'object', () => {",
    '        try {',
    '          received();',
    '        } catch (error) {',
    '          throw jestMessage(error);',
    '        }',
    '      });',
    '    }',
    '    return original.apply(this, args);',
    '  });',
    '});',
  ];
}

/** The Jest major the project runs: its `jest` range, else the one react-scripts brings (5: Jest 27, 4: 26). */
function jestMajorOf(pkg: Record<string, JsonValue>): number | undefined {
  const rangeOf = (name: string) => ['dependencies', 'devDependencies'].map((field) => (pkg[field] as Record<string, JsonValue> | undefined)?.[name]).find((range) => typeof range === 'string') as string | undefined;
  const majorOf = (range: string | undefined) => (range === undefined ? undefined : Number(/\d+/.exec(range)?.[0] ?? Number.NaN));
  const jest = majorOf(rangeOf('jest'));
  if (jest !== undefined && Number.isFinite(jest)) return jest;
  const cra = majorOf(rangeOf('react-scripts'));
  return cra === undefined || !Number.isFinite(cra) ? undefined : cra >= 5 ? 27 : cra === 4 ? 26 : 24;
}

export function hasDependency(pkg: Record<string, JsonValue>, name: string): boolean {
  return declaredRange(pkg, name) !== undefined;
}

/** What `name` is declared with in the first of `fields` that names it. */
function declaredRange(pkg: Record<string, JsonValue>, name: string, fields = ['dependencies', 'devDependencies']): JsonValue | undefined {
  return fields.map((field) => (pkg[field] as Record<string, JsonValue> | undefined)?.[name]).find((value) => value !== undefined);
}

function usesTypeScript(pkg: Record<string, JsonValue>, configFile: string | undefined, setupFiles: JsonValue | undefined): boolean {
  const files = [configFile ?? '', ...(Array.isArray(setupFiles) ? setupFiles.map(String) : [])];
  return hasDependency(pkg, 'typescript') || files.some((file) => /\.[cm]?tsx?$/.test(file));
}

/**
 * A setup file that is a package written for Jest (`jest-extended/all`, `whatwg-fetch`), not one
 * of the project's nor a Vitest entry setup chose (`@testing-library/jest-dom/vitest`,
 * `vitest-canvas-mock`, which import Vitest themselves): Vitest loads it unchanged, with what it
 * expects of Jest's globals.
 */
export function isJestPackageSetupFile(file: JsonValue): boolean {
  const name = String(file);
  return !/^[./]/.test(name) && !/^vitest-|\/vitest$/.test(name);
}

/** The setup files of the config and of each of its projects. */
function allSetupFiles(test: Readonly<Record<string, JsonValue>>): JsonValue[] {
  const own = Array.isArray(test['setupFiles']) ? test['setupFiles'] : [];
  const projects = Array.isArray(test['projects']) ? test['projects'] : [];
  return [...own, ...projects.flatMap((project) => (isObject(project) && isObject(project['test']) ? allSetupFiles(project['test']) : []))];
}

/**
 * The translation with `./<file>` as the first setup file. Vitest imports setup files all at
 * once by default (`sequence.setupFiles: 'parallel'`), and a package among them, loaded by Node
 * rather than through Vite, runs before the compat file has: jest-extended/all then finds no
 * global `expect` and stops every test file (measured), and a fetch polyfill would find Node's
 * fetch. With a package among them they run in order, as Jest ran them.
 */
function withSetupFile(translation: VitestTranslation, file: string | undefined): VitestTranslation {
  if (file === undefined) return translation;
  const existing = translation.test['setupFiles'];
  const setupFiles = [`./${file}`, ...(Array.isArray(existing) ? existing : [])];
  const test: Record<string, JsonValue> = { ...translation.test, setupFiles };
  if (allSetupFiles(test).some(isJestPackageSetupFile)) test['sequence'] = { ...(isObject(test['sequence']) ? test['sequence'] : {}), setupFiles: 'list' };
  return { ...translation, test };
}

export interface VitestSettings {
  readonly translation: VitestTranslation;
  /** The compat setup file to create (first in setupFiles) and its text. */
  readonly compat: { readonly path: string; readonly text: string };
  /** The globalSetup module that runs Jest's globalTeardown (globalTeardownSetup), when the config has one. */
  readonly teardown?: { readonly path: string; readonly text: string };
  /**
   * With `coexist`: the project's own setup files (repo-relative) and the copies Vitest's config
   * names instead, which setup migrates while Jest keeps the originals.
   */
  readonly copies: readonly { readonly from: string; readonly to: string; readonly mock?: NodeModuleMock }[];
}

/**
 * Local setup files (`./src/setupTests.ts`) → their Vitest copies, at the top and in each of
 * `projects` (Jest's projects each have their own); packages and the compat file stay.
 */
function withSetupCopies(translation: VitestTranslation, compat: string | undefined): { translation: VitestTranslation; copies: { from: string; to: string }[] } {
  const copies = new Map<string, string>();
  const mapFiles = (test: Readonly<Record<string, JsonValue>>): Record<string, JsonValue> => {
    const existing = test['setupFiles'];
    if (!Array.isArray(existing)) return { ...test };
    const setupFiles = existing.map((file) => {
      const name = String(file);
      if (!name.startsWith('./') || name === `./${compat}` || !/\.[cm]?[jt]sx?$/.test(name)) return file;
      const from = name.slice(2);
      copies.set(from, setupCopyPath(from));
      return `./${setupCopyPath(from)}`;
    });
    return { ...test, setupFiles };
  };
  const test = mapFiles(translation.test);
  const projects = test['projects'];
  if (Array.isArray(projects)) {
    test['projects'] = projects.map((project) => {
      if (!isObject(project) || !isObject(project['test'])) return project;
      return { ...project, test: mapFiles(project['test']) };
    });
  }
  return { translation: { ...translation, test }, copies: [...copies].map(([from, to]) => ({ from, to })) };
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `pkg` is the root package.json (undefined when it does not parse or is missing); `globals` is the
 * recipe's option. Testing Library implies `globals: true`: its automatic cleanup registers a
 * global `afterEach`, and without it every test would see the DOM of the tests before it.
 */
export function vitestSettings(pkg: Record<string, JsonValue> | undefined, found: FoundJestConfig | undefined, globalsOption: boolean, coexist = false, mocks: readonly NodeModuleMock[] = []): VitestSettings {
  const manifest = pkg ?? {};
  const globals = globalsOption || [...TESTING_LIBRARY_CLEANUP, ...GLOBAL_TEST_API_USERS].some((name) => hasDependency(manifest, name));
  const jestMajor = jestMajorOf(manifest);
  const translated = jestConfigToVitest(found?.config ?? {}, { globals, jsdomParity: true, jestTestMatch: true, ...(jestMajor !== undefined && { jestMajor }) });
  const testingLibrary = TESTING_LIBRARY_TIMERS.some((name) => hasDependency(manifest, name));
  const jsdom = translated.dependencies.includes('jsdom');
  const jestGlobal = (coexist && needsJestGlobal(mocks)) || GLOBAL_JEST_USERS.some((name) => hasDependency(manifest, name));
  const compat = `${COMPAT_FILE}.${usesTypeScript(manifest, found?.file, translated.test['setupFiles']) ? 'ts' : 'js'}`;
  const { translation, copies } = coexist ? withSetupCopies(translated, compat) : { translation: translated, copies: [] };
  const setupFiles = translated.test['setupFiles'];
  const fetchPolyfill = jsdom && Array.isArray(setupFiles) && setupFiles.some((file) => FETCH_POLYFILLS.test(String(file)));
  const expectGlobal = allSetupFiles(translated.test).some((file) => isJestPackageSetupFile(file) && !FETCH_POLYFILLS.test(String(file)));
  const processCopy = PROCESS_FAKERS.some((name) => hasDependency(manifest, name));
  const text = compatSetup({ testingLibrary, jsdom, jestGlobal, processCopy, expectGlobal, fetchPolyfill, mocks: mockRegistrations(mocks), ...(jestMajor !== undefined && { jestMajor }), ...(translated.globalValues !== undefined && { globalValues: translated.globalValues }), ...(translated.fakeTimersGlobally === true && { fakeTimers: true }), ...(translated.serializerPackages !== undefined && { serializers: translated.serializerPackages }), ...(graphqlThroughMain(manifest) && { graphqlMain: true }) });
  const mockCopies = coexist ? mocks.map((mock) => ({ from: mock.path, to: mockCopyPath(mock), mock })) : [];
  const withGraphql = graphqlThroughMain(manifest) ? { ...translation, aliases: [...translation.aliases, GRAPHQL_MAIN] } : translation;
  const teardown = translation.globalTeardown === undefined ? undefined : { path: `${TEARDOWN_FILE}.${compat.endsWith('.ts') ? 'ts' : 'js'}`, text: globalTeardownSetup(translation.globalTeardown) };
  return {
    translation: withGlobalSetup(withSetupFile(withGraphql, compat), teardown?.path),
    compat: { path: compat, text },
    ...(teardown !== undefined && { teardown }),
    copies: [...copies, ...mockCopies],
  };
}

/**
 * graphql up to 16 ships an ES module (`module`: index.mjs) beside its CommonJS `main`. Vite
 * resolves a test's `import 'graphql'` to the first, while a CommonJS dependency's
 * `require('graphql')` (graphql-scalars, older graphql-tools and Apollo packages) loads the
 * second, and graphql then refuses its own classes as from "another module or realm"
 * (type-graphql: 34 tests of one file; passing with this alias). Jest resolved every import by
 * `main`; the alias does so for graphql in the tests only (`test.alias`), and the compat setup
 * file's GRAPHQL_MAIN_HOOK for what Node loads without Vite. graphql 17 is an ES module alone and
 * keeps its own resolution.
 */
const GRAPHQL_MAIN = { find: '^graphql$', replacement: 'graphql/index.js', relative: false } as const;

function graphqlThroughMain(pkg: Record<string, JsonValue>): boolean {
  const range = declaredRange(pkg, 'graphql', ['dependencies', 'devDependencies', 'peerDependencies']);
  if (typeof range !== 'string') return false;
  const lowest = semver.validRange(range) === null ? null : semver.minVersion(range);
  return lowest !== null && lowest.major <= 16;
}

export const TEARDOWN_FILE = 'vitest.jest-global-teardown';

/**
 * Vitest runs teardowns only from globalSetup modules (an exported `teardown`, or the function
 * `setup` returns), not from a module of their own as Jest's globalTeardown. This module's
 * `teardown` imports Jest's and calls it, after the last test file, in the same process and
 * global object as the globalSetup (so `globalThis.__MONGOD__` set there is found, as under Jest).
 * Jest passed its global and project configs; empty objects stand in for them.
 */
export function globalTeardownSetup(specifier: string): string {
  return [
    "// Added by codemigrate's jest-to-vitest recipe: runs Jest's globalTeardown after all tests (Vitest",
    '// takes teardowns only from a globalSetup module).',
    '// @ts-nocheck',
    'export async function teardown() {',
    `  const loaded = await import(${JSON.stringify(specifier)});`,
    // Vitest's loader gives a CommonJS module's `module.exports` as `default`, and one TypeScript
    // compiled (`exports.default = fn` beside __esModule) its `exports.default`: both measured.
    "  const run = [loaded.default, loaded].find((value) => typeof value === 'function');",
    `  if (run === undefined) throw new Error(${JSON.stringify(`globalTeardown ${specifier} exports no function`)});`,
    '  await run({}, {});',
    '}',
    '',
  ].join('\n');
}

/** The translation with `./<file>` last among the globalSetup modules (after Jest's globalSetup). */
function withGlobalSetup(translation: VitestTranslation, file: string | undefined): VitestTranslation {
  if (file === undefined) return translation;
  const existing = translation.test['globalSetup'];
  const globalSetup = [...(Array.isArray(existing) ? existing : existing === undefined ? [] : [existing]), `./${file}`];
  return { ...translation, test: { ...translation.test, globalSetup } };
}
