// Recipes and config: strict schemas → normalised core types → small named rules.

export { configuredSecretNames, loadConfig, defaultConfig } from './load-config.js';
export { CONFIG_FILE_NAME } from './config-schema.js';
export { loadRecipeFile, type RecipeOrigin } from './load-recipe.js';
export { resolveRecipe, listRecipes, isRecipePath, type RecipeLookup, type RecipeListing } from './resolve-recipe.js';
export { checkBranchPrefix, checkRecipeId } from './common-schemas.js';
