// JSON Schemas of the recipe and config files, derived from the zod schemas that check them, for
// editors (`"$schema": "…/schemas/recipe.schema.json"`). The files under schemas/ are this
// module's output (scripts/json-schemas.mjs writes them; a test keeps them equal).

import { z } from 'zod';
import { configSchema } from './config-schema.js';
import { codemodEntry, modelEntry, recipeSchema, stepEntrySchema } from './recipe-schema.js';

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

export function recipeJsonSchema(): Record<string, unknown> {
  return jsonSchema(recipeSchema, 'codemigrate recipe', 'A migration: which files form its modules, the codemods and model steps each step runs, how each step is verified.');
}

export function configJsonSchema(): Record<string, unknown> {
  return jsonSchema(configSchema, 'codemigrate config (migration.config.json)', "A repository's settings: its own recipes, the model, excludes, verify and install overrides.");
}

function jsonSchema(schema: z.ZodType, title: string, description: string): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, {
    // What an author writes: fields with defaults are optional.
    io: 'input',
    // A step is chosen by its key in code (recipe-schema.ts); written out, it is one of the two.
    override: ({ zodSchema, jsonSchema: out }) => {
      if (zodSchema === stepEntrySchema) {
        for (const key of Object.keys(out)) delete (out as Record<string, unknown>)[key];
        Object.assign(out, { oneOf: [inputSchema(codemodEntry), inputSchema(modelEntry)] });
      }
    },
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const { $schema: _draft, ...rest } = generated;
  return { $schema: DRAFT, title, description, ...rest };
}

function inputSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _draft, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
}
