// `codemigrate plan <recipe>`: the steps a run would execute; writes nothing. A recipe that does
// not apply, or a plan of 0 steps, is an error here as it is for `run`.

import type { Plan } from '../core/plan.js';
import { createCodemodEngine } from '../codemods/index.js';
import { loadConfig, resolveRecipe } from '../config/index.js';
import { BUILTIN_RECIPES, checkTransforms, modelFor } from './inputs.js';
import { planNewRun } from './make-plan.js';
import { openRepository } from './repository.js';

export async function planMigration(options: { repo: string; recipe: string; only?: string }): Promise<Plan> {
  const repo = await openRepository(options.repo);
  const engine = createCodemodEngine();
  try {
    const config = await loadConfig(repo.git.root);
    const recipe = await resolveRecipe(options.recipe, { repoRoot: repo.git.root, config, builtinDir: BUILTIN_RECIPES });
    // Whether the recipe applies is cheap to tell; loading its transforms is not.
    const { plan } = await planNewRun(repo.git, recipe, config, repo.head, options.only);
    await checkTransforms(recipe, engine);
    await modelFor(recipe, config);
    return plan;
  } finally {
    await engine.close();
    await repo.git.close();
  }
}
