import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../../test/model-server/server.js';
import { TEST_ENV, testModelConfig } from '../../test/model-server/test-config.js';
import type { BudgetClaim, TokenBudget } from '../core/budget.js';
import type { RepoPath } from '../core/paths.js';
import { createModelClient } from '../model/index.js';
import { askModel } from './ask-model.js';
import type { RunnerContext } from './context.js';
import { StepHistory, type Artifacts } from './step-history.js';

const TEXTS = new Map([['src/a.test.ts' as RepoPath, 'jest.fn();\n']]);
const PROMPT = { instructions: 'Replace jest with vi.', history: '' };
const EDIT = { path: 'src/a.test.ts', search: 'jest.fn()', replace: 'vi.fn()' };
const USAGE = { prompt_tokens: 120, completion_tokens: 30 };
const PAID = USAGE.prompt_tokens + USAGE.completion_tokens;

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The run's store of artifacts, in memory: what StepHistory writes and reads back; `full` makes every write fail. */
function memoryArtifacts(full = false): Artifacts {
  const files = new Map<string, string>();
  return {
    writeArtifact: async (relPath, text) => {
      if (full) throw new Error('ENOSPC: no space left on device');
      files.set(relPath, text);
    },
    readArtifact: async (relPath) => files.get(relPath),
  };
}

/** A budget that grants every claim and records what each settle was given; `failSettle` makes settles throw. */
function recordingBudget(failSettle: boolean): TokenBudget & { settled: number[] } {
  const settled: number[] = [];
  const claim: BudgetClaim = {
    settle: async (tokens) => {
      settled.push(tokens);
      if (failSettle) throw new Error('the budget store is unreachable');
    },
  };
  return { settled, claim: async () => claim };
}

function context(history: StepHistory, budget: TokenBudget): RunnerContext {
  const model = createModelClient(testModelConfig(server!.baseURL), TEST_ENV, {});
  const partial: Partial<RunnerContext> = { model, history, budget, neverSend: () => false, progress: () => undefined, signal: new AbortController().signal };
  return partial as RunnerContext;
}

describe('askModel and the token budget', () => {
  it('keeps a paid reply when the budget cannot be settled after the call: the step run again replays it', async () => {
    server = await startModelServer([{ kind: 'edits', edits: [EDIT], usage: USAGE }]);
    const history = new StepHistory(memoryArtifacts());
    const failing = recordingBudget(true);

    await expect(askModel(context(history, failing), 'step-a', 1, TEXTS, PROMPT)).rejects.toThrow('the budget store is unreachable');
    expect(failing.settled).toEqual([PAID]);

    const working = recordingBudget(false);
    const again = await askModel(context(history, working), 'step-a', 2, TEXTS, PROMPT);
    expect(again).toMatchObject({ status: 'applied', changed: ['src/a.test.ts'] });
    expect(server.requests).toHaveLength(1);
    expect(working.settled).toEqual([]);
  });

  it('charges a paid call whose reply cannot be recorded (a full disk)', async () => {
    server = await startModelServer([{ kind: 'edits', edits: [EDIT], usage: USAGE }]);
    const budget = recordingBudget(false);

    await expect(askModel(context(new StepHistory(memoryArtifacts(true)), budget), 'step-a', 1, TEXTS, PROMPT)).rejects.toThrow('ENOSPC');
    expect(budget.settled).toEqual([PAID]);
  });

  it('settles a call that threw with 0 tokens and shows the call\u2019s own error even when the settle fails too', async () => {
    server = await startModelServer([{ kind: 'edits', edits: [EDIT] }]);
    const history = new StepHistory(memoryArtifacts());
    const budget = recordingBudget(true);
    const ctx = context(history, budget);
    const aborted = new AbortController();
    aborted.abort(new Error('interrupted'));

    await expect(askModel({ ...ctx, signal: aborted.signal }, 'step-a', 1, TEXTS, PROMPT)).rejects.toThrow('interrupted');
    expect(budget.settled).toEqual([0]);
  });
});
