// migration.config.json as written (DESIGN.md "Config"): strict, every field optional.

import { z } from 'zod';
import { DEFAULT_BRANCH_PREFIX, FORMATTERS } from '../core/recipe.js';
import { branchPrefixSchema, checkCommandSchema, globSchema, recipeIdSchema, verifyCommandSchema } from './common-schemas.js';
import { strictObject } from './strict-object.js';

const modelSchema = strictObject({
  baseURL: z.url({ protocol: /^https?$/ }),
  model: z.string().trim().min(1),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be the name of an environment variable, not the key itself' })
    .default('OPENAI_API_KEY'),
  maxTokensPerRun: z.number().int().positive().optional(),
  temperature: z.number().min(0).max(2).optional(),
  // A reply's length cap (max_tokens): no answer runs on without end on the run's budget.
  maxOutputTokens: z.number().int().positive().default(16_384),
  // How much of a step's files a request shows (src/model/scope-request.ts): a bigger file goes
  // as an excerpt around the lines the work names, files past the total are named only.
  maxFileBytes: z.number().int().min(1_000).default(16_000),
  maxRequestBytes: z.number().int().min(1_000).default(120_000),
  timeoutSeconds: z.number().positive().default(120),
  idleTimeoutSeconds: z.number().positive().default(30),
  maxRetries: z.number().int().min(0).default(4),
  maxRetryAfterSeconds: z.number().min(0).default(60),
});

export const configSchema = strictObject({
  // The JSON Schema an editor checks the file with (schemas/config.schema.json): no meaning here.
  $schema: z.string().optional(),
  recipes: z.record(recipeIdSchema, z.string().min(1)).default({}),
  concurrency: z.number().int().min(1).max(64).optional(),
  model: modelSchema.optional(),
  branchPrefix: branchPrefixSchema.default(DEFAULT_BRANCH_PREFIX),
  exclude: z.array(globSchema).default([]),
  neverSendToModel: z.array(globSchema).default([]),
  verify: z.array(checkCommandSchema).optional(),
  // null: the repository needs no install even where the recipe has one.
  install: verifyCommandSchema.nullable().optional(),
  // Replaces the recipe's format hook: the repository's formatters over changed files; [] turns it off.
  format: z.array(z.enum(FORMATTERS)).optional(),
  // Run verify without a sandbox even when a model writes code (see src/verify/sandbox.ts).
  unsafeVerify: z.boolean().default(false),
});

export type ConfigInput = z.output<typeof configSchema>;
