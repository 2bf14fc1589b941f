// What every command knows of migration.config.json without its schema: where it is, the defaults
// that need no parse, and the keys refused in it. No zod here: the lock, status and review read a
// run, not a config, and start ~0.15 s sooner without loading it (the schemas load with a config file).

import { availableParallelism } from 'node:os';

export const CONFIG_FILE_NAME = 'migration.config.json';

export const defaultConcurrency = (): number => Math.min(4, availableParallelism());

/** Keys that would hold an API key: refused wherever they appear, because keys come only from the environment. */
export const API_KEY_PATTERN = /^api[_-]?key$/i;
export const apiKeyMessage = (key: string) =>
  `key ${JSON.stringify(key)} is not allowed: the API key comes only from the environment (OPENAI_API_KEY, or the variable model.apiKeyEnv names)`;
