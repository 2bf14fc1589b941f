// Pure: (recipe, config, files at the source commit) → plan. No I/O: file texts come through
// `readText`, and the same input always gives the same plan, whatever the order of `files`.

import type { RepoPath } from '../core/paths.js';
import type { Plan, PlannedStep } from '../core/plan.js';
import type { Config, Recipe } from '../core/recipe.js';
import { comparePaths, selectCandidates, type FileEntry } from './candidates.js';
import { groupModules } from './modules.js';
import { assignStepIds } from './step-ids.js';
import { chunkModule, joinModules } from './together.js';
import { expandWorkspaces, readWorkspaceGlobs, type ReadText } from './workspaces.js';

export interface PlanInput {
  readonly recipe: Recipe;
  readonly config: Config;
  readonly sourceCommit: string;
  readonly files: readonly FileEntry[];
  /** Text of a file at the source commit (package.json, pnpm-workspace.yaml), or undefined if absent. */
  readonly readText: ReadText;
  /** Globs the recipe's modules.includeFrom read from the project, added to modules.include. */
  readonly include?: readonly string[];
  /** Files that must share a step, also from modules.includeFrom (see together.ts). */
  readonly together?: readonly (readonly string[])[];
  /** Globs of files no step takes, also from modules.includeFrom: the recipe's setup and finish carry them. */
  readonly exclude?: readonly string[];
}

export function buildPlan(input: PlanInput): Plan {
  const { recipe, config } = input;
  const candidates = selectCandidates(input.files, {
    include: [...recipe.modules.include, ...(input.include ?? [])],
    exclude: [...recipe.modules.exclude, ...config.exclude, ...(input.exclude ?? [])],
  });
  const packageDirs = recipe.modules.by === 'package' ? expandWorkspaces(readWorkspaceGlobs(input.readText), input.files) : [];
  const together = input.together ?? [];
  const modules = [...joinModules(groupModules(candidates, recipe.modules.by, packageDirs), together)]
    .map(([module, files]) => [module, files.sort(comparePaths)] as const)
    .sort(([a], [b]) => comparePaths(a, b));

  const chunks = modules.flatMap(([module, files]) => {
    const parts = chunkModule(files, recipe.modules.maxFilesPerStep, together);
    return parts.map((part, index) => ({ module, chunk: index + 1, chunks: parts.length, files: part }));
  });
  const named = assignStepIds(chunks);
  const steps = named.map((part, index): PlannedStep => {
    const previous = named[index - 1]?.id;
    return {
      id: part.id,
      module: part.module,
      chunk: part.chunk,
      files: part.files,
      dependsOn: recipe.isolation === 'stacked' && previous !== undefined ? [previous] : [],
    };
  });
  return {
    recipeId: recipe.id,
    recipeHash: recipe.hash,
    sourceCommit: input.sourceCommit,
    isolation: recipe.isolation,
    hasSetup: recipe.setup.length > 0,
    steps,
  };
}
