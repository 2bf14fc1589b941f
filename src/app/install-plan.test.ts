// The built-in jest-to-vitest recipe's install as a run starts it: its `{recipeDir}` script found
// in the sandbox, npm's ERESOLVE retried with --legacy-peer-deps, the retry in the output the user sees.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eresolveProject, offlineNpmEnv } from '../../test/helpers/npm-projects.js';
import { makeTempDir } from '../../test/helpers/temp-repo.js';
import { loadRecipeFile } from '../config/load-recipe.js';
import { DEFAULT_BRANCH_PREFIX, type Config } from '../core/recipe.js';
import { detectSandbox } from '../verify/sandbox.js';
import { BUILTIN_RECIPES } from './inputs.js';
import { installCommand, installRunner } from './install-plan.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const CONFIG: Config = { recipes: {}, concurrency: 1, branchPrefix: DEFAULT_BRANCH_PREFIX, exclude: [], neverSendToModel: [] };

describe('installRunner', () => {
  it("runs the built-in recipe's install script in the sandbox, which retries npm's ERESOLVE with --legacy-peer-deps", async () => {
    const recipe = await loadRecipeFile(join(BUILTIN_RECIPES, 'jest-to-vitest.json'), { builtin: true });
    // `{frozen}` is for land's install only.
    const command = installCommand(recipe, CONFIG);
    expect(command?.run).toBe('node {recipeDir}/../migrations/shared/install-deps.mjs');
    const dir = makeTempDir();
    dirs.push(dir);
    eresolveProject(dir);
    const run = installRunner(command!, recipe, { ...process.env, ...offlineNpmEnv(dir) }, detectSandbox(), new AbortController().signal);
    const result = await run(dir);
    expect(result.status, result.outputTail).toBe('passed');
    expect(result.command).toBe(`node '${BUILTIN_RECIPES}'/../migrations/shared/install-deps.mjs`);
    expect(result.outputTail).toMatch(/^install: npm install --no-audit --no-fund — npm \(no lockfile\)$/m);
    expect(result.outputTail).toContain('install: npm reported ERESOLVE (a peer-dependency conflict); retrying once with --legacy-peer-deps');
    expect(existsSync(join(dir, 'node_modules', 'needs-a1', 'package.json'))).toBe(true);
  });
});
