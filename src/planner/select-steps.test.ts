import { describe, expect, it } from 'vitest';
import type { Plan, PlannedStep, StepId } from '../core/plan.js';
import type { RepoPath } from '../core/paths.js';
import { selectSteps } from './select-steps.js';

const step = (id: string, module: string, dependsOn: string[] = []): PlannedStep => ({
  id: id as StepId,
  module,
  chunk: 1,
  files: [`${module}/x.ts` as RepoPath],
  dependsOn: dependsOn as StepId[],
});

const plan = (isolation: Plan['isolation'], steps: PlannedStep[]): Plan => ({
  recipeId: 'r',
  recipeHash: 'h',
  sourceCommit: 'c',
  isolation,
  hasSetup: false,
  steps,
});

const independent = plan('independent', [step('packages-ui', 'packages/ui'), step('packages-core', 'packages/core'), step('apps-web', 'apps/web')]);

describe('selectSteps', () => {
  it('returns the whole plan without a glob', () => {
    expect(selectSteps(independent)).toBe(independent);
  });

  it('matches module paths', () => {
    expect(selectSteps(independent, 'packages/**').steps.map((s) => s.id)).toEqual(['packages-ui', 'packages-core']);
  });

  it('matches step ids', () => {
    expect(selectSteps(independent, 'apps-*').steps.map((s) => s.id)).toEqual(['apps-web']);
  });

  it('selects nothing when nothing matches', () => {
    expect(selectSteps(independent, 'nope/**').steps).toEqual([]);
  });

  it('chains the selected steps of a stacked plan', () => {
    const stacked = plan('stacked', [step('a', 'a'), step('b', 'b', ['a']), step('c', 'c', ['b'])]);
    expect(selectSteps(stacked, '{a,c}').steps.map((s) => [s.id, s.dependsOn])).toEqual([
      ['a', []],
      ['c', ['a']],
    ]);
  });
});
