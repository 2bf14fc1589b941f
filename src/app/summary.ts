// One place that turns a run's state into counts and the exit code of the contract:
// 0 every step succeeded (or had nothing to change); 1 otherwise (a failed setup too); 130 interrupted.

import { STEP_STATUSES, SUCCESS_STATUSES, type RunState, type StepStatus } from '../core/state.js';

export function countStatuses(state: RunState): Partial<Record<StepStatus, number>> {
  const counts: Partial<Record<StepStatus, number>> = {};
  for (const status of STEP_STATUSES) {
    const n = state.steps.filter((step) => step.status === status).length;
    if (n > 0) counts[status] = n;
  }
  return counts;
}

export function runExitCode(state: RunState, interrupted: boolean): number {
  if (interrupted) return 130;
  if (state.setup.status === 'failed') return 1;
  return state.steps.every((step) => SUCCESS_STATUSES.includes(step.status)) ? 0 : 1;
}
