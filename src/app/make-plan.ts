// Reads what the planner needs from the source commit (file list, package manifests) and asks
// the pure planner for the plan.

import type { GitPort } from '../core/git.js';
import type { RepoPath } from '../core/paths.js';
import type { Plan } from '../core/plan.js';
import type { Config, Recipe } from '../core/recipe.js';
import { openTreeFiles, type TreeFiles } from '../edits/tree-files.js';
import { buildPlan, selectSteps } from '../planner/index.js';

const MANIFEST = /(^|\/)(package\.json|pnpm-workspace\.yaml)$/;

export async function makePlan(
  git: GitPort,
  recipe: Recipe,
  config: Config,
  sourceCommit: string,
  only?: string,
): Promise<{ plan: Plan; source: TreeFiles }> {
  const source = await openTreeFiles(git, sourceCommit);
  const manifests = [...source.entries.keys()].filter((path) => MANIFEST.test(path) && !path.includes('node_modules/'));
  const texts = new Map((await source.read(manifests)).map((file) => [file.path, file.text] as const));
  const files = [...source.entries.values()].map((entry) => ({ path: entry.path, mode: entry.mode }));
  const plan = buildPlan({ recipe, config, sourceCommit, files, readText: (path: RepoPath) => texts.get(path) });
  return { plan: only === undefined ? plan : selectSteps(plan, only), source };
}
