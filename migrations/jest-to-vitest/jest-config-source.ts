// Where a setup transform finds the project's Jest config among the files of the setup step:
// the file a package.json script hands to `jest --config` (the "test" script first), else a root
// jest.config.* file, else the "jest" key of the root package.json.

import { posix } from 'node:path';
import type { TsMorphContext } from './ts-morph-context.js';
import { withPreset } from './jest-preset.js';
import { compilerPaths, pathsToMappers, readJestConfigSource, type JestConfig, type JsonValue } from './jest-config.js';

export const JEST_CONFIG_FILE = /^jest\.config\.(?:js|ts|cjs|mjs|cts|mts|json)$/;
export const VITE_CONFIG_FILE = /^vite(?:st)?\.config\.(?:js|ts|cjs|mjs|cts|mts)$/;

export interface FoundJestConfig {
  readonly file: string;
  readonly config: JestConfig;
  readonly unread: readonly string[];
  /** Create React App's built-in config, which package.json's "jest" key only overrides. */
  readonly builtIn?: 'react-scripts';
  /** The tests see CRA's .env files in process.env (`react-scripts test`, or a config that requires react-scripts/config/env). */
  readonly craEnv?: true;
}

/** A script that runs Jest through Create React App (or a wrapper of it) with CRA's own config. */
export const CRA_TEST = /\b(?:react-scripts|craco|react-app-rewired)\s+test\b/;

/**
 * CRA's built-in Jest config (react-scripts' createJestConfig), as far as it matters to Vitest:
 * jsdom, its fetch polyfill (react-app-polyfill/jsdom), src/setupTests, the test globs under src, CSS modules as identity-obj-proxy and, from
 * react-scripts 4, resetMocks. Its Babel, file and CSS transforms are Vite's own business.
 */
function craConfig(manifest: Record<string, JsonValue>, files: readonly string[], readText: ReadText): JestConfig {
  const baseUrl = ['jsconfig.json', 'tsconfig.json'].map((file) => compilerBaseUrl(readText(file))).find((url) => url !== undefined);
  const setup = files.find((file) => /^src\/setupTests\.[jt]sx?$/.test(file));
  const range = [manifest['dependencies'], manifest['devDependencies']].map((deps) => (deps && typeof deps === 'object' && !Array.isArray(deps) ? deps['react-scripts'] : undefined)).find((v) => typeof v === 'string');
  const major = Number(/\d+/.exec(String(range ?? '5'))?.[0] ?? 5);
  return {
    testEnvironment: 'jsdom',
    // Its fetch polyfill: tests (and msw 0.x, which sees XMLHttpRequest) get whatwg-fetch, not Node's.
    setupFiles: ['react-app-polyfill/jsdom'],
    testMatch: ['<rootDir>/src/**/__tests__/**/*.{js,jsx,ts,tsx}', '<rootDir>/src/**/*.{spec,test}.{js,jsx,ts,tsx}'],
    ...(setup !== undefined && { setupFilesAfterEnv: [`<rootDir>/${setup}`] }),
    moduleNameMapper: { '^.+\\.module\\.(css|sass|scss)$': 'identity-obj-proxy' },
    ...(major >= 4 && { resetMocks: true }),
    // CRA's absolute imports: baseUrl "src" in jsconfig/tsconfig becomes Jest's modulePaths.
    ...(baseUrl === 'src' && { modulePaths: ['<rootDir>/src'] }),
  };
}

/** Vue CLI's Jest presets: `@vue/cli-plugin-unit-jest`, or one of its `presets/<name>`. */
export const VUE_CLI_PRESET = /^@vue\/cli-plugin-unit-jest(?:\/presets\/[\w-]+)?$/;

/**
 * What @vue/cli-plugin-unit-jest's preset sets, as far as it matters to Vitest: jsdom, `@/` for
 * src/, and its test globs; the project's own keys over them. Its vue-jest, babel-jest and
 * asset-stub transforms are Vite's business (`.vue` through @vitejs/plugin-vue, package-json.ts).
 * Unread, the preset left every test on Node with no `@/` (career-finder: each file failed).
 */
