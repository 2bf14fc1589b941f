import { describe, expect, it } from 'vitest';
import type { StepState } from '../core/state.js';
import { chooseSteps } from './land.js';

const common = { durationMs: 1, codemods: [], reports: [] };
function step(id: string, status: StepState['status'], extra: Partial<StepState> = {}): StepState {
  const outcome: StepState['outcome'] =
    status === 'succeeded'
      ? { ...common, status, commit: `c-${id}`, tree: 't', stats: [], verify: [] }
      : status === 'unchanged'
        ? { ...common, status }
        : status === 'skipped'
          ? { status, reason: 'dependency src-a failed', durationMs: 0 }
          : status === 'pending' || status === 'running'
            ? undefined
            : { ...common, status, reason: 'regressed against the baseline: 2 test(s) no longer passing\nsecond line', stats: [], verify: [] };
  return { id, module: id, files: [], dependsOn: [], status, attempts: 1, tokens: { prompt: 0, completion: 0 }, ...(outcome && { outcome }), ...extra } as StepState;
}

describe('chooseSteps', () => {
  const steps = [
    step('ok', 'succeeded'),
    step('liked', 'succeeded', { review: 'accepted' }),
    step('disliked', 'succeeded', { review: 'rejected' }),
    step('held', 'needs-model'),
    step('same', 'unchanged'),
    step('after', 'skipped'),
  ];

  it('takes every succeeded step not rejected, and says why each other step with changes is left out', () => {
    expect(chooseSteps({ steps })).toEqual({
      chosen: [
        { id: 'ok', commit: 'c-ok' },
        { id: 'liked', commit: 'c-liked' },
      ],
      leftOut: [
        { step: 'disliked', why: 'rejected in review' },
        { step: 'held', why: 'needs-model: regressed against the baseline: 2 test(s) no longer passing' },
        { step: 'after', why: 'skipped: dependency src-a failed' },
      ],
      unchanged: 1,
    });
  });

  it('takes the accepted steps only when asked to', () => {
    const choice = chooseSteps({ steps }, true);
    expect(choice.chosen).toEqual([{ id: 'liked', commit: 'c-liked' }]);
    expect(choice.leftOut.map((item) => item.step)).toEqual(['ok', 'disliked', 'held', 'after']);
    expect(choice.leftOut[0]!.why).toBe('not accepted (land --accepted takes accepted steps only)');
  });
});
