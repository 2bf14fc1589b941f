import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, recipeJsonSchema } from './json-schemas.js';

const ROOT = join(import.meta.dirname, '../..');
const committed = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', `${name}.schema.json`), 'utf8')) as Record<string, unknown>;

describe('JSON Schemas of recipe and config', () => {
  it('are what the zod schemas give (after a schema change: npm run build && node scripts/json-schemas.mjs)', () => {
    expect(committed('recipe')).toEqual(recipeJsonSchema());
    expect(committed('config')).toEqual(configJsonSchema());
  });

  it('describe what an author writes: defaults optional, unknown keys refused, a step one of codemod or model', () => {
    const recipe = recipeJsonSchema() as { required: string[]; additionalProperties: boolean; properties: Record<string, { items?: { oneOf?: { required: string[] }[] } }> };
    expect(recipe.required.sort()).toEqual(['description', 'id', 'modules', 'steps']);
    expect(recipe.additionalProperties).toBe(false);
    expect(recipe.properties['steps']?.items?.oneOf?.map((branch) => branch.required)).toEqual([['codemod', 'engine'], ['model']]);
    const config = configJsonSchema() as { required?: string[]; properties: Record<string, unknown> };
    expect(config.required ?? []).toEqual([]);
    expect(Object.keys(config.properties)).toEqual(expect.arrayContaining(['$schema', 'model', 'exclude', 'install']));
  });

  it('are named by every built-in recipe', () => {
    for (const file of readdirSync(join(ROOT, 'recipes')).filter((name) => name.endsWith('.json'))) {
      expect((JSON.parse(readFileSync(join(ROOT, 'recipes', file), 'utf8')) as { $schema?: string }).$schema, file).toBe('../schemas/recipe.schema.json');
    }
  });
});
