// `codemigrate recipes`: built-in recipes and those the repository's config names.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultConfig, listRecipes, loadConfig, type RecipeListing } from '../config/index.js';
import { BUILTIN_RECIPES } from './inputs.js';

export async function listAvailableRecipes(options: { repo: string }): Promise<readonly RecipeListing[]> {
  const repoRoot = resolve(options.repo);
  const config = existsSync(repoRoot) ? await loadConfig(repoRoot) : defaultConfig();
  return listRecipes({ repoRoot, config, builtinDir: BUILTIN_RECIPES });
}
