// The dependency install a run's (or land's) verification may need: the config's install command
// wins over the recipe's ("install": null in the config turns it off), run through the verify
// adapter with the same environment and signal as the verify commands.

import type { Config, Recipe } from '../core/recipe.js';
import type { DependencyInstall } from '../runner/dependency-install.js';
import { runVerify } from '../verify/index.js';
import type { AppOutput } from './output.js';

export function installPlan(input: {
  readonly recipe: Recipe;
  readonly config: Config;
  readonly from: string;
  readonly to: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly signal: AbortSignal;
  readonly output: AppOutput;
}): DependencyInstall | undefined {
  const command = input.config.install === undefined ? input.recipe.install : input.config.install;
  if (!command || input.to === undefined) return undefined;
  return {
    command,
    from: input.from,
    to: input.to,
    run: async (cwd) => {
      const [result] = await runVerify([command], { cwd, files: [], module: '.', env: input.env, signal: input.signal });
      if (!result) throw new Error('install: the verify runner returned no result');
      return result;
    },
    progress: (event) => input.output.emit(event),
  };
}
