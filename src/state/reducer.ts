// Pure: the run state as a fold over events. Time comes only from the events; inputs are never
// mutated. An event that does not apply (unknown step, wrong attempt, duplicate plan) is refused
// by returning the very same state object, so callers can tell with `===`.

import { CodemigrateError } from '../core/errors.js';
import type { StepId } from '../core/plan.js';
import { STATE_VERSION } from '../core/state.js';
import type { RunEvent, RunState, StepOutcome, StepState } from '../core/state.js';

type EventOf<T extends RunEvent['type']> = Extract<RunEvent, { type: T }>;

export function reduceRunState(state: RunState | undefined, event: RunEvent): RunState {
  if (event.type === 'run-planned') return state ?? planRun(event);
  if (state === undefined) {
    throw new CodemigrateError('internal', `run state: event '${event.type}' before 'run-planned'`);
  }
  switch (event.type) {
    case 'setup-failed':
      if (state.baseCommit !== undefined) return state;
      return {
        ...state,
        setup: {
          ...state.setup,
          status: 'failed',
          ...(event.reports !== undefined && { reports: event.reports }),
          failure: { reason: event.reason, ...(event.install !== undefined && { install: event.install }) },
        },
        updatedAt: event.at,
      };
    case 'setup-finished':
      return {
        ...state,
        baseCommit: event.baseCommit,
        setup: { status: 'done', codemods: event.codemods, reports: event.reports, stats: event.stats },
        updatedAt: event.at,
      };
    case 'baseline-recorded':
      return { ...state, baseline: event.baseline, updatedAt: event.at };
    case 'step-started':
      return updateStep(state, event.step, event.at, (step) =>
        event.attempt === step.attempts + 1 ? { ...step, status: 'running', attempts: event.attempt } : step,
      );
    case 'step-finished':
      return updateStep(state, event.step, event.at, (step) => finishStep(step, event, state.recipe.hash));
    case 'step-reconciled':
      return updateStep(state, event.step, event.at, (step) => reconcileStep(step, event, state.recipe.hash));
    case 'recipe-accepted':
      return { ...state, recipe: event.recipe, updatedAt: event.at };
    case 'step-reset':
      return updateStep(state, event.step, event.at, (step) => resetStep(step));
    case 'step-reviewed':
      return updateStep(state, event.step, event.at, (step) => ({ ...step, review: event.decision }));
    case 'run-landed':
      return {
        ...state,
        land: {
          commit: event.commit,
          landed: event.landed,
          conflicts: event.conflicts,
          verify: event.verify,
          ...(event.verdict && { verdict: event.verdict }),
          ...(event.regressions && { regressions: event.regressions }),
          ...(event.regressionCount !== undefined && { regressionCount: event.regressionCount }),
          at: event.at,
        },
        updatedAt: event.at,
      };
  }
}

/** The state after every event in order; undefined for no events. */
export function foldEvents(events: Iterable<RunEvent>): RunState | undefined {
  let state: RunState | undefined;
  for (const event of events) state = reduceRunState(state, event);
  return state;
}

function planRun(event: EventOf<'run-planned'>): RunState {
  const { plan } = event;
  return {
    version: STATE_VERSION,
    runId: event.runId,
    prefix: event.prefix,
    recipe: event.recipe,
    sourceCommit: plan.sourceCommit,
    isolation: plan.isolation,
    // Pending even without setup codemods: the base commit still has to be written.
    setup: { status: 'pending', codemods: [], reports: [], stats: [] },
    ...(event.only !== undefined ? { only: event.only } : {}),
    steps: plan.steps.map(
      (step): StepState => ({
        id: step.id,
        module: step.module,
        files: step.files,
        dependsOn: step.dependsOn,
        status: 'pending',
        attempts: 0,
        tokens: { prompt: 0, completion: 0 },
      }),
    ),
    createdAt: event.at,
    updatedAt: event.at,
  };
}

/** Applies `change` to one step; unknown ids and refused changes leave the state untouched. */
function updateStep(state: RunState, id: StepId, at: string, change: (step: StepState) => StepState): RunState {
  const index = state.steps.findIndex((step) => step.id === id);
  const step = state.steps[index];
  if (step === undefined) return state;
  const next = change(step);
  if (next === step) return state;
  const steps = state.steps.slice();
  steps[index] = next;
  return { ...state, steps, updatedAt: at };
}

function finishStep(step: StepState, event: EventOf<'step-finished'>, recipeHash: string): StepState {
  // A late event for an older attempt, or a second finish for this one, is refused.
  if (step.status !== 'running' || event.attempt !== step.attempts) return step;
  const tokens = event.tokens
    ? {
        prompt: step.tokens.prompt + event.tokens.prompt,
        completion: step.tokens.completion + event.tokens.completion,
      }
    : step.tokens;
  return { ...step, status: event.outcome.status, outcome: event.outcome, tokens, recipeHash };
}

function reconcileStep(step: StepState, event: EventOf<'step-reconciled'>, recipeHash: string): StepState {
  const previous = step.outcome;
  const kept = previous !== undefined && previous.status !== 'skipped' ? previous : undefined;
  const outcome: StepOutcome = {
    status: 'succeeded',
    commit: event.commit,
    tree: event.tree,
    stats: event.stats,
    // Verify results describe a commit; they survive only if the ref still points to that commit.
    verify: previous?.status === 'succeeded' && previous.commit === event.commit ? previous.verify : [],
    codemods: kept?.codemods ?? [],
    reports: kept?.reports ?? [],
    durationMs: previous?.durationMs ?? 0,
    ...(event.finishedBy ? { finishedBy: event.finishedBy } : {}),
  };
  return { ...step, status: 'succeeded', outcome, attempts: Math.max(step.attempts, event.attempts), recipeHash: event.recipeHash ?? recipeHash };
}

function resetStep(step: StepState): StepState {
  // The outcome and a review of it describe a result that no longer exists; attempts stay
  // counted so that the next attempt number keeps growing.
  const { outcome: _outcome, review: _review, recipeHash: _recipeHash, ...rest } = step;
  return { ...rest, status: 'pending' };
}
