// One run per repository: a live holder makes a second run exit 3 naming it; a dead holder's
// lock is taken over.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCli } from '../helpers/cli.js';
import { makeModuleRepo } from '../helpers/fixture-repo.js';
import { useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe.json');
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

function writeLock(repo: TempRepo, pid: number): void {
  mkdirSync(join(repo.dir, '.git/codemigrate'), { recursive: true });
  const info = { pid, hostname: hostname(), runId: 'other', command: 'run', startedAt: new Date().toISOString() };
  writeFileSync(join(repo.dir, '.git/codemigrate/lock'), JSON.stringify(info));
}

describe('repository lock', () => {
  it('exits 3 naming the holder while another run holds the lock', async () => {
    const repo = makeModuleRepo(1);
    repos.push(repo);
    writeLock(repo, process.pid);
    const result = await runCli(['run', RECIPE, '--repo', repo.dir, '--run-id', 'second']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`pid ${process.pid}`);
    expect(repo.git('for-each-ref', 'refs/heads/codemigrate/')).toBe('');
  });

  it('takes over a lock whose process is gone', async () => {
    const repo = makeModuleRepo(1);
    repos.push(repo);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeLock(repo, Number(dead.stdout));
    const result = await runCli(['run', RECIPE, '--repo', repo.dir, '--run-id', 'after-stale']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(repo.dir, '.git/codemigrate/lock'))).toBe(false);
  });
});
