// One run per repository: a live holder makes a second run exit 3 naming it; a dead holder's
// lock is taken over. The runs that find this test process (process.pid) holding the lock on this
// host are spawned: only another process is another run; the others run here (runCliHere).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCli, runCliHere } from '../helpers/cli.js';
import { makeModuleRepo } from '../helpers/fixture-repo.js';
import { useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe.json');
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

function writeLock(repo: TempRepo, pid: number, extra: Record<string, string> = {}): void {
  mkdirSync(join(repo.dir, '.git/codemigrate'), { recursive: true });
  const info = { pid, hostname: hostname(), runId: 'other', command: 'run', startedAt: new Date().toISOString(), ...extra };
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
    const result = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'after-stale']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(repo.dir, '.git/codemigrate/lock'))).toBe(false);
  });

  // Linux only: the process start time is read from /proc/<pid>/stat.
  it.runIf(process.platform === 'linux')('takes over a lock whose live pid started at another time (pid reuse)', async () => {
    const repo = makeModuleRepo(1);
    repos.push(repo);
    writeLock(repo, process.pid, { processStart: '1' }); // this test process is alive, but did not start at tick 1
    const result = await runCli(['run', RECIPE, '--repo', repo.dir, '--run-id', 'after-reuse']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(repo.dir, '.git/codemigrate/lock'))).toBe(false);
  });

  it('leaves a lock taken on another host, and says which file to delete if that run is gone', async () => {
    const repo = makeModuleRepo(1);
    repos.push(repo);
    writeLock(repo, process.pid, { hostname: 'build-7.example' });
    const result = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'second']);
    expect(result.code).toBe(3);
    const lock = join(repo.git('rev-parse', '--absolute-git-dir'), 'codemigrate/lock');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      expect.stringContaining(`pid ${process.pid} on host build-7.example`),
      `codemigrate: the lock was taken on host build-7.example, so this host cannot tell whether that run is still alive; if it is gone, delete ${lock} and try again`,
    ]);
    expect(existsSync(lock)).toBe(true);
  });
});
