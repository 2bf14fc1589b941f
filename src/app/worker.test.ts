// A worker's clone keeps its opened repository between steps: the git processes of that port hide
// the API key variable of the config it was opened under, also when a later run's base names another.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, makeTempRepo, useHermeticGit } from '../../test/helpers/temp-repo.js';
import { slotRepository, type KeptRepositories } from './worker.js';

useHermeticGit();

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('slotRepository', () => {
  it("hides from git the key the checked-out config names now, not only the one of the clone's first step", async () => {
    const config = (name: string) => JSON.stringify({ model: { apiKeyEnv: name } });
    const repo = makeTempRepo({ '.gitattributes': '*.txt filter=spy\n', 'a.txt': 'a\n', 'migration.config.json': config('FIRST_RUN_KEY') });
    cleanups.push(() => repo.cleanup());
    const dump = join(repo.dir, '.git', 'smudge.env');
    repo.git('config', 'filter.spy.smudge', `env >> '${dump}'; cat`);
    const secrets = { FIRST_RUN_KEY: 'sk-first', SECOND_RUN_KEY: 'sk-second' };
    const saved = Object.fromEntries(Object.keys(secrets).map((name) => [name, process.env[name]]));
    Object.assign(process.env, secrets);
    const repositories: KeptRepositories = new Map();
    cleanups.push(async () => {
      for (const { repository } of repositories.values()) await (await repository).git.close();
    });
    try {
      const first = await slotRepository(repositories, repo.dir);
      expect(await slotRepository(repositories, repo.dir)).toBe(first);
      // A later run's base commit, checked out in the same clone, names another variable.
      writeFileSync(join(repo.dir, 'migration.config.json'), config('SECOND_RUN_KEY'));
      const { git } = await slotRepository(repositories, repo.dir);
      const scratch = join(makeTempDir(), 'wt');
      cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
      await git.addWorktree(scratch, await git.headCommit());
      cleanups.push(() => git.removeWorktree(scratch));
      const seen = readFileSync(dump, 'utf8');
      expect(seen).toContain('PATH=');
      // (The first run's key is another run's secret, in the worker's environment as before: not this port's.)
      expect(seen).not.toContain('sk-second');
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
