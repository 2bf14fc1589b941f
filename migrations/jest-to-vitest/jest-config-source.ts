// Where a setup transform finds the project's Jest config among the files of the setup step:
// the file a package.json script hands to `jest --config` (the "test" script first), else a root
// jest.config.* file, else the "jest" key of the root package.json.

import type { TsMorphContext } from './ts-morph-context.js';
import { readJestConfigSource, type JestConfig, type JsonValue } from './jest-config.js';

export const JEST_CONFIG_FILE = /^jest\.config\.(?:js|ts|cjs|mjs|cts|mts|json)$/;
export const VITE_CONFIG_FILE = /^vite(?:st)?\.config\.(?:js|ts|cjs|mjs|cts|mts)$/;

export interface FoundJestConfig {
  readonly file: string;
  readonly config: JestConfig;
  readonly unread: readonly string[];
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

export function readConfigFile(readText: ReadText, file: string): FoundJestConfig | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  if (file.endsWith('.json')) return { file, config: JSON.parse(text) as JestConfig, unread: [] };
  const read = readJestConfigSource(text, file);
  return { file, config: read.config ?? {}, unread: read.unread };
}

/** The root package.json among the step's files; undefined when there is none (a syntax error throws). */
export function readManifest(ctx: TsMorphContext): Record<string, JsonValue> | undefined {
  const text = textOf(ctx, 'package.json');
  return text === undefined ? undefined : (JSON.parse(text) as Record<string, JsonValue>);
}

export function findJestConfig(ctx: TsMorphContext): FoundJestConfig | undefined {
  const readText = (path: string) => textOf(ctx, path);
  const manifest = readManifest(ctx);
  for (const file of manifest ? configsNamedByScripts(manifest) : []) {
    const found = ctx.files.includes(file) ? readConfigFile(readText, file) : undefined;
    if (found) return found;
  }
  for (const file of ctx.files) {
    if (!JEST_CONFIG_FILE.test(file)) continue;
    const found = readConfigFile(readText, file);
    if (found) return found;
  }
  if (manifest === undefined) return undefined;
  const jest = manifest['jest'];
  if (jest && typeof jest === 'object' && !Array.isArray(jest)) return { file: 'package.json', config: jest, unread: [] };
  return undefined;
}

export function viteConfigPath(ctx: TsMorphContext): string | undefined {
  return ctx.files.find((file) => VITE_CONFIG_FILE.test(file));
}
