// A workspace monorepo whose packages each run their own Jest (Turborepo / Nx / `npm test -ws`
// over npm, yarn or pnpm workspaces; the root has no Jest): which packages those are, a setup
// context seen from one of them (so that package-json.ts migrates it as it migrates a root), the
// Jest presets that workspace packages ship, and the layouts this recipe cannot carry.

import { posix } from 'node:path';
import { createRequire } from 'node:module';
import type { Project } from 'ts-morph';
import { parse as parseYaml } from 'yaml';
import type { TsMorphContext } from './ts-morph-context.js';
import type { JestConfig, JsonValue } from './jest-config.js';
import { JEST_CONFIG_FILE, readConfigFile } from './jest-config-source.js';
import { hasDependency } from './vitest-settings.js';

// Through require: codemigrate's transform loader gives a default import of a CommonJS package no interop ("_picomatch.default is not a function").
const picomatch = createRequire(import.meta.url)('picomatch') as typeof import('picomatch');

type ReadText = (path: string) => string | undefined;

/** Create React App and its wrappers run Jest with a config of their own, wherever their package is. */
const CRA_MARKERS = ['react-scripts', '@craco/craco', 'react-app-rewired'];
/** A script that calls Jest itself (not through another package's script). */
const JEST_CALL = /(?:^|[\s;&|(/])jest(?:$|[\s;&|)])/;

/** The folders pnpm-workspace.yaml's `packages` or package.json's `workspaces` (an array, or yarn's `{ packages }`) name; pnpm's file wins, as in pnpm (and the planner's workspaces.ts). */
export function workspaceGlobs(pkg: Record<string, JsonValue>, readFile: ReadText): string[] {
  const text = readFile('pnpm-workspace.yaml');
  if (text !== undefined) {
    try {
      const packages = (parseYaml(text) as { packages?: unknown } | null)?.packages;
      if (Array.isArray(packages)) return packages.filter((glob): glob is string => typeof glob === 'string');
    } catch {
      // Not YAML: package.json's field, if any.
    }
  }
  const field = pkg['workspaces'];
  const listed = Array.isArray(field) ? field : field && typeof field === 'object' ? (field as Record<string, JsonValue>)['packages'] : undefined;
  return Array.isArray(listed) ? listed.filter((glob): glob is string => typeof glob === 'string') : [];
}

function parseManifest(text: string | undefined): Record<string, JsonValue> | undefined {
  try {
    const parsed = JSON.parse(text ?? '') as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, JsonValue>) : undefined;
  } catch {
    return undefined;
  }
}

/** The workspace members among `files` (their folders), by the root's globs, a `!` glob excluded. */
export function workspaceMembers(pkg: Record<string, JsonValue>, files: readonly string[], readFile: ReadText): string[] {
  // `@packages\\core`: npm takes a Windows separator in a workspace path for a folder separator.
  const globs = workspaceGlobs(pkg, readFile).map((glob) => glob.replaceAll('\\', '/').replace(/^\.\//, '').replace(/\/+$/, ''));
  if (globs.length === 0) return [];
  const manifest = (list: string[]) => list.map((glob) => `${glob}/package.json`);
  const included = picomatch(manifest(globs.filter((glob) => !glob.startsWith('!'))));
  const excluded = picomatch(manifest(globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1))));
  return files.filter((path) => path !== 'package.json' && included(path) && !excluded(path)).map((path) => path.slice(0, -'/package.json'.length)).sort();
}

/** A package that runs Jest itself, not one that only ships a preset for the others (a ts-jest dependency). */
function runsJest(member: Record<string, JsonValue>, dir: string, files: readonly string[]): boolean {
  const ownConfig = files.some((file) => file.startsWith(`${dir}/`) && JEST_CONFIG_FILE.test(file.slice(dir.length + 1)));
  const scripts = member['scripts'] && typeof member['scripts'] === 'object' ? Object.values(member['scripts']) : [];
  return ownConfig || 'jest' in member || hasDependency(member, 'jest') || scripts.some((each) => typeof each === 'string' && JEST_CALL.test(each));
}

