// Reads what the planner needs from the source commit (file list, package manifests) and asks
// the pure planner for the plan. `plan` and `run` (with --dry-run too) go through planNewRun,
// which refuses a recipe that does not apply and a plan with nothing to do; rebuilding an
// existing run's plan (reconcile) does not.

import type { GitPort } from '../core/git.js';
import { transformError, usageError } from '../core/errors.js';
import type { RepoPath } from '../core/paths.js';
import { onlyProblem, type Plan } from '../core/plan.js';
import type { Config, ProjectFiles, Recipe } from '../core/recipe.js';
import { loadTransform } from '../codemods/load-transform.js';
import { openTreeFiles, type TreeFiles } from '../edits/tree-files.js';
import { buildPlan, checkAppliesTo, selectSteps } from '../planner/index.js';

const MANIFEST = /(^|\/)(package\.json|pnpm-workspace\.yaml)$/;

export async function makePlan(
  git: GitPort,
  recipe: Recipe,
  config: Config,
  sourceCommit: string,
  only?: string,
): Promise<{ plan: Plan; source: TreeFiles }> {
  const { plan, source } = await readAndPlan(git, recipe, config, sourceCommit);
  return { plan: only === undefined ? plan : selectSteps(plan, only), source };
}

/**
 * The plan of a new run. Throws a usage error (exit 2, before anything is written) when the
 * recipe's appliesTo does not hold at the source commit, or when the plan has no step.
 */
export async function planNewRun(
  git: GitPort,
  recipe: Recipe,
  config: Config,
  sourceCommit: string,
  only?: string,
): Promise<{ plan: Plan; source: TreeFiles }> {
  // appliesTo and --only are checked before the plan is built: building it loads the recipe's
  // modules.includeFrom module, and compiling that (jest-to-vitest's pulls in ts-morph) cost a
  // refused command ~3 CPU-s of its ~3.5.
  const { source, manifests } = await readSource(git, sourceCommit);
  const applicability = checkAppliesTo(recipe.appliesTo, manifests, [...source.entries.keys()]);
  if (!applicability.applies) {
    throw usageError(`recipe ${recipe.id} does not apply to ${git.root}: ${applicability.reason} (appliesTo in ${recipe.file})`);
  }
  const problem = only === undefined ? undefined : onlyProblem(only);
  if (problem !== undefined) throw usageError(`--only: ${problem}`);
  const full = await planFrom(recipe, config, sourceCommit, source, manifests);
  const plan = only === undefined ? full : selectSteps(full, only);
  if (plan.steps.length === 0) throw usageError(`recipe ${recipe.id} plans 0 steps for ${git.root}: ${emptyPlanReason(recipe, config, full, only)}`);
  return { plan, source };
}

async function readAndPlan(git: GitPort, recipe: Recipe, config: Config, sourceCommit: string) {
  const { source, manifests } = await readSource(git, sourceCommit);
  return { plan: await planFrom(recipe, config, sourceCommit, source, manifests), source };
}

/** The source commit's files, and the texts of its manifests (package.json, pnpm-workspace.yaml). */
async function readSource(git: GitPort, sourceCommit: string) {
  const source = await openTreeFiles(git, sourceCommit);
  const paths = [...source.entries.keys()].filter((path) => MANIFEST.test(path) && !path.includes('node_modules/'));
  const manifests = await source.read(paths);
  return { source, manifests };
}

async function planFrom(recipe: Recipe, config: Config, sourceCommit: string, source: TreeFiles, manifests: readonly { path: RepoPath; text: string }[]): Promise<Plan> {
  const texts = new Map(manifests.map((file) => [file.path, file.text] as const));
  const files = [...source.entries.values()].map((entry) => ({ path: entry.path, mode: entry.mode }));
  const { include, together, exclude } = await includeFromProject(recipe, source);
  return buildPlan({ recipe, config, sourceCommit, files, readText: (path: RepoPath) => texts.get(path), include, together, exclude });
}

/**
 * What the recipe's modules.includeFrom module reads from the project at the source commit: globs
 * added to modules.include (a project's own test file patterns), groups of files that must
 * share a step, and globs of files no step takes (setup and finish carry them). It sees committed files only, so the plan stays a function of the source commit.
 */
async function includeFromProject(recipe: Recipe, source: TreeFiles): Promise<{ include: string[]; together: string[][]; exclude: string[] }> {
  const path = recipe.modules.includeFrom;
  if (path === undefined) return { include: [], together: [], exclude: [] };
  const name = `modules.includeFrom of ${recipe.file}`;
  const { transform } = await loadTransform({ kind: 'codemod', name, resolved: path, engine: 'ts-morph', options: {}, field: 'modules.includeFrom' });
  const project: ProjectFiles = {
    files: [...source.entries.keys()],
    read: (file) => source.readOne(file as RepoPath),
    readMany: async (paths) => new Map((await source.read(paths as RepoPath[])).map((file) => [file.path, file.text] as const)),
  };
  let result: unknown;
  try {
    result = await (transform as (project: ProjectFiles) => unknown)(project);
  } catch (error) {
    throw transformError(`${name}: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  const { include, together, exclude } = Array.isArray(result) ? { include: result, together: [], exclude: [] } : ((result ?? {}) as { include?: unknown; together?: unknown; exclude?: unknown });
  const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '');
  if (!isStrings(include) || !(together === undefined || (Array.isArray(together) && together.every(isStrings))) || !(exclude === undefined || isStrings(exclude))) {
    throw transformError(`${name}: returned ${JSON.stringify(result)?.slice(0, 80)}, expected a list of globs or { include: [globs], together: [[paths]], exclude: [globs] }`);
  }
  return { include, together: together ?? [], exclude: exclude ?? [] };
}

function emptyPlanReason(recipe: Recipe, config: Config, full: Plan, only: string | undefined): string {
  const include = `modules.include (${recipe.modules.include.join(', ')})`;
  if (full.steps.length > 0) {
    return `--only ${JSON.stringify(only)} matches no module path or step id of the ${full.steps.length} step(s) that ${include} gives (see \`codemigrate plan\`)`;
  }
  const excludes = [
    ...(recipe.modules.exclude.length > 0 ? [`modules.exclude (${recipe.modules.exclude.join(', ')})`] : []),
    ...(config.exclude.length > 0 ? [`the config's exclude (${config.exclude.join(', ')})`] : []),
  ];
  const outside = excludes.length > 0 ? ` outside ${excludes.join(' and ')}` : '';
  const before = only === undefined ? '' : ` (so --only ${JSON.stringify(only)} had nothing to select from)`;
  return `no committed file matches ${include}${outside}${before} (in ${recipe.file})`;
}
