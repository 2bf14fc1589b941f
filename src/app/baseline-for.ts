// The run's baseline as run and land ask for it: the recorded one, or the checks taken now on the
// source commit in a slot of `pool` (with the checkout's node_modules, or the recipe's install
// when the checkout has none).

import { dirname } from 'node:path';
import type { Baseline } from '../core/checks.js';
import type { GitPort } from '../core/git.js';
import type { CheckCommand, Config, Recipe } from '../core/recipe.js';
import type { RunState } from '../core/state.js';
import { baselineWorktree, ensureBaseline } from '../runner/baseline.js';
import type { WorktreePool } from '../runner/worktree-pool.js';
import type { RunStore } from '../state/store.js';
import { runChecks } from '../verify/index.js';
import type { Sandbox } from '../verify/sandbox.js';
import { installCommand, installRunner } from './install-plan.js';
import type { AppOutput } from './output.js';

export function baselineFor(input: {
  readonly git: GitPort;
  readonly store: RunStore;
  readonly recipe: Recipe;
  readonly config: Config;
  readonly state: RunState;
  readonly checks: readonly CheckCommand[];
  readonly pool: WorktreePool;
  readonly env: NodeJS.ProcessEnv;
  readonly sandbox: Sandbox;
  readonly signal: AbortSignal;
  readonly output: AppOutput;
  readonly now: () => string;
  /** The run's base commit, for a run's steps: the diagnostic checks run there too (Baseline.base). */
  readonly base?: string;
}): Promise<Baseline> {
  const { store, output } = input;
  const install = installCommand(input.recipe, input.config);
  return ensureBaseline({
    state: input.state,
    checks: input.checks,
    runChecks,
    recipeDir: dirname(input.recipe.file),
    useWorktree: baselineWorktree({
      pool: input.pool,
      checkout: input.git.root,
      ...(install && { install: installRunner(install, input.recipe, input.env, input.sandbox, input.signal) }),
      notice: (message) => output.emit({ type: 'notice', message }),
    }),
    env: input.env,
    sandbox: input.sandbox,
    signal: input.signal,
    artifacts: store,
    record: (event) => store.append(event),
    progress: (event) => output.emit(event),
    now: input.now,
    // With setup's install, as the steps' checks: the slot links it (not the checkout's).
    ...(input.base !== undefined && { base: { commit: input.base, useWorktree: <T>(commit: string, fn: (dir: string) => Promise<T>) => input.pool.use(commit, '.', fn) } }),
  });
}
