import { describe, expect, it } from 'vitest';
import type { Leftover } from '../core/codemod.js';
import type { RepoPath } from '../core/paths.js';
import type { ModelSpec, ModelTrigger } from '../core/recipe.js';
import { decideAfterCodemods, modelWouldBeAskedReason } from './step-verdict.js';

const model = (...when: ModelTrigger[]): ModelSpec => ({ kind: 'model', instructions: '/i.md', instructionsText: 'fix', when, field: 'steps[1]' });
const leftover = (file: string, line?: number): Leftover => ({ file: file as RepoPath, ...(line !== undefined ? { line } : {}), message: 'needs a person', codemod: './t.js' });
const REPORTS = [leftover('src/a.js', 3), leftover('src/b.js')];

describe('decideAfterCodemods', () => {
  it('hands a file a codemod threw on to the model step when it is due, as a leftover', () => {
    const failure = 't.js: src/a.js: boom';
    expect(decideAfterCodemods({ model: model('always'), modelConfigured: true, reports: REPORTS, failure, changed: 2 })).toEqual({ next: 'ask-model', trigger: 'always' });
    expect(decideAfterCodemods({ model: model('reported'), modelConfigured: false, reports: REPORTS, failure, changed: 2 })).toMatchObject({ next: 'needs-model', trigger: 'reported' });
  });

  it('verifies the other files of a step a codemod threw on, carrying the failure; fails it when nothing else changed', () => {
    const failure = 't.js: src/a.js: boom';
    expect(decideAfterCodemods({ model: model('verify-failed'), modelConfigured: true, reports: REPORTS, failure, changed: 2 })).toEqual({ next: 'verify', failure });
    expect(decideAfterCodemods({ model: undefined, modelConfigured: false, reports: REPORTS, failure, changed: 0 })).toEqual({ next: 'failed', reason: failure });
  });

  it('needs a model for reported leftovers when none is configured, naming the first one', () => {
    expect(decideAfterCodemods({ model: model('reported'), modelConfigured: false, reports: REPORTS, changed: 1 })).toEqual({
      next: 'needs-model',
      trigger: 'reported',
      reason: '2 leftover(s) need a model, none is configured: src/a.js:3: needs a person (and 1 more)',
    });
  });

  it('asks the configured model for leftovers, or always when the recipe says so', () => {
    expect(decideAfterCodemods({ model: model('reported', 'verify-failed'), modelConfigured: true, reports: REPORTS, changed: 0 })).toEqual({ next: 'ask-model', trigger: 'reported' });
    expect(decideAfterCodemods({ model: model('always'), modelConfigured: true, reports: [], changed: 0 })).toEqual({ next: 'ask-model', trigger: 'always' });
    expect(decideAfterCodemods({ model: model('always'), modelConfigured: false, reports: [], changed: 0 })).toMatchObject({
      next: 'needs-model',
      reason: 'the recipe asks a model to edit this step, and no model is configured',
    });
  });

  it('verifies a change nothing else is due for, and leaves an unchanged step alone', () => {
    expect(decideAfterCodemods({ model: model('verify-failed'), modelConfigured: false, reports: REPORTS, changed: 1 })).toEqual({ next: 'verify' });
    expect(decideAfterCodemods({ model: model('reported'), modelConfigured: false, reports: [], changed: 1 })).toEqual({ next: 'verify' });
    expect(decideAfterCodemods({ model: undefined, modelConfigured: false, reports: REPORTS, changed: 0 })).toEqual({ next: 'unchanged' });
  });
});

describe('modelWouldBeAskedReason', () => {
  it('says a model would be asked, with the leftovers', () => {
    expect(modelWouldBeAskedReason('reported', REPORTS)).toBe('a model would be asked: 2 leftover(s): src/a.js:3: needs a person (and 1 more)');
    expect(modelWouldBeAskedReason('always', [])).toBe("a model would be asked: the recipe's model step runs for every step (when: always)");
    expect(modelWouldBeAskedReason('always', [leftover('x.js')])).toBe(
      "a model would be asked: the recipe's model step runs for every step (when: always); 1 leftover(s): x.js: needs a person",
    );
  });
});
