// Loads config and recipe and proves every transform loads, collecting every problem before
// the first write: one line each, naming the file and field.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodemodEngine } from '../core/codemod.js';
import { CodemigrateError, isCodemigrateError } from '../core/errors.js';
import type { ModelClient } from '../core/model.js';
import type { Config, Recipe } from '../core/recipe.js';

/** The package's own folder (recipes/, migrations/, examples/ live there). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILTIN_RECIPES = join(PACKAGE_ROOT, 'recipes');

/** Throws a config error (exit 2, before anything is written) when the key's variable is unset. */
export async function modelFor(recipe: Recipe, config: Config): Promise<ModelClient | undefined> {
  if (!config.model || !recipe.steps.some((spec) => spec.kind === 'model')) return undefined;
  const { createModelClient } = await import('../model/index.js');
  return createModelClient(config.model, process.env, { neverSendToModel: config.neverSendToModel });
}

export async function checkTransforms(recipe: Recipe, engine: CodemodEngine): Promise<void> {
  const problems: string[] = [];
  const specs = [...recipe.setup, ...recipe.steps, ...recipe.finish];
  for (const spec of specs) {
    if (spec.kind !== 'codemod') continue;
    try {
      await engine.check(spec);
    } catch (error) {
      const message = isCodemigrateError(error) ? error.problems.join('; ') : String(error);
      problems.push(`${recipe.file}: ${spec.field}.codemod: ${message}`);
    }
  }
  if (problems.length > 0) throw new CodemigrateError('transform', problems);
}

/**
 * The CLI runs transforms with the repository root as working directory, as a codemod's own CLI
 * run from the repository would: one that reads `.eslintrc` or `.prettierrc` per file finds the
 * project's. Called once inputs are resolved and every transform is checked (so a relative recipe
 * path or transform specifier keeps its meaning); library callers leave the process's as it is.
 */
export function enterRepoRoot(root: string, wanted: boolean | undefined): void {
  if (wanted === true && process.cwd() !== root) process.chdir(root);
}

/**
 * The engine a run's steps use: codemigrate's engines, with their results kept by content in the
 * repository's codemod result cache unless CODEMIGRATE_CODEMOD_CACHE=off (src/codemods/result-cache.ts).
 */
export async function stepEngine(gitDir: string, recipe: Recipe, { cache = true } = {}): Promise<CodemodEngine> {
  const { createCodemodEngine, isResultCacheOff, withResultCache } = await import('../codemods/index.js');
  const engine = createCodemodEngine();
  if (!cache || isResultCacheOff()) return engine;
  return withResultCache(engine, { dir: join(gitDir, 'codemigrate', 'cache', 'codemods'), transformHash: (spec) => recipe.parts[`${spec.field}.codemod`] });
}
