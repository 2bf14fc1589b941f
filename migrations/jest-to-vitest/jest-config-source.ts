// Where a setup transform finds the project's Jest config among the files of the setup step:
// a jest.config.* file (read statically) or else the "jest" key of the root package.json.

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

export function findJestConfig(ctx: TsMorphContext): FoundJestConfig | undefined {
  for (const file of ctx.files) {
    if (!JEST_CONFIG_FILE.test(file)) continue;
    const text = textOf(ctx, file);
    if (text === undefined) continue;
    if (file.endsWith('.json')) return { file, config: JSON.parse(text) as JestConfig, unread: [] };
    const read = readJestConfigSource(text, file);
    return { file, config: read.config ?? {}, unread: read.unread };
  }
  const pkg = textOf(ctx, 'package.json');
  if (pkg === undefined) return undefined;
  const jest = (JSON.parse(pkg) as Record<string, JsonValue>)['jest'];
  if (jest && typeof jest === 'object' && !Array.isArray(jest)) return { file: 'package.json', config: jest, unread: [] };
  return undefined;
}

export function viteConfigPath(ctx: TsMorphContext): string | undefined {
  return ctx.files.find((file) => VITE_CONFIG_FILE.test(file));
}
