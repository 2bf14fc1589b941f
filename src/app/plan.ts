// `codemigrate plan <recipe>`: the steps a run would execute; writes nothing. A recipe that does
// not apply, or a plan of 0 steps, is an error here as it is for `run`.

import type { Plan } from '../core/plan.js';
import { createCodemodEngine } from '../codemods/index.js';
import { loadInputs } from './inputs.js';
import { planNewRun } from './make-plan.js';
import { openRepository } from './repository.js';

export async function planMigration(options: { repo: string; recipe: string; only?: string }): Promise<Plan> {
  const repo = await openRepository(options.repo);
  const engine = createCodemodEngine();
  try {
    const { config, recipe } = await loadInputs(repo.git.root, options.recipe, engine);
    const { plan } = await planNewRun(repo.git, recipe, config, repo.head, options.only);
    return plan;
  } finally {
    await engine.close();
    await repo.git.close();
  }
}
