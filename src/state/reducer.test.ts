import { describe, expect, it } from 'vitest';
import type { Plan, StepId } from '../core/plan.js';
import type { RepoPath } from '../core/paths.js';
import type { RunEvent, RunState, StepOutcome } from '../core/state.js';
import { foldEvents, reduceRunState } from './reducer.js';

const A = 'src-a' as StepId;
const B = 'src-b' as StepId;

const plan: Plan = {
  recipeId: 'jest-to-vitest',
  recipeHash: 'h1',
  sourceCommit: 'c0',
  isolation: 'independent',
  hasSetup: false,
  steps: [
    { id: A, module: 'src/a', chunk: 1, files: ['src/a/x.test.ts' as RepoPath], dependsOn: [] },
    { id: B, module: 'src/b', chunk: 1, files: ['src/b/y.test.ts' as RepoPath], dependsOn: [A] },
  ],
};

const at = (n: number) => `2030-01-01T00:00:${String(n).padStart(2, '0')}.000Z`;

const planned: RunEvent = {
  type: 'run-planned',
  at: at(0),
  runId: 'r1',
  prefix: 'codemigrate',
  recipe: { id: 'jest-to-vitest', file: '/recipes/jest-to-vitest.json', hash: 'h1' },
  plan,
};

const succeeded: StepOutcome = {
  status: 'succeeded',
  commit: 'c1',
  tree: 't1',
  stats: [{ path: 'src/a/x.test.ts', added: 2, removed: 1 }],
  verify: [{ command: 'true', status: 'passed', exitCode: 0, durationMs: 3, outputTail: '' }],
  codemods: [{ codemod: 'globals', modified: 1, unchanged: 0, skipped: 0, errors: 0, durationMs: 5 }],
  reports: [{ file: 'src/a/x.test.ts' as RepoPath, line: 3, message: 'jest.mock', codemod: 'globals' }],
  durationMs: 40,
};