/**
 * Whether the root package.json runs a Jest of its own: a "jest" key, a jest.config.* beside it, a
 * script that calls jest, Create React App. A Jest the root only declares (hoisted for its
 * packages: @packages/core and its siblings each run `jest` from their own folder) is not one.
 */
export function rootRunsJest(pkg: Record<string, JsonValue>, files: readonly string[]): boolean {
  const scripts = pkg['scripts'] && typeof pkg['scripts'] === 'object' ? Object.values(pkg['scripts']) : [];
  return 'jest' in pkg || CRA_MARKERS.some((name) => hasDependency(pkg, name)) || files.some((file) => JEST_CONFIG_FILE.test(file)) || scripts.some((each) => typeof each === 'string' && JEST_CALL.test(each));
}

/**
 * The workspace packages among `files` that run Jest themselves (a `jest` dependency, a `jest`
 * key, a jest.config.* beside their package.json, or a script calling jest), when the root runs
 * no Jest of its own; otherwise none (the root's Jest is the one migrated).
 */
export function jestWorkspacePackages(files: readonly string[], readFile: ReadText): string[] {
  const root = parseManifest(readFile('package.json'));
  if (!root || rootRunsJest(root, files)) return [];
  return workspaceMembers(root, files, readFile).filter((dir) => {
    const member = parseManifest(readFile(`${dir}/package.json`));
    return member !== undefined && runsJest(member, dir, files);
  });
}

/** The member folder that holds `path` (the longest), else undefined. */
export function memberOf(path: string, members: readonly string[]): string | undefined {
  return members.filter((dir) => path.startsWith(`${dir}/`)).sort((a, b) => b.length - a.length)[0];
}

/**
 * Files of the whole workspace that a package's setup reads as its own when it has none: the
 * lockfiles (installed versions), pnpm-workspace.yaml (catalogs), the Node version files and the
 * CI workflows (which Node the tests run on), .npmrc.
 */
const WORKSPACE_FILE = /^(?:package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock|pnpm-workspace\.yaml|\.nvmrc|\.node-version|\.npmrc|\.github\/workflows\/[^/]+\.ya?ml)$/;

/**
 * The setup context seen from the package in `dir`: its files under their package-relative paths
 * (with the workspace's own files it lacks), reads, added and removed files mapped back, reports
 * prefixed with the package's folder. The engine's Project is read through a Proxy whose
 * getSourceFile maps the path: textOf (jest-config-source.ts) reads every file through it, and
 * the transforms then need no second way to read.
 */