export function withVueCliPreset(config: JestConfig): JestConfig {
  const preset = config['preset'];
  if (typeof preset !== 'string' || !VUE_CLI_PRESET.test(preset)) return config;
  const { preset: _preset, ...own } = config;
  const mappers = own['moduleNameMapper'];
  return {
    testEnvironment: 'jsdom',
    testMatch: ['**/tests/unit/**/*.spec.[jt]s?(x)', '**/__tests__/*.[jt]s?(x)'],
    ...own,
    moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1', ...(mappers && typeof mappers === 'object' && !Array.isArray(mappers) ? mappers : {}) },
  };
}

/** compilerOptions.baseUrl of a jsconfig/tsconfig text ("./src/" → "src"); comments are not read. */
function compilerBaseUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const url = /"baseUrl"\s*:\s*"([^"]*)"/.exec(text)?.[1];
  return url === undefined ? undefined : url.replace(/^\.\//, '').replace(/\/$/, '');
}

function runsCra(manifest: Record<string, JsonValue>): boolean {
  const scripts = manifest['scripts'];
  return !!scripts && typeof scripts === 'object' && !Array.isArray(scripts) && Object.values(scripts).some((script) => typeof script === 'string' && CRA_TEST.test(script));
}

export function textOf(ctx: TsMorphContext, path: string): string | undefined {
  if (path === ctx.path) return ctx.text;
  return ctx.project.getSourceFile(`/${path}`)?.getFullText();
}

