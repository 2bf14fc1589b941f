// A run must not mix two versions of its recipe without saying so. When the recipe differs from the
// version the run goes on with, this says which parts changed and what that touches: steps already
// made with the earlier version, steps still to run, the base (setup), land (finish). A change of
// the recipe's meaning (its steps, verify, modules, …) is refused: the plan and the verdicts would
// no longer be those of the run. A change of the code it runs (a transform, a helper module it
// imports, model instructions) may be taken with `resume --accept-recipe-change`.

import { recipeError, type CodemigrateError } from '../core/errors.js';
import type { Recipe } from '../core/recipe.js';
import { SUCCESS_STATUSES, type RecipeRecord, type RunState, type StepState } from '../core/state.js';

export interface RecipeChange {
  /** Part names that differ ("steps[0].codemod", "recipe.verify"), sorted. */
  readonly changed: readonly string[];
  /** Those that change the run's meaning: never taken within a run. */
  readonly structural: readonly string[];
  /** The run predates per-part hashes: which part changed cannot be told. */
  readonly unknownParts: boolean;
}

/** How many step ids a message names before "and N more". */
const NAMED_STEPS = 5;

/** The change from the run's recipe version to `recipe`; undefined when they are the same. */
export function recipeChange(stored: RecipeRecord, recipe: Recipe): RecipeChange | undefined {
  if (stored.hash === recipe.hash) return undefined;
  if (stored.parts === undefined) {
    // Runs started before identities existed recorded the file's sha256.
    if (stored.hash === recipe.bytesHash) return undefined;
    return { changed: [], structural: [], unknownParts: true };
  }
  const names = [...new Set([...Object.keys(stored.parts), ...Object.keys(recipe.parts)])].sort();
  const changed = names.filter((name) => stored.parts?.[name] !== recipe.parts[name]);
  return { changed, structural: changed.filter(isStructural), unknownParts: false };
}

/** `recipe.<key>` parts are the recipe's content; `modules.includeFrom` lists the files planned. */
function isStructural(part: string): boolean {
  return part.startsWith('recipe.') || part === 'modules.includeFrom';
}

/**
 * Steps resume will not redo (succeeded, unchanged) whose result was made with a version other than
 * `hash`. A step without a recorded version was made before versions were recorded, with the run's.
 */
export function stepsMadeEarlier(state: Pick<RunState, 'steps'>, hash: string): StepState[] {
  return state.steps.filter((step) => SUCCESS_STATUSES.includes(step.status) && step.recipeHash !== undefined && step.recipeHash !== hash);
}

/** The record a run keeps of `recipe`. */
export function recipeRecord(recipe: Recipe): RecipeRecord {
  return { id: recipe.id, file: recipe.file, hash: recipe.hash, parts: recipe.parts };
}

/**
 * The error resume and land stop with (exit 2, nothing written): what changed, what it touches,
 * and what the user can do.
 */
export function recipeChangeError(recipe: Recipe, state: RunState, change: RecipeChange): CodemigrateError {
  const head = `${recipe.file}: the recipe changed since run ${state.runId} started`;
  if (change.unknownParts) {
    return recipeError([`${head}; the run predates per-part recipe hashes, so which part changed cannot be told`, 'restore the recipe the run started with, or start a new run']);
  }
  if (change.structural.length > 0) {
    return recipeError([
      `${head}: ${change.structural.map((part) => describePart(recipe, part)).join(', ')}`,
      'within a run only the description, the transforms (and the modules they import) and model instructions may change; restore the rest, or start a new run',
    ]);
  }
  return recipeError([`${head}: ${change.changed.map((part) => describePart(recipe, part)).join(', ')}`, ...effectLines(recipe, state, change), `go on with the new version: codemigrate resume ${state.runId} --accept-recipe-change; or restore the recipe, or start a new run`]);
}

/** What taking the change means for this run, one line each (resume prints them when it takes it). */
export function effectLines(recipe: Recipe, state: RunState, change: RecipeChange): string[] {
  const lines: string[] = [];
  const earlier = stepsMadeEarlier(state, recipe.hash);
  if (earlier.length > 0) lines.push(`${stepCount(earlier.length)} made with the earlier version, kept as they are (land lists them; review or reject them): ${named(earlier)}`);
  const toRun = state.steps.filter((step) => !SUCCESS_STATUSES.includes(step.status));
  if (toRun.length > 0 && change.changed.some((part) => part.startsWith('steps['))) lines.push(`${stepCount(toRun.length)} still to run will use the new version`);
  if (state.baseCommit !== undefined && change.changed.some((part) => part.startsWith('setup['))) lines.push('setup changed after the base was made: the base keeps the earlier version\'s edits');
  if (change.changed.some((part) => part.startsWith('finish['))) lines.push('finish runs at land, with the new version');
  return lines;
}

function describePart(recipe: Recipe, part: string): string {
  const field = /^((?:setup|steps|finish)\[\d+\])\./.exec(part)?.[1];
  const spec = field === undefined ? undefined : [...recipe.setup, ...recipe.steps, ...recipe.finish].find((entry) => entry.field === field);
  if (spec === undefined) return part;
  return spec.kind === 'model' ? `${part} (${spec.instructions})` : `${part} (${spec.name})`;
}

function stepCount(count: number): string {
  return count === 1 ? '1 step' : `${count} steps`;
}

function named(steps: readonly StepState[]): string {
  const shown = steps.slice(0, NAMED_STEPS).map((step) => step.id).join(', ');
  return steps.length > NAMED_STEPS ? `${shown} and ${steps.length - NAMED_STEPS} more` : shown;
}