const failed: StepOutcome = {
  status: 'failed',
  reason: 'verify failed',
  stats: [],
  verify: [],
  codemods: [],
  reports: [],
  durationMs: 9,
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function stepOf(state: RunState, id: StepId) {
  const step = state.steps.find((s) => s.id === id);
  if (!step) throw new Error(`no step ${id}`);
  return step;
}

const run = (...events: RunEvent[]) => {
  const state = foldEvents([planned, ...events]);
  if (!state) throw new Error('no state');
  return state;
};

describe('reduceRunState', () => {
  it('creates the state from run-planned', () => {
    const state = reduceRunState(undefined, planned);
    expect(state).toMatchObject({
      version: 1,
      runId: 'r1',
      prefix: 'codemigrate',
      sourceCommit: 'c0',
      isolation: 'independent',
      setup: { status: 'pending', codemods: [], reports: [], stats: [] },
      createdAt: at(0),
      updatedAt: at(0),
    });
    expect(state.baseCommit).toBeUndefined();
    expect(state.steps).toEqual([
      { id: A, module: 'src/a', files: ['src/a/x.test.ts'], dependsOn: [], status: 'pending', attempts: 0, tokens: { prompt: 0, completion: 0 } },
      { id: B, module: 'src/b', files: ['src/b/y.test.ts'], dependsOn: [A], status: 'pending', attempts: 0, tokens: { prompt: 0, completion: 0 } },
    ]);
  });

  it('refuses a second run-planned and any event before the plan', () => {
    const state = run();
    expect(reduceRunState(state, { ...planned, at: at(9), runId: 'other' })).toBe(state);
    expect(() => reduceRunState(undefined, { type: 'step-started', at: at(1), step: A, attempt: 1 })).toThrow(
      /before 'run-planned'/,
    );
  });

  it('records setup', () => {
    const state = run({ type: 'setup-finished', at: at(1), baseCommit: 'base1', codemods: [], reports: [], stats: [{ path: 'package.json', added: 1, removed: 1 }] });
    expect(state.baseCommit).toBe('base1');
    expect(state.setup).toEqual({ status: 'done', codemods: [], reports: [], stats: [{ path: 'package.json', added: 1, removed: 1 }] });
    expect(state.updatedAt).toBe(at(1));
  });

  it('records a failed setup install, which a later setup replaces and which cannot undo a finished setup', () => {
    const install = { command: 'npm install', status: 'failed' as const, exitCode: 1, durationMs: 5, outputTail: 'install (npm install) failed: exit 1\nE404\n' };
    const failed = run({ type: 'setup-failed', at: at(1), reason: 'install (npm install) failed: exit 1', install });
    expect(failed.baseCommit).toBeUndefined();
    expect(failed.setup).toEqual({ status: 'failed', codemods: [], reports: [], stats: [], failure: { reason: 'install (npm install) failed: exit 1', install } });
    const finished = reduceRunState(failed, { type: 'setup-finished', at: at(2), baseCommit: 'base1', codemods: [], reports: [], stats: [] });
    expect(finished.setup).toEqual({ status: 'done', codemods: [], reports: [], stats: [] });
    expect(reduceRunState(finished, { type: 'setup-failed', at: at(3), reason: 'late', install })).toBe(finished);
  });

  it('records a setup a report stopped, with its reports and no install', () => {
    const reports = [{ file: 'package.json' as RepoPath, message: 'nothing fits', codemod: 'setup.js', stop: true as const }];
    const stopped = run({ type: 'setup-failed', at: at(1), reason: 'setup.js reported package.json: nothing fits', reports });
    expect(stopped.baseCommit).toBeUndefined();
    expect(stopped.setup).toEqual({ status: 'failed', codemods: [], reports, stats: [], failure: { reason: 'setup.js reported package.json: nothing fits' } });
    const finished = reduceRunState(stopped, { type: 'setup-finished', at: at(2), baseCommit: 'base1', codemods: [], reports: [], stats: [] });
    expect(finished.setup).toEqual({ status: 'done', codemods: [], reports: [], stats: [] });
  });

  it('starts only the next attempt', () => {
    const started = run({ type: 'step-started', at: at(1), step: A, attempt: 1 });
    expect(stepOf(started, A)).toMatchObject({ status: 'running', attempts: 1 });
    expect(started.updatedAt).toBe(at(1));
    // duplicate, skipped ahead, or going back: all refused, untouched
    for (const attempt of [1, 3, 0]) {
      expect(reduceRunState(started, { type: 'step-started', at: at(2), step: A, attempt })).toBe(started);
    }
    const second = reduceRunState(started, { type: 'step-started', at: at(2), step: A, attempt: 2 });
    expect(stepOf(second, A)).toMatchObject({ status: 'running', attempts: 2 });
  });

  it('finishes the current attempt, stores the outcome and adds tokens', () => {
    const state = run(
      { type: 'step-started', at: at(1), step: A, attempt: 1 },
      { type: 'step-finished', at: at(2), step: A, attempt: 1, outcome: failed, tokens: { prompt: 100, completion: 10 } },
      { type: 'step-started', at: at(3), step: A, attempt: 2 },
      { type: 'step-finished', at: at(4), step: A, attempt: 2, outcome: succeeded, tokens: { prompt: 50, completion: 5 } },
    );
    expect(stepOf(state, A)).toMatchObject({ status: 'succeeded', attempts: 2, outcome: succeeded, tokens: { prompt: 150, completion: 15 } });
    expect(state.updatedAt).toBe(at(4));
    expect(stepOf(state, B).status).toBe('pending');
  });

  it('refuses a late finish for an older attempt, a duplicate finish and a finish of a step not running', () => {
    const running2 = run(
      { type: 'step-started', at: at(1), step: A, attempt: 1 },
      { type: 'step-started', at: at(2), step: A, attempt: 2 },
    );
    const late: RunEvent = { type: 'step-finished', at: at(3), step: A, attempt: 1, outcome: succeeded, tokens: { prompt: 1, completion: 1 } };
    expect(reduceRunState(running2, late)).toBe(running2);

    const finished = reduceRunState(running2, { ...late, attempt: 2, outcome: failed });
    expect(stepOf(finished, A).status).toBe('failed');
    expect(reduceRunState(finished, { ...late, attempt: 2 })).toBe(finished);

    const fresh = run();
    expect(reduceRunState(fresh, { ...late, attempt: 0 })).toBe(fresh);
  });

  it('reconciles a step from its ref, keeping codemods and reports of the previous outcome', () => {
    const state = run(
      { type: 'step-started', at: at(1), step: A, attempt: 1 },
      { type: 'step-finished', at: at(2), step: A, attempt: 1, outcome: { ...succeeded, commit: 'old' } },
      { type: 'step-reconciled', at: at(3), step: A, commit: 'c9', tree: 't9', attempts: 3, stats: [] },
    );
    expect(stepOf(state, A)).toMatchObject({
      status: 'succeeded',
      attempts: 3,
      outcome: { status: 'succeeded', commit: 'c9', tree: 't9', stats: [], verify: [], codemods: succeeded.codemods, reports: succeeded.reports },
    });

    const fresh = run({ type: 'step-reconciled', at: at(1), step: B, commit: 'c2', tree: 't2', attempts: 1, stats: [] });
    expect(stepOf(fresh, B)).toMatchObject({ status: 'succeeded', attempts: 1, outcome: { commit: 'c2', codemods: [], reports: [], verify: [] } });
    // verify results survive only when the ref still points to the verified commit
    const same = run(
      { type: 'step-started', at: at(1), step: A, attempt: 1 },
      { type: 'step-finished', at: at(2), step: A, attempt: 1, outcome: succeeded },
      { type: 'step-reconciled', at: at(3), step: A, commit: 'c1', tree: 't1', attempts: 1, stats: [] },
    );
    expect(stepOf(same, A).outcome).toMatchObject({ verify: succeeded.verify, durationMs: 40 });
    // attempts never go down
    const lower = reduceRunState(state, { type: 'step-reconciled', at: at(4), step: A, commit: 'c9', tree: 't9', attempts: 1, stats: [] });
    expect(stepOf(lower, A).attempts).toBe(3);
  });

  it('resets a step to pending, keeping attempts and dropping outcome and review', () => {
    const state = run(
      { type: 'step-started', at: at(1), step: A, attempt: 1 },
      { type: 'step-finished', at: at(2), step: A, attempt: 1, outcome: succeeded },
      { type: 'step-reviewed', at: at(3), step: A, decision: 'accepted' },
      { type: 'step-reset', at: at(4), step: A, reason: 'ref missing' },
    );
    const step = stepOf(state, A);
    expect(step.status).toBe('pending');
    expect(step.attempts).toBe(1);
    expect(step).not.toHaveProperty('outcome');
    expect(step).not.toHaveProperty('review');
    expect(state.updatedAt).toBe(at(4));
  });

  it('records a review and a landing', () => {
    const reviewed = run({ type: 'step-reviewed', at: at(1), step: B, decision: 'rejected' });
    expect(stepOf(reviewed, B).review).toBe('rejected');
    const landed = reduceRunState(reviewed, { type: 'run-landed', at: at(2), commit: 'L', landed: [A], conflicts: [B], verify: [] });
    expect(landed.land).toEqual({ commit: 'L', landed: [A], conflicts: [B], verify: [], at: at(2) });
    expect(landed.updatedAt).toBe(at(2));
  });

  it('leaves the state untouched for unknown step ids', () => {
    const state = run();
    const unknown = 'nope' as StepId;
    const events: RunEvent[] = [
      { type: 'step-started', at: at(1), step: unknown, attempt: 1 },
      { type: 'step-finished', at: at(1), step: unknown, attempt: 1, outcome: succeeded },
      { type: 'step-reconciled', at: at(1), step: unknown, commit: 'c', tree: 't', attempts: 1, stats: [] },
      { type: 'step-reset', at: at(1), step: unknown, reason: 'x' },
      { type: 'step-reviewed', at: at(1), step: unknown, decision: 'accepted' },
    ];
    for (const event of events) expect(reduceRunState(state, event)).toBe(state);
  });

  it('never mutates its input', () => {
    const events: RunEvent[] = [
      { type: 'setup-finished', at: at(1), baseCommit: 'b', codemods: [], reports: [], stats: [] },
      { type: 'step-started', at: at(2), step: A, attempt: 1 },
      { type: 'step-finished', at: at(3), step: A, attempt: 1, outcome: succeeded, tokens: { prompt: 1, completion: 2 } },
      { type: 'step-reviewed', at: at(4), step: A, decision: 'accepted' },
      { type: 'step-reconciled', at: at(5), step: A, commit: 'c2', tree: 't2', attempts: 2, stats: [] },
      { type: 'step-reset', at: at(6), step: A, reason: 'r' },
      { type: 'run-landed', at: at(7), commit: 'L', landed: [], conflicts: [], verify: [] },
    ];
    let state = deepFreeze(reduceRunState(undefined, deepFreeze(planned)));
    for (const event of events) {
      const before = structuredClone(state);
      const next = reduceRunState(state, deepFreeze(event));
      expect(state).toEqual(before);
      expect(next).not.toBe(state);
      state = deepFreeze(next);
    }
  });

  it('folds to the same state as reducing one event at a time', () => {
    const events: RunEvent[] = [
      planned,
      { type: 'setup-finished', at: at(1), baseCommit: 'b', codemods: [], reports: [], stats: [] },
      { type: 'step-started', at: at(2), step: A, attempt: 1 },
      { type: 'step-started', at: at(2), step: B, attempt: 1 },
      { type: 'step-finished', at: at(3), step: B, attempt: 1, outcome: failed },
      { type: 'step-finished', at: at(3), step: A, attempt: 7, outcome: failed }, // refused
      { type: 'step-finished', at: at(4), step: A, attempt: 1, outcome: succeeded },
    ];
    let sequential: RunState | undefined;
    for (const event of events) sequential = reduceRunState(sequential, event);
    expect(foldEvents(events)).toEqual(sequential);
    expect(foldEvents([])).toBeUndefined();
  });
});

describe('recipe versions', () => {
  it('records the version each step was made with; recipe-accepted changes it for later steps only; a reset forgets it', () => {
    const h2 = { id: 'jest-to-vitest', file: '/recipes/jest-to-vitest.json', hash: 'h2', parts: { 'steps[0].codemod': 'x' } };
    const state = run(
      { type: 'step-started', at: at(1), step: A, attempt: 1 },
      { type: 'step-finished', at: at(2), step: A, attempt: 1, outcome: succeeded },
      { type: 'recipe-accepted', at: at(3), recipe: h2, changed: ['steps[0].codemod'] },
      { type: 'step-started', at: at(4), step: B, attempt: 1 },
      { type: 'step-finished', at: at(5), step: B, attempt: 1, outcome: failed },
    );
    expect(state.recipe).toEqual(h2);
    expect(stepOf(state, A).recipeHash).toBe('h1');
    expect(stepOf(state, B).recipeHash).toBe('h2');
    const reset = reduceRunState(state, { type: 'step-reset', at: at(6), step: A, reason: 'its branch is gone' });
    expect(stepOf(reset, A).recipeHash).toBeUndefined();
    // A step reconciled from its commit takes the version its trailer names.
    const reconciled = reduceRunState(reset, { type: 'step-reconciled', at: at(7), step: A, commit: 'c1', tree: 't1', attempts: 1, stats: [], recipeHash: 'h1' });
    expect(stepOf(reconciled, A).recipeHash).toBe('h1');
  });
});
