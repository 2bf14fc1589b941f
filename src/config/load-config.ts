// Loads migration.config.json from the working tree of the repo (so an edit counts without a
// commit); a repo without one gets the defaults.

import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { configError } from '../core/errors.js';
import { DEFAULT_BRANCH_PREFIX, DEFAULT_NEVER_SEND_TO_MODEL, type Config, type ModelConfig } from '../core/recipe.js';
import { API_KEY_PATTERN, apiKeyMessage, CONFIG_FILE_NAME, defaultConcurrency } from './config-file.js';
import type { ConfigInput } from './config-schema.js';
import { readJsonFile } from './json-file.js';
import { issueLines, problemLine, type JsonPath } from './problems.js';

export async function loadConfig(repoRoot: string): Promise<Config> {
  const file = resolve(repoRoot, CONFIG_FILE_NAME);
  const json = await readJsonFile(file);
  if (json.status === 'missing') return defaultConfig();
  if (json.status === 'invalid') throw configError(json.problem);
  // The schema (and zod) loads only for a repository that has a config file.
  const { configSchema } = await import('./config-schema.js');

  // Keys inside records (recipe ids) escape strictObject, so look for API keys everywhere.
  const problems = findApiKeys(json.value).map(({ path, key }) => problemLine(file, path, apiKeyMessage(key)));
  const parsed = configSchema.safeParse(json.value);
  if (!parsed.success) problems.push(...issueLines(file, parsed.error.issues, json.value));
  const recipes: Record<string, string> = {};
  if (parsed.success) {
    for (const [id, path] of Object.entries(parsed.data.recipes)) {
      const target = resolve(dirname(file), path);
      // A config is the repository's: it names recipes inside it, never a file elsewhere on the
      // machine (whose first bytes a parse error would then print).
      const within = relative(repoRoot, target);
      if (within === '' || within.startsWith('..') || isAbsolute(within)) {
        problems.push(problemLine(file, ['recipes', id], `${path} is outside the repository; keep recipes inside it`));
        continue;
      }
      if (!(await isFile(target))) problems.push(problemLine(file, ['recipes', id], `file not found: ${path}`));
      recipes[id] = target;
    }
  }
  if (problems.length > 0 || !parsed.success) throw configError([...new Set(problems)]);

  const input = parsed.data;
  return {
    file,
    recipes,
    concurrency: input.concurrency ?? defaultConcurrency(),
    ...(input.model !== undefined && { model: toModelConfig(input.model) }),
    branchPrefix: input.branchPrefix,
    exclude: input.exclude,
    neverSendToModel: [...new Set([...DEFAULT_NEVER_SEND_TO_MODEL, ...input.neverSendToModel])],
    ...(input.verify !== undefined && { verify: input.verify }),
    ...(input.install !== undefined && { install: input.install }),
    ...(input.format !== undefined && { format: [...new Set(input.format)] }),
    ...(input.unsafeVerify && { unsafeVerify: true }),
  };
}

/**
 * The API key's variable as the config names it, read leniently: child processes must not see it
 * even before (or when) the config turns out to be invalid, and loadConfig then says what is wrong.
 */
export async function configuredSecretNames(repoRoot: string): Promise<string[]> {
  const json = await readJsonFile(resolve(repoRoot, CONFIG_FILE_NAME));
  if (json.status !== 'ok' || typeof json.value !== 'object' || json.value === null) return [];
  const model = (json.value as { model?: unknown }).model;
  const name = typeof model === 'object' && model !== null ? (model as { apiKeyEnv?: unknown }).apiKeyEnv : undefined;
  return typeof name === 'string' && name.length > 0 ? [name] : [];
}

function toModelConfig(model: NonNullable<ConfigInput['model']>): ModelConfig {
  const { maxTokensPerRun, temperature, ...rest } = model;
  return {
    ...rest,
    ...(maxTokensPerRun !== undefined && { maxTokensPerRun }),
    ...(temperature !== undefined && { temperature }),
  };
}

/** What configSchema makes of `{}`, without loading it (config-schema.ts: every field's default). */
export function defaultConfig(): Config {
  return {
    recipes: {},
    concurrency: defaultConcurrency(),
    branchPrefix: DEFAULT_BRANCH_PREFIX,
    exclude: [],
    neverSendToModel: [...DEFAULT_NEVER_SEND_TO_MODEL],
  };
}

/** Each key that looks like an API key, with the path of the object holding it (as strictObject reports it). */
function findApiKeys(value: unknown, path: JsonPath = []): { path: JsonPath; key: string }[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    if (!Array.isArray(value) && API_KEY_PATTERN.test(key)) return [{ path, key }];
    return findApiKeys(child, [...path, Array.isArray(value) ? Number(key) : key]);
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

