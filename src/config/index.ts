// Recipes and config: strict schemas → normalised core types → small named rules.
// The schemas (zod, ~0.15 s to load) load on the first call that parses a file: the lock, status
// and review never parse a recipe, and a repository without a config never parses one.

import type { Recipe } from '../core/recipe.js';
import type { RecipeOrigin } from './load-recipe.js';
import type { RecipeListing, RecipeLookup } from './resolve-recipe.js';

export { configuredSecretNames, loadConfig, defaultConfig } from './load-config.js';
export { CONFIG_FILE_NAME } from './config-file.js';
export type { RecipeOrigin, RecipeListing, RecipeLookup };

export async function loadRecipeFile(file: string, origin: RecipeOrigin): Promise<Recipe> {
  return (await import('./load-recipe.js')).loadRecipeFile(file, origin);
}

export async function resolveRecipe(ref: string, opts: RecipeLookup): Promise<Recipe> {
  return (await import('./resolve-recipe.js')).resolveRecipe(ref, opts);
}

export async function listRecipes(opts: RecipeLookup): Promise<RecipeListing[]> {
  return (await import('./resolve-recipe.js')).listRecipes(opts);
}
