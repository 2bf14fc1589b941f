// Without a sandbox (CODEMIGRATE_SANDBOX=off stands for a machine without bubblewrap), a run that
// could verify model-written code stops before writing anything unless the user accepts the risk;
// with --unsafe-verify it runs and says it is unsandboxed.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';
import { TEST_API_KEY, TEST_API_KEY_ENV } from '../model-server/test-config.js';

useHermeticGit();
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/verdicts/recipe.json');
const env = { CODEMIGRATE_SANDBOX: 'off', [TEST_API_KEY_ENV]: TEST_API_KEY };

describe('verify without a sandbox', () => {
  it('refuses a run with a model (exit 2, nothing written) unless --unsafe-verify, which says so', async () => {
    const repo = makeTempRepo({
      'src/a/a.ts': 'export const a = 1;\n',
      'migration.config.json': JSON.stringify({ verify: [{ run: 'true' }], model: { baseURL: 'http://127.0.0.1:9/v1', model: 'm', apiKeyEnv: TEST_API_KEY_ENV } }),
    });
    repos.push(repo);
    const refused = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'u1'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('verify sandbox: none (CODEMIGRATE_SANDBOX=off)');
    expect(refused.stderr).toContain('--unsafe-verify');
    expect(repo.git('for-each-ref', 'refs/heads/codemigrate')).toBe('');
    expect(repo.git('status', '--porcelain', '--ignored')).toBe('');

    const accepted = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'u2', '--unsafe-verify'], { env });
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout + accepted.stderr).toContain('verify sandbox: none (CODEMIGRATE_SANDBOX=off): verify, install and checks run with your user');
  });
});