const CONFIG_FLAG = /(?:^|[\s;&|])(?:npx\s+)?jest\s(?:[^;&|]*?\s)?(?:--config|-c)(?:=|\s+)(['"]?)([^\s'";&|]+)\1/;

/** The files `jest --config <file>` names in package.json's scripts, the "test" script's first. */
export function configsNamedByScripts(pkg: Record<string, JsonValue>): string[] {
  const scripts = pkg['scripts'];
  if (!scripts || typeof scripts !== 'object' || Array.isArray(scripts)) return [];
  const ordered = Object.entries(scripts).sort(([a], [b]) => Number(b === 'test') - Number(a === 'test'));
  const named = ordered.map(([, script]) => (typeof script === 'string' ? CONFIG_FLAG.exec(script)?.[2] : undefined));
  return [...new Set(named.filter((file): file is string => file !== undefined).map((file) => file.replace(/^\.\//, '')))];
}

/** A file's text by its repository path, undefined when it is absent. */
export type ReadText = (path: string) => string | undefined;

/**
 * `exists` answers the config's `fs.existsSync(path)` (repo-relative): true, false, or undefined
 * when the file is not among those it can see (the config's conditional is then left unread).
 */
export function readConfigFile(readText: ReadText, file: string, exists?: (path: string) => boolean | undefined): FoundJestConfig | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  if (file.endsWith('.json')) return { file, config: withVueCliPreset(withoutRootDirAtRoot(JSON.parse(text) as JestConfig, file)), unread: [] };
  const read = readJestConfigSource(text, file, exists, readText);
  const config = withVueCliPreset(withoutRootDirAtRoot(read.config ?? {}, file));
  return { file, config: read.wrapper === 'next/jest' ? withNextJest(config, readText) : config, unread: read.unread, ...(read.craEnv && { craEnv: true as const }) };
}

/**
 * A `rootDir` that names the project root from a config in a subfolder (eemeli/yaml's
 * config/jest.config.js: `rootDir: '..'`) is where the Vitest config is written: its paths are
 * already root-relative, and nothing is left to set by hand.
 */
function withoutRootDirAtRoot(config: JestConfig, file: string): JestConfig {
  const rootDir = config['rootDir'];
  if (typeof rootDir !== 'string' || rootDir.startsWith('/') || posix.normalize(posix.join(posix.dirname(file), rootDir)) !== '.') return config;
  const { rootDir: _rootDir, ...rest } = config;
  return rest;
}

/**
 * What next/jest (`createJestConfig(config)`, the setup of Next.js's testing guide) adds to the
 * config it wraps, as far as it matters to Vitest: CSS modules as an object proxy (class name =
 * key, as identity-obj-proxy), tsconfig/jsconfig `paths` as module mappers, and `.next` ignored.
 * Its SWC transform is Vite's business; its mappers come first, the project's own over them.
 */
function withNextJest(config: JestConfig, readText: ReadText): JestConfig {
  const paths = ['tsconfig.json', 'jsconfig.json'].map((file) => compilerPaths(readText(file))).find((found) => found !== undefined);
  const where = (target: string) => `<rootDir>/${[paths?.baseUrl ?? '', target].filter((part) => part !== '' && part !== '.').join('/')}`;
  const mappers: Record<string, JsonValue> = { '^.+\\.module\\.(css|sass|scss)$': 'identity-obj-proxy', ...pathsToMappers(paths?.paths ?? {}, where) };
  const own = config['moduleNameMapper'];
  const ignored = config['testPathIgnorePatterns'];
  return {
    ...config,
    moduleNameMapper: { ...mappers, ...(own && typeof own === 'object' && !Array.isArray(own) ? own : {}) },
    testPathIgnorePatterns: Array.isArray(ignored) ? ignored : ['/node_modules/', '<rootDir>/.next/'],
  };
}

/** The root package.json among the step's files; undefined when there is none (a syntax error throws). */
export function readManifest(ctx: TsMorphContext): Record<string, JsonValue> | undefined {
  const text = textOf(ctx, 'package.json');
  return text === undefined ? undefined : (JSON.parse(text) as Record<string, JsonValue>);
}

/**
 * The project's Jest config (findOwnJestConfig) over the preset it names, when that preset is one
 * a workspace package ships (the option `workspacePresets`, workspace-packages.ts): Jest merges
 * the two, and the Vitest config must hold both.
 */
export function findJestConfig(ctx: TsMorphContext): FoundJestConfig | undefined {
  const found = findOwnJestConfig(ctx);
  const presets = ctx.options['workspacePresets'] as Readonly<Record<string, JestConfig>> | undefined;
  const preset = typeof found?.config['preset'] === 'string' ? presets?.[found.config['preset']] : undefined;
  return found && preset ? { ...found, config: withPreset(found.config, preset) } : found;
}

function findOwnJestConfig(ctx: TsMorphContext): FoundJestConfig | undefined {
  const readText = (path: string) => textOf(ctx, path);
  const manifest = readManifest(ctx);
  const jest = manifest?.['jest'];
  const overrides = jest && typeof jest === 'object' && !Array.isArray(jest) ? jest : undefined;
  // CRA reads no jest.config file: its own config, with package.json's "jest" key over it.
  if (manifest && runsCra(manifest)) {
    const base = craConfig(manifest, ctx.files, readText);
    const mappers = { ...(base['moduleNameMapper'] as Record<string, JsonValue>), ...(overrides?.['moduleNameMapper'] as Record<string, JsonValue> | undefined) };
    return { file: 'package.json', config: { ...base, ...overrides, moduleNameMapper: mappers }, unread: [], builtIn: 'react-scripts', craEnv: true };
  }
  // The setup step sees the setup files (src/setupTests.js…): a file among them exists; of others it cannot tell.
  const exists = (path: string) => ctx.files.includes(path) || undefined;
  for (const file of manifest ? configsNamedByScripts(manifest) : []) {
    const found = ctx.files.includes(file) ? readConfigFile(readText, file, exists) : undefined;
    if (found) return found;
  }
  for (const file of ctx.files) {
    if (!JEST_CONFIG_FILE.test(file)) continue;
    const found = readConfigFile(readText, file, exists);
    if (found) return found;
  }
  return overrides === undefined ? undefined : { file: 'package.json', config: withVueCliPreset(overrides), unread: [] };
}

export function viteConfigPath(ctx: TsMorphContext): string | undefined {
  return ctx.files.find((file) => VITE_CONFIG_FILE.test(file));
}
