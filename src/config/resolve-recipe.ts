// Finds the recipe a command names: a built-in id, an id the config names, or a path to a file.

import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { configError, recipeError } from '../core/errors.js';
import type { Config, Recipe } from '../core/recipe.js';
import { checkRecipeId } from './common-schemas.js';
import { loadRecipeFile } from './load-recipe.js';
import { displayPath } from './problems.js';

export interface RecipeLookup {
  readonly repoRoot: string;
  readonly config: Config;
  /** Folder of the built-in recipes (<package>/recipes). */
  readonly builtinDir: string;
}

export interface RecipeListing {
  readonly id: string;
  readonly description: string;
  readonly source: 'builtin' | 'config';
  readonly file: string;
}

/** Anything with a "/" or a .json ending is a path, relative to the working directory. */
export const isRecipePath = (ref: string): boolean => ref.includes('/') || ref.includes('\\') || ref.endsWith('.json');

export async function resolveRecipe(ref: string, opts: RecipeLookup): Promise<Recipe> {
  const builtins = await builtinIds(opts.builtinDir);
  if (isRecipePath(ref)) {
    // A resumed run names its recipe by absolute path; a built-in stays a built-in.
    const file = resolve(process.cwd(), ref);
    const id = basename(file, '.json');
    const builtin = builtins.includes(id) && file === builtinFile(opts.builtinDir, id);
    return loadRecipeFile(file, builtin ? { builtin, expectedId: { id, by: 'its file name' } } : { builtin });
  }
  checkNoShadowing(opts.config, builtins);
  if (builtins.includes(ref)) {
    return loadRecipeFile(builtinFile(opts.builtinDir, ref), {
      builtin: true,
      expectedId: { id: ref, by: 'its file name' },
    });
  }
  const configured = opts.config.recipes[ref];
  if (configured !== undefined) {
    return loadRecipeFile(configured, { builtin: false, expectedId: { id: ref, by: configName(opts.config) } });
  }
  const known = [...builtins, ...Object.keys(opts.config.recipes).sort()];
  throw recipeError(
    `unknown recipe ${JSON.stringify(ref)}; known recipes: ${known.length > 0 ? known.join(', ') : '(none)'} (or give a path to a recipe .json file)`,
  );
}

export async function listRecipes(opts: RecipeLookup): Promise<RecipeListing[]> {
  const builtins = await builtinIds(opts.builtinDir);
  checkNoShadowing(opts.config, builtins);
  const sources = [
    ...builtins.map((id) => ({ id, source: 'builtin' as const, file: builtinFile(opts.builtinDir, id) })),
    ...Object.keys(opts.config.recipes)
      .sort()
      .map((id) => ({ id, source: 'config' as const, file: opts.config.recipes[id] ?? '' })),
  ];
  const problems: string[] = [];
  const listings: RecipeListing[] = [];
  for (const { id, source, file } of sources) {
    try {
      const recipe = await loadRecipeFile(file, {
        builtin: source === 'builtin',
        expectedId: { id, by: source === 'builtin' ? 'its file name' : configName(opts.config) },
      });
      listings.push({ id, description: recipe.description, source, file: recipe.file });
    } catch (error) {
      if (!(error instanceof Error && 'problems' in error)) throw error;
      problems.push(...(error as { problems: readonly string[] }).problems);
    }
  }
  if (problems.length > 0) throw recipeError(problems);
  return listings;
}

async function builtinIds(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .map((name) => basename(name, '.json'))
    .filter((id) => checkRecipeId(id) === undefined)
    .sort();
}

const builtinFile = (dir: string, id: string) => resolve(join(dir, `${id}.json`));

const configName = (config: Config) => (config.file !== undefined ? displayPath(config.file) : 'the config');

// Two recipes behind one id would make a run's recipe depend on which list is read first.
function checkNoShadowing(config: Config, builtins: readonly string[]): void {
  const shadowing = Object.keys(config.recipes).filter((id) => builtins.includes(id));
  if (shadowing.length > 0) {
    throw configError(
      shadowing.map((id) => `${configName(config)}: recipes.${id}: is the id of a built-in recipe; choose another id`),
    );
  }
}
