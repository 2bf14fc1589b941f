import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, makeTempRepo, useHermeticGit } from '../../test/helpers/temp-repo.js';
import type { FileChange } from '../core/git.js';
import type { RepoPath } from '../core/paths.js';
import { openGitRepo } from '../git/index.js';
import { runVerify } from '../verify/index.js';
import { installForBase, lockfileCandidates, setupManifests } from './base-install.js';
import type { InstallEvent } from './dependency-install.js';

useHermeticGit();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const change = (path: string, content = 'x'): FileChange => ({ path: path as RepoPath, content });

describe('setupManifests', () => {
  it('lists the dependency manifests among setup\'s changes, sorted', () => {
    const changes = [change('vitest.config.ts'), change('pkg/b/package.json'), change('package.json'), { path: 'yarn.lock' as RepoPath, delete: true as const }];
    expect(setupManifests(changes)).toEqual(['package.json', 'pkg/b/package.json', 'yarn.lock']);
    expect(setupManifests([change('src/a.test.ts')])).toEqual([]);
  });
});

describe('lockfileCandidates', () => {
  it('names every lockfile beside a manifest of the tree, outside node_modules', () => {
    const candidates = lockfileCandidates(['package.json', 'pkg/a/package.json', 'pkg/b/yarn.lock', 'node_modules/x/package.json', 'src/a.js']);
    expect(candidates).toEqual(
      ['', 'pkg/a/', 'pkg/b/'].flatMap((dir) => ['bun.lock', 'bun.lockb', 'npm-shrinkwrap.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock'].map((name) => dir + name)).sort(),
    );
  });
});

async function fixture() {
  const repo = makeTempRepo({
    '.gitignore': 'node_modules/\nignored/package-lock.json\n',
    'package.json': '{}\n',
    'package-lock.json': '{"old":true}\n',
    'pkg/a/package.json': '{}\n',
    'ignored/package.json': '{}\n',
    'src/a.js': '1\n',
  });
  const source = repo.git('rev-parse', 'HEAD');
  const git = await openGitRepo(repo.dir);
  const scratch = makeTempDir();
  cleanups.push(() => git.close(), () => repo.cleanup(), () => rmSync(scratch, { recursive: true, force: true }));
  const events: InstallEvent[] = [];
  const input = (run: string) => {
    const command = { run, timeoutSeconds: 30 };
    return {
      source,
      changes: [change('package.json', '{"devDependencies":{"dep":"1"}}\n')],
      command,
      run: async (cwd: string) => (await runVerify([command], { cwd, files: [], module: '.' }))[0]!,
      dir: join(scratch, 'run', 'install'),
      message: 'provisional',
      progress: (event: InstallEvent) => events.push(event),
    };
  };
  return { repo, git, source, events, input };
}

describe('installForBase', () => {
  it('installs at source + setup\'s changes and returns the lockfiles it created or changed, keeping its worktree', async () => {
    const { repo, git, events, input } = await fixture();
    const writes = [
      'grep -q dep package.json', // the install sees setup's package.json
      `echo '{"new":true}' > package-lock.json`,
      `echo 'lock: a' > pkg/a/pnpm-lock.yaml`,
      `echo '{}' > ignored/package-lock.json`,
      'mkdir -p node_modules/dep && echo "{}" > node_modules/dep/package-lock.json',
      `echo '{}' > src/package-lock.json`,
    ].join(' && ');
    const outcome = await installForBase(git, input(writes));
    if (outcome.status !== 'installed') throw new Error(JSON.stringify(outcome));
    const text = (content: unknown) => new TextDecoder().decode(content as Uint8Array);
    expect(outcome.lockfiles.map((file) => [file.path, 'content' in file ? text(file.content) : 'deleted'])).toEqual([
      ['package-lock.json', '{"new":true}\n'],
      ['pkg/a/pnpm-lock.yaml', 'lock: a\n'],
    ]);
    expect(existsSync(join(outcome.dir, 'node_modules/dep'))).toBe(true);
    expect(events.map((event) => event.type)).toEqual(['install-started', 'install-finished']);
    expect(events[0]).toMatchObject({ manifests: ['package.json'] });
    // Nothing reached the user's checkout, and no ref was written.
    expect(readFileSync(join(repo.dir, 'package-lock.json'), 'utf8')).toBe('{"old":true}\n');
    expect(repo.git('for-each-ref')).not.toContain('codemigrate');
    await git.removeWorktree(outcome.dir);
  });

  it('fails with the command and its exit code above the output, and removes its worktree', async () => {
    const { git, input } = await fixture();
    const run = 'echo "npm ERR! E404"; exit 7';
    const outcome = await installForBase(git, input(run));
    expect(outcome).toMatchObject({ status: 'failed', reason: 'install failed: exit 7: npm ERR! E404', result: { command: run } });
    expect(outcome.status === 'failed' && outcome.result.outputTail).toBe('install failed: exit 7: npm ERR! E404\nnpm ERR! E404\n');
    expect(existsSync(input(run).dir)).toBe(false);
  });

  it('installs nothing when setup changed no manifest', async () => {
    const { git, events, input } = await fixture();
    const outcome = await installForBase(git, { ...input('exit 1'), changes: [change('src/a.js', '2\n')] });
    expect(outcome).toEqual({ status: 'not-needed' });
    expect(events).toEqual([]);
  });
});
