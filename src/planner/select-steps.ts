// Pure: the part of a plan that `--only GLOB` selects.

import picomatch from 'picomatch';
import type { Plan, PlannedStep } from '../core/plan.js';

/**
 * Steps whose module path or id the glob matches. In a stacked plan the selected steps chain to
 * each other, so that none waits for a step that will not run.
 */
export function selectSteps(plan: Plan, onlyGlob?: string): Plan {
  if (onlyGlob === undefined) return plan;
  const matches = picomatch(onlyGlob, { dot: true });
  const selected = plan.steps.filter((step) => matches(step.module) || matches(step.id));
  if (plan.isolation !== 'stacked') return { ...plan, steps: selected };
  return {
    ...plan,
    steps: selected.map((step, index): PlannedStep => {
      const previous = selected[index - 1];
      return { ...step, dependsOn: previous === undefined ? [] : [previous.id] };
    }),
  };
}
