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

export async function baselineFor(input: {
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
  /** Where the baseline's check caches (`{cache}`) are kept for the steps; land's baseline keeps none. */
  readonly checkCache?: string;
}): Promise<Baseline> {
  const { store, output } = input;
  const install = installCommand(input.recipe, input.config);
  let failedChecks: readonly string[] = [];
  const base = await baseToCheck(input.git, input.state.sourceCommit, input.base);
  const baseline = await ensureBaseline({
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
    progress: (event) => {
      output.emit(event);
      if (event.type === 'baseline-finished' && !event.reused) failedChecks = event.baseline.checks.filter((check) => check.status !== 'passed').map((check) => check.command);
    },
    now: input.now,
    ...(input.checkCache !== undefined && { checkCache: input.checkCache }),
    // With setup's install, as the steps' checks: the slot links it (not the checkout's).
    ...(base !== undefined && { base: { commit: base, useWorktree: <T>(commit: string, fn: (dir: string) => Promise<T>) => input.pool.use(commit, '.', fn) } }),
  });
  if (failedChecks.length > 0) await noteWhatWorktreesLack(input.git, failedChecks, output);
  return baseline;
}

/**
 * The run's base commit when setup changed something there: only then do the checks that read
 * diagnostics run on it as well. A setup that changed nothing (most recipes of a project's own
 * have none) still writes a base commit, of the source commit's tree: checking it again cost a
 * whole typecheck for the same diagnostics.
 */
export async function baseToCheck(git: Pick<GitPort, 'readCommit'>, source: string, base: string | undefined): Promise<string | undefined> {
  if (base === undefined || base === source) return undefined;
  const [before, after] = await Promise.all([git.readCommit(source), git.readCommit(base)]);
  return before.tree === after.tree ? undefined : base;
}

const SHOWN = 6;

/**
 * A check that fails on the source commit in a scratch worktree fails the same way in every step,
 * and no step is judged on what it fails: said once, with what the worktrees do not have that the
 * user's checkout does (what git ignores there, node_modules aside, which verify links): a test of
 * `dist/` that a `prepare` script built (koa), a `.env`. Where such a check passes in the checkout,
 * that is why; the user can make the check build it, or have the config's install do so.
 */
async function noteWhatWorktreesLack(git: GitPort, commands: readonly string[], output: AppOutput): Promise<void> {
  const ignored = await git.ignoredEntries();
  if (ignored.length === 0) return;
  const shown = ignored.slice(0, SHOWN).join(', ') + (ignored.length > SHOWN ? `, and ${ignored.length - SHOWN} more` : '');
  output.emit({
    type: 'notice',
    message: `the baseline's ${commands.map((command) => `\`${command}\``).join(', ')} failed on the source commit, and fails so in every step, which is not judged on what it fails there. The checks run in scratch worktrees, which hold what git tracks and your node_modules, not what git ignores in your checkout: ${shown}. If the check passes in your checkout, one of those is why: build it in the check, or in the config's install`,
  });
}
