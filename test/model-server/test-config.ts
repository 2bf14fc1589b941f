// A ModelConfig and environment for tests against the local model server: small deadlines, a
// fake key that tests search for to prove it is never stored.

import type { ModelConfig } from '../../src/core/recipe.js';

export const TEST_API_KEY_ENV = 'CODEMIGRATE_TEST_MODEL_KEY';
export const TEST_API_KEY = 'sk-test-0123456789-never-store-me';
export const TEST_ENV: NodeJS.ProcessEnv = { [TEST_API_KEY_ENV]: TEST_API_KEY };

export function testModelConfig(baseURL: string, overrides: Partial<ModelConfig> = {}): ModelConfig {
  return {
    baseURL,
    model: 'test-model',
    apiKeyEnv: TEST_API_KEY_ENV,
    timeoutSeconds: 5,
    idleTimeoutSeconds: 2,
    maxRetries: 2,
    maxRetryAfterSeconds: 1,
    maxOutputTokens: 4096,
    maxFileBytes: 16_000,
    maxRequestBytes: 120_000,
    ...overrides,
  };
}
