import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_NEVER_SEND_TO_MODEL } from '../core/recipe.js';
import { configuredSecretNames, loadConfig } from './load-config.js';
import { makeFixtureDir, rejection, writeFixtureFiles } from './__testfixtures__/fixture-dir.js';

let dir: string;
const cwd = process.cwd();

beforeEach(() => {
  dir = makeFixtureDir({ 'tools/recipes/ours.json': '{}' });
  process.chdir(dir);
});

afterEach(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

const writeConfig = (config: unknown) =>
  writeFixtureFiles(dir, { 'migration.config.json': typeof config === 'string' ? config : (config as object) });

async function problemsOf(config: unknown): Promise<readonly string[]> {
  writeConfig(config);
  const error = await rejection(loadConfig(dir));
  expect(error.code).toBe('config');
  expect(error.exitCode).toBe(2);
  return error.problems;
}

describe('loadConfig', () => {
  it('gives the defaults when the repo has no config file', async () => {
    const config = await loadConfig(dir);
    expect(config).toEqual({
      recipes: {},
      concurrency: Math.min(4, availableParallelism()),
      branchPrefix: 'codemigrate',
      exclude: [],
      neverSendToModel: [...DEFAULT_NEVER_SEND_TO_MODEL],
    });
    expect(config).not.toHaveProperty('file');
    expect(config).not.toHaveProperty('model');
  });

  it('gives the defaults for an empty object, naming the file: the schema\'s defaults are those of a repo without one', async () => {
    const withoutFile = await loadConfig(dir);
    writeConfig({});
    expect(await loadConfig(dir)).toEqual({ ...withoutFile, file: join(dir, 'migration.config.json') });
  });

  it('takes "$schema" (where an editor finds the JSON Schema) and nothing from it', async () => {
    const withoutFile = await loadConfig(dir);
    writeConfig({ $schema: './node_modules/codemigrate/schemas/config.schema.json' });
    expect(await loadConfig(dir)).toEqual({ ...withoutFile, file: join(dir, 'migration.config.json') });
  });

  it('normalises every field', async () => {
    writeConfig({
      recipes: { ours: 'tools/recipes/ours.json' },
      concurrency: 8,
      model: { baseURL: 'http://127.0.0.1:8080/v1', model: 'qwen', maxTokensPerRun: 100000, temperature: 0 },
      branchPrefix: 'team/cm-1.x',
      exclude: ['vendor/**'],
      neverSendToModel: ['**/secrets/**', '**/*.pem'],
      verify: [{ run: 'npm test' }],
      install: { run: 'npm ci', timeoutSeconds: 900 },
    });
    expect(await loadConfig(dir)).toEqual({
      file: join(dir, 'migration.config.json'),
      recipes: { ours: join(dir, 'tools/recipes/ours.json') },
      concurrency: 8,
      model: {
        baseURL: 'http://127.0.0.1:8080/v1',
        model: 'qwen',
        apiKeyEnv: 'OPENAI_API_KEY',
        maxTokensPerRun: 100000,
        temperature: 0,
        timeoutSeconds: 120,
        idleTimeoutSeconds: 30,
        maxRetries: 4,
        maxRetryAfterSeconds: 60,
        maxOutputTokens: 16_384,
        maxFileBytes: 16_000,
        maxRequestBytes: 120_000,
      },
      branchPrefix: 'team/cm-1.x',
      exclude: ['vendor/**'],
      neverSendToModel: [...DEFAULT_NEVER_SEND_TO_MODEL, '**/secrets/**'],
      verify: [{ run: 'npm test', timeoutSeconds: 600, parser: 'exit-code' }],
      install: { run: 'npm ci', timeoutSeconds: 900 },
    });
  });

  it('keeps "install": null, which turns the recipe\'s install off, and leaves out an install not written', async () => {
    writeConfig({ install: null });
    expect((await loadConfig(dir)).install).toBeNull();
    writeConfig({});
    expect(await loadConfig(dir)).not.toHaveProperty('install');
  });

  it('reads "format" (which replaces the recipe\'s; [] turns it off), once per formatter, and leaves it out when not written', async () => {
    writeConfig({ format: ['eslint', 'prettier', 'eslint'] });
    expect((await loadConfig(dir)).format).toEqual(['eslint', 'prettier']);
    writeConfig({ format: [] });
    expect((await loadConfig(dir)).format).toEqual([]);
    writeConfig({});
    expect(await loadConfig(dir)).not.toHaveProperty('format');
  });

  it('leaves out optional model fields that were not written', async () => {
    writeConfig({ model: { baseURL: 'https://api.example.test/v1', model: 'm', apiKeyEnv: 'MY_KEY', maxRetries: 0 } });
    const { model } = await loadConfig(dir);
    expect(model).toMatchObject({ apiKeyEnv: 'MY_KEY', maxRetries: 0 });
    expect(model).not.toHaveProperty('temperature');
    expect(model).not.toHaveProperty('maxTokensPerRun');
  });

  it.each(['a', 'codemigrate', 'team/cm', 'a.b_c-D/e9', 'x/y/z'])('accepts branchPrefix %j', async (branchPrefix) => {
    writeConfig({ branchPrefix });
    expect((await loadConfig(dir)).branchPrefix).toBe(branchPrefix);
  });

  const bad: [string, unknown, string][] = [
    ['concurrency 0', { concurrency: 0 }, 'concurrency: must be ≥ 1, got 0'],
    ['concurrency 65', { concurrency: 65 }, 'concurrency: must be ≤ 64, got 65'],
    ['concurrency 2.5', { concurrency: 2.5 }, 'concurrency: expected an integer, received number'],
    ['concurrency as a string', { concurrency: '4' }, 'concurrency: expected number, received string'],
    ['recipes not an object', { recipes: ['x'] }, 'recipes: expected object, received array'],
    ['recipe path not a string', { recipes: { ours: 3 } }, 'recipes.ours: expected string, received number'],
    ['recipe id', { recipes: { Ours: 'tools/recipes/ours.json' } }, 'recipes.Ours: must start with a-z or 0-9'],
    ['recipe file missing', { recipes: { gone: 'tools/gone.json' } }, 'recipes.gone: file not found: tools/gone.json'],
    ['recipe outside the repository', { recipes: { shadow: '../../../../etc/shadow' } }, 'recipes.shadow: ../../../../etc/shadow is outside the repository; keep recipes inside it'],
    ['recipe at an absolute path', { recipes: { abs: '/etc/passwd' } }, 'recipes.abs: /etc/passwd is outside the repository; keep recipes inside it'],
    ['model.baseURL', { model: { baseURL: 'not a url', model: 'm' } }, 'model.baseURL: Invalid URL'],
    ['model.baseURL not http', { model: { baseURL: 'ftp://example.test', model: 'm' } }, 'model.baseURL: Invalid URL'],
    ['model.baseURL missing', { model: { model: 'm' } }, 'model.baseURL: required'],
    ['model.model missing', { model: { baseURL: 'http://x.test' } }, 'model.model: required'],
    ['model.model empty', { model: { baseURL: 'http://x.test', model: '' } }, 'model.model: must not be empty'],
    ['model.apiKeyEnv holding a key', { model: { baseURL: 'http://x.test', model: 'm', apiKeyEnv: 'sk-123' } }, 'model.apiKeyEnv: must be the name of an environment variable'],
    ['model.maxTokensPerRun 0', { model: { baseURL: 'http://x.test', model: 'm', maxTokensPerRun: 0 } }, 'model.maxTokensPerRun: must be > 0, got 0'],
    ['model.temperature 3', { model: { baseURL: 'http://x.test', model: 'm', temperature: 3 } }, 'model.temperature: must be ≤ 2, got 3'],
    ['model.temperature -1', { model: { baseURL: 'http://x.test', model: 'm', temperature: -1 } }, 'model.temperature: must be ≥ 0, got -1'],
    ['model.timeoutSeconds 0', { model: { baseURL: 'http://x.test', model: 'm', timeoutSeconds: 0 } }, 'model.timeoutSeconds: must be > 0, got 0'],
    ['model.idleTimeoutSeconds', { model: { baseURL: 'http://x.test', model: 'm', idleTimeoutSeconds: 'x' } }, 'model.idleTimeoutSeconds: expected number, received string'],
    ['model.maxRetries -1', { model: { baseURL: 'http://x.test', model: 'm', maxRetries: -1 } }, 'model.maxRetries: must be ≥ 0, got -1'],
    ['model.maxRetryAfterSeconds', { model: { baseURL: 'http://x.test', model: 'm', maxRetryAfterSeconds: -5 } }, 'model.maxRetryAfterSeconds: must be ≥ 0, got -5'],
    ['branchPrefix ..', { branchPrefix: 'a..b' }, 'branchPrefix: must not contain ".."'],
    ['branchPrefix dot segment', { branchPrefix: 'a/.b' }, 'branchPrefix: no segment may start with "."'],
    ['branchPrefix .lock', { branchPrefix: 'a.lock/b' }, 'branchPrefix: no segment may end with ".lock"'],
    ['branchPrefix leading slash', { branchPrefix: '/a' }, 'branchPrefix: must be segments separated by single "/"'],
    ['branchPrefix double slash', { branchPrefix: 'a//b' }, 'branchPrefix: must be segments separated by single "/"'],
    ['branchPrefix trailing slash', { branchPrefix: 'a/' }, 'branchPrefix: must be segments separated by single "/"'],
    ['branchPrefix space', { branchPrefix: 'a b' }, 'branchPrefix: segments may contain only'],
    ['branchPrefix empty', { branchPrefix: '' }, 'branchPrefix: must be segments separated by single "/"'],
    ['exclude absolute', { exclude: ['/vendor'] }, 'exclude[0]: glob "/vendor" must be relative to the repository root'],
    ['exclude not strings', { exclude: [1] }, 'exclude[0]: expected string, received number'],
    ['neverSendToModel a string', { neverSendToModel: '*.pem' }, 'neverSendToModel: expected array, received string'],
    ['verify missing run', { verify: [{ timeoutSeconds: 3 }] }, 'verify[0].run: required'],
    ['verify timeout', { verify: [{ run: 'x', timeoutSeconds: 1.5 }] }, 'verify[0].timeoutSeconds: expected an integer'],
    ['install a string', { install: 'npm ci' }, 'install: expected object, received string'],
    ['install missing run', { install: { timeoutSeconds: 3 } }, 'install.run: required'],
    ['install timeout', { install: { run: 'npm ci', timeoutSeconds: 0 } }, 'install.timeoutSeconds: must be > 0, got 0'],
    ['format an unknown formatter', { format: ['biome'] }, 'format[0]: expected one of prettier, eslint'],
    ['not an object', [], 'expected object, received array'],
  ];

  it.each(bad)('reports %s', async (_name, config, expected) => {
    const problems = await problemsOf(config);
    const line = `migration.config.json: ${expected}`;
    expect(problems.some((problem) => problem.startsWith(line)), `${JSON.stringify(problems)} has no line starting with ${line}`).toBe(true);
  });

  it('reports unknown keys at every level', async () => {
    const problems = await problemsOf({
      concurency: 2,
      model: { baseURL: 'http://x.test', model: 'm', temprature: 1 },
      verify: [{ run: 'x', cwd: '.' }],
    });
    expect(problems).toEqual([
      'migration.config.json: model: unknown key "temprature" (did you mean "temperature"?)',
      'migration.config.json: verify[0]: unknown key "cwd"',
      'migration.config.json: unknown key "concurency" (did you mean "concurrency"?)',
    ]);
  });

  it('refuses an API key anywhere in the file, once per key', async () => {
    const problems = await problemsOf({
      apiKey: 'sk-1',
      model: { baseURL: 'http://x.test', model: 'm', api_key: 'sk-2' },
      recipes: { apiKey: 'x.json' },
    });
    const message = 'is not allowed: the API key comes only from the environment (OPENAI_API_KEY, or the variable model.apiKeyEnv names)';
    expect(problems.filter((line) => line.includes(message))).toEqual([
      `migration.config.json: key "apiKey" ${message}`,
      `migration.config.json: model: key "api_key" ${message}`,
      `migration.config.json: recipes: key "apiKey" ${message}`,
    ]);
  });

  it('collects every problem of the file in one error', async () => {
    const problems = await problemsOf({ concurrency: 0, branchPrefix: 'a..b', model: { baseURL: 'nope', model: 'm' }, extra: 1 });
    expect(problems).toEqual([
      'migration.config.json: concurrency: must be ≥ 1, got 0',
      'migration.config.json: model.baseURL: Invalid URL',
      'migration.config.json: branchPrefix: must not contain ".."',
      'migration.config.json: unknown key "extra"',
    ]);
  });

  it('reports invalid JSON with line and column', async () => {
    const problems = await problemsOf('{\n  "concurrency": 2,\n}\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^migration\.config\.json:3:1: invalid JSON: /);
  });

  it('reads the working tree, not a commit: the file as it is now counts', async () => {
    writeConfig({ concurrency: 2 });
    expect((await loadConfig(dir)).concurrency).toBe(2);
    writeConfig({ concurrency: 3 });
    expect((await loadConfig(dir)).concurrency).toBe(3);
  });
});

describe('configuredSecretNames', () => {
  it('names the key variable the config names, even when the config is otherwise invalid', async () => {
    expect(await configuredSecretNames(dir)).toEqual([]);
    writeConfig({ model: { baseURL: 'http://127.0.0.1:1/v1', model: 'm', apiKeyEnv: 'TEAM_KEY' } });
    expect(await configuredSecretNames(dir)).toEqual(['TEAM_KEY']);
    writeConfig({ model: { apiKeyEnv: 'TEAM_KEY', unknownKey: 1 }, concurrency: 'many' });
    await rejection(loadConfig(dir));
    expect(await configuredSecretNames(dir)).toEqual(['TEAM_KEY']);
    writeConfig('{ not json');
    expect(await configuredSecretNames(dir)).toEqual([]);
  });
});

describe('the example configs', () => {
  const ROOT = join(import.meta.dirname, '../..');
  // The README's JSON blocks under "Config": the shipped file first, then the fuller one.
  const readmeBlocks = (): string[] => {
    const section = readFileSync(join(ROOT, 'README.md'), 'utf8').split('## Config:')[1]!.split('\n## ')[0]!;
    return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1]!);
  };

  it('ships migration.config.json as the README shows it, and it loads as written', async () => {
    const shipped = readFileSync(join(ROOT, 'migration.config.json'), 'utf8');
    expect(readmeBlocks()[0]).toBe(shipped);
    writeConfig(shipped);
    expect(await loadConfig(dir)).toMatchObject({ concurrency: 2, branchPrefix: 'codemigrate', exclude: ['**/fixtures/**', 'legacy/**'] });
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).files).toContain('migration.config.json');
  });

  it('loads the fuller README example (its recipe path given)', async () => {
    writeFixtureFiles(dir, { 'tools/migrations/our-migration.json': '{}' });
    writeConfig(readmeBlocks()[1]!);
    expect(await loadConfig(dir)).toMatchObject({ concurrency: 4, model: { model: 'gpt-4.1', apiKeyEnv: 'OPENAI_API_KEY' } });
  });
});
