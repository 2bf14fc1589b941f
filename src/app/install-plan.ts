// The dependency install a run's (or land's) verification may need: the config's install command
// wins over the recipe's ("install": null in the config turns it off), run through the verify
// adapter with the same environment and signal as the verify commands. Land checks the result
// with the project's frozen install instead (the lockfile must already be right).

import { dirname } from 'node:path';
import type { GitPort } from '../core/git.js';
import type { Config, Recipe, VerifyCommand } from '../core/recipe.js';
import type { VerifyResult } from '../core/verify.js';
import type { DependencyInstall, InstallOutcome } from '../runner/dependency-install.js';
import { frozenInstall, readProjectRoot, withFrozen } from '../runner/frozen-install.js';
import { runVerify } from '../verify/index.js';
import type { Sandbox } from '../verify/sandbox.js';
import type { AppOutput } from './output.js';

interface InstallPlanInput {
  readonly recipe: Recipe;
  readonly config: Config;
  readonly from: string;
  readonly to: string | undefined;
  /** Setup's install, already run in this process: the pool adopts it instead of installing. */
  readonly installed?: InstallOutcome;
  readonly env: NodeJS.ProcessEnv;
  readonly sandbox: Sandbox;
  readonly signal: AbortSignal;
  readonly output: AppOutput;
}

/**
 * Pure: the install command of a run, if any: the config's wins; its `null` turns the recipe's off.
 * `{frozen}` in it stands for nothing here: only land's install is frozen.
 */
export function installCommand(recipe: Recipe, config: Config): VerifyCommand | undefined {
  const configured = configuredInstall(recipe, config);
  return configured && withFrozen(configured, false);
}

function configuredInstall(recipe: Recipe, config: Config): VerifyCommand | undefined {
  return (config.install === undefined ? recipe.install : config.install) ?? undefined;
}

/**
 * Runs an install command in a directory through the verify runner (environment, timeout, process
 * group, tail), in the sandbox with a network: it fetches packages. `{recipeDir}` in the command is
 * the recipe file's folder, as in checks (the built-in recipe's install is a script it ships).
 */
export function installRunner(command: VerifyCommand, recipe: Recipe, env: NodeJS.ProcessEnv, sandbox: Sandbox, signal: AbortSignal): (cwd: string) => Promise<VerifyResult> {
  return async (cwd) => {
    const [result] = await runVerify([command], { cwd, files: [], module: '.', env, signal, sandbox, network: true, recipeDir: dirname(recipe.file) });
    if (!result) throw new Error('install: the verify runner returned no result');
    return result;
  };
}

export function installPlan(input: InstallPlanInput): DependencyInstall | undefined {
  const command = installCommand(input.recipe, input.config);
  if (!command || input.to === undefined) return undefined;
  return planFor(command, { ...input, to: input.to });
}

/**
 * Land's install: when an install is configured, the frozen install that the lockfile at the
 * result's root calls for (`npm ci`, …), so that a lockfile out of step with the manifests fails
 * land as it would fail CI; with no lockfile there, the configured install. A configured install
 * that names `{frozen}` is run with `--frozen` instead: it installs frozen as the project does.
 */
export async function frozenInstallPlan(git: GitPort, input: InstallPlanInput): Promise<DependencyInstall | undefined> {
  const configured = configuredInstall(input.recipe, input.config);
  if (!configured || input.to === undefined) return undefined;
  return planFor(frozenInstall(await readProjectRoot(git, input.to), configured), { ...input, to: input.to });
}

function planFor(command: VerifyCommand, input: InstallPlanInput & { readonly to: string }): DependencyInstall {
  return {
    command,
    from: input.from,
    to: input.to,
    run: installRunner(command, input.recipe, input.env, input.sandbox, input.signal),
    progress: (event) => input.output.emit(event),
    ...(input.installed ? { installed: input.installed } : {}),
  };
}
