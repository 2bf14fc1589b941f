#!/usr/bin/env node
// Writes schemas/recipe.schema.json and schemas/config.schema.json from the built zod schemas
// (src/config/json-schemas.ts). Run after `npm run build` when a schema changed; a test fails
// while the files differ from what this writes.

import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configJsonSchema, recipeJsonSchema } from '../dist/config/json-schemas.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (const [name, schema] of [['recipe', recipeJsonSchema()], ['config', configJsonSchema()]]) {
  const file = join(root, 'schemas', `${name}.schema.json`);
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
