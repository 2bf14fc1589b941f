import { existsSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../../test/helpers/temp-repo.js';
import type { GitPort } from '../core/git.js';
import { openGitRepo } from '../git/index.js';
import { runVerify } from '../verify/index.js';
import { changedManifests, type DependencyInstall, type InstallEvent } from './dependency-install.js';
import { removeStaleWorktrees, WorktreePool, worktreeRoot } from './worktree-pool.js';

useHermeticGit();
const scratch = makeTempDir();
// Unit test files share a process (isolate: false in vitest.config.ts): put the variable back.
const worktreeDirBefore = process.env['CODEMIGRATE_WORKTREE_DIR'];
process.env['CODEMIGRATE_WORKTREE_DIR'] = join(scratch, 'worktrees');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
afterAll(() => {
  if (worktreeDirBefore === undefined) delete process.env['CODEMIGRATE_WORKTREE_DIR'];
  else process.env['CODEMIGRATE_WORKTREE_DIR'] = worktreeDirBefore;
  rmSync(scratch, { recursive: true, force: true });
});

interface Fixture {
  readonly repo: TempRepo;
  readonly git: GitPort;
  readonly source: string;
  readonly base: string;
  readonly counter: string;
}

/** A repo whose second commit changes package.json (as setup would); the user's checkout has a node_modules. */
async function fixture(changeManifest = true): Promise<Fixture> {
  const repo = makeTempRepo({ '.gitignore': 'node_modules/\n', 'package.json': '{}\n', 'pkg/a/package.json': '{}\n', 'src/a.js': '1\n' });
  const source = repo.git('rev-parse', 'HEAD');
  repo.write(changeManifest ? { 'package.json': '{ "devDependencies": { "dep": "1" } }\n' } : { 'src/a.js': '2\n' });
  const base = repo.commitAll('setup');
  repo.write({ 'node_modules/dep/index.js': 'module.exports = "user";\n' });
  const git = await openGitRepo(repo.dir);
  const counter = join(makeTempDir(), 'runs');
  cleanups.push(() => git.close(), () => repo.cleanup(), () => rmSync(join(counter, '..'), { recursive: true, force: true }));
  return { repo, git, source, base, counter };
}

function install(f: Fixture, run: string, events: InstallEvent[] = []): DependencyInstall {
  const command = { run: `echo x >> '${f.counter}'; ${run}`, timeoutSeconds: 30 };
  return {
    command,
    from: f.source,
    to: f.base,
    run: async (cwd) => (await runVerify([command], { cwd, files: [], module: '.' }))[0]!,
    progress: (event) => events.push(event),
  };
}

const INSTALL_DEP = 'mkdir -p node_modules/dep pkg/a/node_modules && echo "module.exports = \'installed\'" > node_modules/dep/index.js';
const runs = (f: Fixture) => (existsSync(f.counter) ? readFileSync(f.counter, 'utf8').split('\n').filter(Boolean).length : 0);
const poolDir = (git: GitPort, run: string) => join(worktreeRoot(git.gitDir), run);
const linked = (dir: string, place = '.') => realpathSync(join(dir, place, 'node_modules'));

describe('changedManifests', () => {
  it('lists manifests added, removed or changed at any depth, outside node_modules, renames included', async () => {
    const repo = makeTempRepo({
      'package.json': '{}\n',
      'yarn.lock': 'a\n',
      'pkg/a/package-lock.json': '{}\n',
      'vendor/node_modules/x/package.json': '{}\n',
      'src/package.json.bak': '{}\n',
    });
    cleanups.push(() => repo.cleanup());
    const from = repo.git('rev-parse', 'HEAD');
    repo.git('mv', 'yarn.lock', 'yarn.lock.old');
    repo.write({
      'pkg/a/package-lock.json': '{ "v": 2 }\n',
      'pkg/b/pnpm-lock.yaml': 'x\n',
      'npm-shrinkwrap.json': '{}\n',
      'vendor/node_modules/x/package.json': '{ "v": 2 }\n',
      'src/package.json.bak': '{ "v": 2 }\n',
      'src/index.js': '1\n',
    });
    const to = repo.commitAll('change');
    const git = await openGitRepo(repo.dir);
    cleanups.push(() => git.close());
    expect(await changedManifests(git, from, to)).toEqual(['npm-shrinkwrap.json', 'pkg/a/package-lock.json', 'pkg/b/pnpm-lock.yaml', 'yarn.lock']);
    expect(await changedManifests(git, from, from)).toEqual([]);
  });
});

describe('WorktreePool with a dependency install', () => {
  it('installs once for concurrent verifies, links the install worktree\'s node_modules, and removes it on close', async () => {
    const f = await fixture();
    const events: InstallEvent[] = [];
    const pool = new WorktreePool(f.git, poolDir(f.git, 'r1'), 2, install(f, INSTALL_DEP, events));
    const seen = await Promise.all(
      ['.', 'pkg/a', '.'].map((module) =>
        pool.use(f.base, module, async (cwd) => ({
          root: linked(cwd),
          module: module === '.' ? undefined : linked(cwd, module),
          required: (await runVerify([{ run: `node -p "require('dep')"`, timeoutSeconds: 30 }], { cwd, files: [], module }))[0]!.outputTail,
        })),
      ),
    );
    const installDir = realpathSync(join(poolDir(f.git, 'r1'), 'install'));
    expect(runs(f)).toBe(1);
    expect(seen.map((s) => s.required)).toEqual(['installed\n', 'installed\n', 'installed\n']);
    expect(seen.map((s) => s.root)).toEqual([join(installDir, 'node_modules'), join(installDir, 'node_modules'), join(installDir, 'node_modules')]);
    expect(seen[1]!.module).toBe(join(installDir, 'pkg/a/node_modules'));
    expect(events).toMatchObject([
      { type: 'install-started', manifests: ['package.json'] },
      { type: 'install-finished', status: 'passed', exitCode: 0 },
    ]);
    expect(await pool.prepare()).toEqual({ status: 'installed', dir: join(poolDir(f.git, 'r1'), 'install') });
    await pool.close();
    expect(existsSync(poolDir(f.git, 'r1'))).toBe(false);
    expect(f.repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    expect(readFileSync(join(f.repo.dir, 'node_modules/dep/index.js'), 'utf8')).toBe('module.exports = "user";\n');
  });

  it('remembers a failed install: one run, the reason on top of its output, and use() refuses', async () => {
    const f = await fixture();
    const pool = new WorktreePool(f.git, poolDir(f.git, 'r2'), 2, install(f, 'echo broken >&2; exit 3'));
    const [first, second] = await Promise.all([pool.prepare(), pool.prepare()]);
    const reason = 'install failed: exit 3: broken';
    expect(first).toMatchObject({ status: 'failed', reason, result: { status: 'failed', exitCode: 3, outputTail: `${reason}\nbroken\n` } });
    expect(second).toBe(first);
    await expect(pool.use(f.base, '.', async () => 'ran')).rejects.toThrow(reason);
    expect(runs(f)).toBe(1);
    await pool.close();
    expect(existsSync(poolDir(f.git, 'r2'))).toBe(false);
  });

  it('installs nothing when no manifest changed and links the checkout\'s node_modules', async () => {
    const f = await fixture(false);
    const events: InstallEvent[] = [];
    const pool = new WorktreePool(f.git, poolDir(f.git, 'r3'), 1, install(f, INSTALL_DEP, events));
    expect(await pool.use(f.base, '.', async (cwd) => linked(cwd))).toBe(realpathSync(join(f.repo.dir, 'node_modules')));
    expect(await pool.prepare()).toEqual({ status: 'not-needed' });
    expect(runs(f)).toBe(0);
    expect(events).toEqual([]);
    expect(readdirSync(poolDir(f.git, 'r3'))).toEqual(['0']);
    await pool.close();
  });

  it('removeStaleWorktrees removes an install worktree that a crashed run left', async () => {
    const f = await fixture();
    const pool = new WorktreePool(f.git, poolDir(f.git, 'r4'), 1, install(f, INSTALL_DEP));
    await pool.use(f.base, '.', async () => undefined);
    expect(readdirSync(poolDir(f.git, 'r4')).sort()).toEqual(['0', 'install']);
    // No close(): as after a kill -9.
    expect(await removeStaleWorktrees(f.git)).toBe(2);
    expect(existsSync(poolDir(f.git, 'r4'))).toBe(false);
    expect(f.repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
  });
});
