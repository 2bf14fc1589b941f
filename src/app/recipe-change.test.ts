import { describe, expect, it } from 'vitest';
import type { Recipe } from '../core/recipe.js';
import type { RecipeRecord, RunState, StepState } from '../core/state.js';
import { recipeChange, recipeChangeError, stepsMadeEarlier } from './recipe-change.js';

const PARTS = { 'recipe.steps': 's1', 'recipe.verify': 'v1', 'steps[0].codemod': 'c1', 'setup[0].codemod': 'u1' };
const recipe = (parts: Record<string, string>, hash = JSON.stringify(parts)) =>
  ({
    id: 'r',
    file: '/recipes/r.json',
    hash,
    parts,
    bytesHash: 'bytes',
    setup: [{ kind: 'codemod', name: './setup.ts', field: 'setup[0]' }],
    steps: [{ kind: 'codemod', name: './main.ts', field: 'steps[0]' }],
    finish: [],
  }) as unknown as Recipe;
const record = (parts: Record<string, string>): RecipeRecord => ({ id: 'r', file: '/recipes/r.json', hash: JSON.stringify(parts), parts });
const step = (id: string, status: StepState['status'], recipeHash?: string) => ({ id, status, ...(recipeHash ? { recipeHash } : {}) }) as unknown as StepState;

describe('recipeChange', () => {
  it('is nothing for the same version, or for a run that recorded the same file bytes before identities existed', () => {
    expect(recipeChange(record(PARTS), recipe(PARTS))).toBeUndefined();
    expect(recipeChange({ id: 'r', file: '/recipes/r.json', hash: 'bytes' }, recipe(PARTS))).toBeUndefined();
  });

  it('cannot name the part for such an old run whose bytes differ', () => {
    expect(recipeChange({ id: 'r', file: '/recipes/r.json', hash: 'other' }, recipe(PARTS))).toEqual({ changed: [], structural: [], unknownParts: true });
  });

  it('names each changed part, added or removed, and which of them change the run\'s meaning', () => {
    const { 'setup[0].codemod': _setup, ...rest } = PARTS;
    const change = recipeChange(record(PARTS), recipe({ ...rest, 'steps[0].codemod': 'c2', 'recipe.verify': 'v2', 'modules.includeFrom': 'i' }));
    expect(change).toEqual({
      changed: ['modules.includeFrom', 'recipe.verify', 'setup[0].codemod', 'steps[0].codemod'],
      structural: ['modules.includeFrom', 'recipe.verify'],
      unknownParts: false,
    });
  });
});

describe('stepsMadeEarlier and the refusal', () => {
  const state = {
    runId: 'run1',
    baseCommit: 'b',
    recipe: record(PARTS),
    steps: [step('a', 'succeeded', 'old'), step('b', 'unchanged', 'old'), step('c', 'failed', 'old'), step('d', 'pending'), step('e', 'succeeded', 'new'), step('f', 'succeeded')],
  } as unknown as RunState;

  it('counts the steps resume will not redo that another version made (unrecorded: the run\'s own)', () => {
    expect(stepsMadeEarlier(state, 'new').map((each) => each.id)).toEqual(['a', 'b']);
  });

  it('says what changed, what it touches and how to go on', () => {
    const changed = recipe({ ...PARTS, 'steps[0].codemod': 'c2', 'setup[0].codemod': 'u2' }, 'new');
    const error = recipeChangeError(changed, state, recipeChange(state.recipe, changed)!);
    expect(error.exitCode).toBe(2);
    expect(error.problems).toEqual([
      '/recipes/r.json: the recipe changed since run run1 started: setup[0].codemod (./setup.ts), steps[0].codemod (./main.ts)',
      '2 steps made with the earlier version, kept as they are (land lists them; review or reject them): a, b',
      '2 steps still to run will use the new version',
      "setup changed after the base was made: the base keeps the earlier version's edits",
      'go on with the new version: codemigrate resume run1 --accept-recipe-change; or restore the recipe, or start a new run',
    ]);
  });
});
