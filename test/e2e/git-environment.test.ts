// The API key never reaches a git process (issue #12): git runs the repository's own filters
// (smudge on every checkout of a scratch worktree), hooks aside, with the environment it is given.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { makeModuleRepo } from '../helpers/fixture-repo.js';
import { makeTempDir, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe.json');
const repos: TempRepo[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  repos.splice(0).forEach((repo) => repo.cleanup());
  cleanups.splice(0).forEach((cleanup) => cleanup());
});

describe('git processes of a run', () => {
  it('never see the API key, under the default name or the one the config names', async () => {
    const repo = makeModuleRepo(2, { '.gitattributes': '*.js filter=spy\n' });
    repos.push(repo);
    const dumps = makeTempDir('codemigrate-filter-env-');
    cleanups.push(() => rmSync(dumps, { recursive: true, force: true }));
    // A smudge filter that records the environment git gave it, once per file it checks out.
    repo.git('config', 'filter.spy.smudge', `env >> '${join(dumps, 'smudge.env')}'; cat`);
    repo.git('config', 'filter.spy.clean', `env >> '${join(dumps, 'clean.env')}'; cat`);
    const config = { model: { baseURL: 'http://127.0.0.1:9/v1', model: 'test-model', apiKeyEnv: 'MY_TEAM_MODEL_KEY' } };
    writeFileSync(join(repo.dir, 'migration.config.json'), JSON.stringify(config));
    repo.commitAll('config');

    const env = { OPENAI_API_KEY: 'sk-default-name-secret', AZURE_OPENAI_API_KEY: 'sk-azure-secret', MY_TEAM_MODEL_KEY: 'sk-configured-name-secret' };
    const run = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'k1'], { env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const land = await runCliHere(['land', 'k1', '--repo', repo.dir], { env });
    expect(land.code, land.stdout + land.stderr).toBe(0);

    // The filter did run (the scratch worktrees were checked out through it).
    const smudged = readFileSync(join(dumps, 'smudge.env'), 'utf8');
    expect(smudged).toContain('PATH=');
    const seen = smudged + (existsSync(join(dumps, 'clean.env')) ? readFileSync(join(dumps, 'clean.env'), 'utf8') : '');
    expect(Object.values(env).filter((secret) => seen.includes(secret))).toEqual([]);
  }, 600_000); // a backstop only
});