export function memberContext(ctx: TsMorphContext, dir: string, options: Readonly<Record<string, unknown>> = {}): TsMorphContext {
  const prefix = `${dir}/`;
  const own = ctx.files.filter((file) => file.startsWith(prefix)).map((file) => file.slice(prefix.length));
  const shared = ctx.files.filter((file) => WORKSPACE_FILE.test(file) && !own.includes(file));
  const repoPath = (path: string) => (own.includes(path) || !shared.includes(path) ? `${prefix}${path}` : path);
  const project = new Proxy(ctx.project, {
    get(target, key, receiver) {
      if (key === 'getSourceFile') return (name: string) => target.getSourceFile(`/${repoPath(name.replace(/^\//, ''))}`);
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as Project;
  const { addFile, removeFile } = ctx;
  return {
    path: ctx.path.slice(prefix.length),
    text: ctx.text,
    options: { ...ctx.options, ...options },
    report: (leftover) => ctx.report({ ...leftover, message: `${dir}: ${leftover.message}` }),
    project,
    files: [...own, ...shared],
    ...(addFile && { addFile: (path: string, text: string) => addFile(`${prefix}${path}`, text) }),
    ...(removeFile && { removeFile: (path: string) => removeFile(`${prefix}${path}`) }),
  };
}

/**
 * The Jest presets the workspace's packages ship, by the name a config gives as `preset`
 * (`@acme/jest-presets/node` → packages/jest-presets/node/jest-preset.js): Jest resolves it as a
 * module path ending in jest-preset.{json,js,cjs,mjs}. Each is read as a Jest config file is.
 */
export function workspacePresets(files: readonly string[], readFile: ReadText): Record<string, JestConfig> {
  const root = parseManifest(readFile('package.json'));
  if (!root) return {};
  const presets: Record<string, JestConfig> = {};
  for (const dir of workspaceMembers(root, files, readFile)) {
    const name = parseManifest(readFile(`${dir}/package.json`))?.['name'];
    if (typeof name !== 'string') continue;
    for (const file of files) {
      const match = /^(?:(.*)\/)?jest-preset\.(?:json|js|cjs|mjs)$/.exec(file.startsWith(`${dir}/`) ? file.slice(dir.length + 1) : '');
      if (!match) continue;
      const found = readConfigFile(readFile, file);
      if (found) presets[match[1] === undefined ? name : `${name}/${match[1]}`] = found.config;
    }
  }
  return presets;
}

/**
 * Nx projects whose `test` target runs Jest through an executor (`@nx/jest:jest`, `@nrwl/jest:jest`)
 * in project.json: their Jest is started by Nx, with the config the target names; this recipe does
 * not edit project.json, so such a package cannot be carried.
 */
export function nxJestProjects(files: readonly string[], readFile: ReadText): string[] {
  return files
    .filter((file) => posix.basename(file) === 'project.json' && /"@(?:nx|nrwl)\/jest:jest"/.test(readFile(file) ?? ''))
    .map((file) => posix.dirname(file))
    .sort();
}

type Transform<S> = (sourceFile: S, ctx: TsMorphContext) => string | undefined;

/**
 * A setup or finish transform that migrates a root's files, made to migrate each workspace
 * package that runs its own Jest the same way: a file inside such a package is handed to it in
 * the package's context (memberContext), with the workspace's Jest presets as the option
 * `workspacePresets` (findJestConfig reads a config's `preset` through it) and the root's
 * package.json as `workspaceManifest` (the Node, Vite and TypeScript the whole workspace runs on). A root file goes to
 * it as before, and so does a file of any other folder. Where a package's Jest cannot
 * be carried (nxJestProjects), no package file is changed: the root's package.json says why.
 */
export function forWorkspacePackages<S>(transform: Transform<S>): Transform<S> {
  return (sourceFile, ctx) => {
    if (!ctx.path.includes('/')) return transform(sourceFile, ctx);
    const read = (path: string) => (path === ctx.path ? ctx.text : ctx.project.getSourceFile(`/${path}`)?.getFullText());
    const dir = memberOf(ctx.path, jestWorkspacePackages(ctx.files, read));
    if (dir === undefined) return transform(sourceFile, ctx);
    if (nxJestProjects(ctx.files, read).length > 0) return undefined;
    const workspaceManifest = parseManifest(read('package.json')) ?? {};
    return transform(sourceFile, memberContext(ctx, dir, { workspacePresets: workspacePresets(ctx.files, read), workspaceManifest }));
  };
}

/**
 * The manifest whose facts choose a package's Vitest (versions.ts): the package's own, over the
 * workspace root's dependencies, engines and Volta pin (hoisted tooling, one Node for all); the
 * manifest itself outside a workspace package.
 */
export function factsManifest(pkg: Record<string, JsonValue>, options: Readonly<Record<string, unknown>>): Record<string, JsonValue> {
  const root = options['workspaceManifest'] as Record<string, JsonValue> | undefined;
  if (root === undefined) return pkg;
  const merged = (field: string) => ({ ...(root[field] as Record<string, JsonValue> | undefined), ...(pkg[field] as Record<string, JsonValue> | undefined) });
  return { ...pkg, dependencies: merged('dependencies'), devDependencies: merged('devDependencies'), engines: merged('engines'), volta: merged('volta') };
}

/** The package's dependencies that are workspace packages shipping the Jest preset its config names (the option `workspacePresets`). */
export function presetPackages(pkg: Record<string, JsonValue>, options: Readonly<Record<string, unknown>>): string[] {
  const presets = Object.keys((options['workspacePresets'] as Record<string, unknown> | undefined) ?? {});
  const names = ['dependencies', 'devDependencies'].flatMap((field) => Object.keys((pkg[field] as Record<string, JsonValue> | undefined) ?? {}));
  return names.filter((name) => presets.some((preset) => preset === name || preset.startsWith(`${name}/`)));
}
