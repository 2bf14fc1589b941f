// `codemigrate init`: scaffolds a recipe in a project — read (is the folder there, is any file
// taken) → assemble (init-templates.ts, pure) → write. Nothing is written unless every file is new.

import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { checkRecipeId } from '../config/common-schemas.js';
import { usageError } from '../core/errors.js';
import type { Engine } from '../core/recipe.js';
import { scaffoldCommands, scaffoldFiles } from './init-templates.js';

export interface InitOptions {
  /** The project folder (default: the working directory). */
  readonly dir: string;
  readonly name: string;
  readonly engine: Engine;
}

export interface InitReport {
  readonly dir: string;
  /** Paths written, relative to `dir`. */
  readonly files: readonly string[];
  readonly commands: { readonly test: string; readonly run: string };
}

export async function initRecipe({ dir, name, engine }: InitOptions): Promise<InitReport> {
  const problem = checkRecipeId(name);
  if (problem !== undefined) throw usageError(`--recipe: "${name}" ${problem}`);
  const root = resolve(dir);
  if (!isDirectory(root)) throw usageError(`--dir: not a directory: ${dir}`);
  const recipeDir = join(root, 'codemigrate', name);
  const files = scaffoldFiles({ name, engine, schema: schemaPath(recipeDir, root) });
  const taken = Object.keys(files).filter((path) => existsSync(join(root, path)));
  if (taken.length > 0) throw usageError(taken.map((path) => `${join(root, path)}: already exists; init never overwrites a file (choose another --recipe, or move it away)`));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text, { flag: 'wx' });
  }
  return { dir: root, files: Object.keys(files), commands: scaffoldCommands(name) };
}

/**
 * `$schema` from the recipe's folder: the schema of the codemigrate installed in the nearest
 * node_modules above it, as the project will find it once committed; without one, where
 * `npm install -D codemigrate` in the project's folder puts it.
 */
function schemaPath(recipeDir: string, root: string): string {
  const tail = join('node_modules', 'codemigrate', 'schemas', 'recipe.schema.json');
  for (let at = recipeDir; ; at = dirname(at)) {
    if (existsSync(join(at, tail))) return toPosix(relative(recipeDir, join(at, tail)));
    if (dirname(at) === at) break;
  }
  return toPosix(relative(recipeDir, join(root, tail)));
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
