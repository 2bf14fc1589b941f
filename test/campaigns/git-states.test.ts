// A matrix of repository states: each either ends with a clear error, exit 2 and nothing written,
// or runs with the user's checkout unchanged. Hooks never run. Edited files keep their line
// endings, BOM, final newline (or its absence) and mode; symlinks and submodules are left alone.

import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { importBuilt, PROJECT_ROOT } from '../helpers/cli.js';
import { moduleFiles } from '../helpers/fixture-repo.js';
import { HERMETIC_GIT_ENV, makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';
import { reportFigures } from './campaign-kit.js';

useHermeticGit();
// The run use-case as built (dist/), as the CLI runs it: not transformed from src/ in this process.
const { silentOutput } = await importBuilt<typeof import('../../src/app/output.js')>('app/output.js');
const { runMigration } = await importBuilt<typeof import('../../src/app/run.js')>('app/run.js');
const { isCodemigrateError } = await importBuilt<typeof import('../../src/core/errors.js')>('core/errors.js');
// recipe.json with a check that starts no Node (grep for the FAIL_VERIFY marker): what the check
// runs is not this file's subject, and a Node start per check was most of a step's cost.
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/recipe-quick-check.json');
const repos: TempRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.cleanup()));
const track = (repo: TempRepo) => (repos.push(repo), repo);
const tally = { refused: 0, ran: 0 };

async function run(repo: TempRepo, options: { recipe?: string; runId?: string; repoDir?: string } = {}): Promise<{ exitCode: number; text: string }> {
  try {
    const result = await runMigration(
      { repo: options.repoDir ?? repo.dir, recipe: options.recipe ?? RECIPE, runId: options.runId ?? 'g', signal: new AbortController().signal },
      silentOutput,
    );
    return { exitCode: result.exitCode, text: '' };
  } catch (error) {
    if (!isCodemigrateError(error)) throw error;
    return { exitCode: error.exitCode, text: error.problems.join('\n') };
  }
}

/** git that may fail (a conflicting merge exits 1 and leaves the state the test wants). */
function tryGit(repo: TempRepo, ...args: string[]): void {
  try {
    execFileSync('git', args, { cwd: repo.dir, env: { ...process.env, ...HERMETIC_GIT_ENV }, stdio: 'ignore' });
  } catch {
    // expected for conflicts
  }
}

/** main and `other` both change src/mod000/a.js, so merging, rebasing or picking conflicts. */
function divergedRepo(): TempRepo {
  const repo = track(makeTempRepo(moduleFiles(2)));
  repo.git('branch', 'other');
  repo.write({ 'src/mod000/a.js': 'var oldName = "main";\n' });
  repo.commitAll('main side');
  repo.git('checkout', '-q', 'other');
  repo.write({ 'src/mod000/a.js': 'var oldName = "other";\n' });
  repo.commitAll('other side');
  repo.git('checkout', '-q', 'main');
  return repo;
}

const REFUSED: [string, () => TempRepo, RegExp, string?][] = [
  ['an unborn branch', () => {
    const repo = track(makeTempRepo());
    writeFileSync(join(repo.dir, 'a.js'), 'var oldName;\n');
    return repo;
  }, /unborn|no commit/i],
  ['a merge in progress', () => {
    const repo = divergedRepo();
    tryGit(repo, 'merge', 'other');
    return repo;
  }, /merge is in progress/],
  ['a rebase in progress', () => {
    const repo = divergedRepo();
    tryGit(repo, 'rebase', 'other');
    return repo;
  }, /rebase is in progress/],
  ['a cherry-pick in progress', () => {
    const repo = divergedRepo();
    tryGit(repo, 'cherry-pick', 'other');
    return repo;
  }, /cherry-pick is in progress/],
  ['a revert in progress', () => {
    const repo = divergedRepo();
    repo.write({ 'src/mod000/a.js': 'var oldName = "later";\n' });
    repo.commitAll('later');
    tryGit(repo, 'revert', '--no-edit', 'HEAD~1');
    return repo;
  }, /revert is in progress/],
  ['a bisect in progress', () => {
    const repo = track(makeTempRepo(moduleFiles(1)));
    repo.git('bisect', 'start');
    return repo;
  }, /bisect is in progress/],
  ['a branch named codemigrate', () => {
    const repo = track(makeTempRepo(moduleFiles(1)));
    repo.git('branch', 'codemigrate');
    return repo;
  }, /branch codemigrate exists/],
  ['a branch named codemigrate/<run>', () => {
    const repo = track(makeTempRepo(moduleFiles(1)));
    repo.git('branch', 'codemigrate/g');
    return repo;
  }, /codemigrate\/g/],
  ['a branch that is the first folder of branchPrefix', () => {
    const repo = track(makeTempRepo(moduleFiles(1)));
    repo.git('branch', 'team');
    writeFileSync(join(repo.dir, 'migration.config.json'), '{ "branchPrefix": "team/cm" }\n');
    return repo;
  }, /branch team exists/, 'team/cm'],
];

describe('git states that are refused', () => {
  it.each(REFUSED)('%s: exit 2, a clear reason, nothing written', async (_name, make, reason, prefix = 'codemigrate') => {
    const repo = make();
    const refsBefore = repo.git('for-each-ref');
    const before = snapshotCheckout(repo, prefix);
    const result = await run(repo);
    expect(result.exitCode, result.text).toBe(2);
    expect(result.text).toMatch(reason);
    expect(existsSync(join(repo.dir, '.git/codemigrate'))).toBe(false);
    expect(repo.git('for-each-ref')).toBe(refsBefore);
    expect(snapshotCheckout(repo, prefix)).toEqual(before);
    tally.refused += 1;
  });
});

async function expectRunsUntouched(repo: TempRepo, options: { recipe?: string; repoDir?: string } = {}): Promise<void> {
  const before = snapshotCheckout(repo);
  const result = await run(repo, options);
  expect(result.exitCode, result.text).toBe(0);
  expect(snapshotCheckout(repo)).toEqual(before);
  expect(repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)?.length).toBe(options.repoDir ? 2 : 1);
  expect(repo.git('show', 'codemigrate/g/src-mod000:src/mod000/a.js')).toContain('let newName = 0');
  tally.ran += 1;
}

describe('git states that run with the checkout unchanged', () => {
  it('a detached HEAD', async () => {
    const repo = track(makeTempRepo(moduleFiles(1)));
    repo.git('checkout', '-q', '--detach');
    await expectRunsUntouched(repo);
  });

  it('a tag named codemigrate and branches that only start like the prefix', async () => {
    const repo = track(makeTempRepo(moduleFiles(1)));
    repo.git('tag', 'codemigrate');
    repo.git('branch', 'codemigrate-old');
    repo.git('branch', 'codemigrates/x');
    await expectRunsUntouched(repo);
  });

  it('an index.lock left by another git process', async () => {
    const repo = track(makeTempRepo(moduleFiles(1)));
    writeFileSync(join(repo.dir, '.git/index.lock'), '');
    await expectRunsUntouched(repo);
  });

  it('--repo pointing at a linked worktree of the user', async () => {
    const repo = track(makeTempRepo(moduleFiles(1)));
    const linked = join(makeTempDir(), 'linked');
    repo.git('worktree', 'add', '-q', '-b', 'feature', linked);
    await expectRunsUntouched(repo, { repoDir: linked });
  });

  it('a submodule inside a module', async () => {
    const sub = track(makeTempRepo({ 'inner.js': 'var oldName = "sub";\n' }));
    const repo = track(makeTempRepo(moduleFiles(1)));
    repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.dir, 'src/mod000/vendor');
    repo.commitAll('submodule');
    await expectRunsUntouched(repo);
    expect(repo.git('ls-tree', 'codemigrate/g/src-mod000', 'src/mod000/vendor')).toMatch(/^160000 commit /);
    expect(repo.git('diff', '--name-only', 'codemigrate/g/base', 'codemigrate/g/src-mod000')).toBe('src/mod000/a.js\nsrc/mod000/b.js');
  });

  const names = ['pre-commit', 'commit-msg', 'post-commit', 'post-checkout', 'reference-transaction', 'post-index-change', 'pre-auto-gc', 'post-rewrite', 'pre-push', 'post-merge'];
  const hook = (repo: TempRepo, marks: string, name: string) =>
    `#!/bin/sh\necho ${name} >> ${marks}/ran\necho "// hook was here" >> ${repo.dir}/src/mod000/a.js\nexit 1\n`;
  const install = (dir: string, text: (name: string) => string) => {
    mkdirSync(dir, { recursive: true });
    for (const name of names) {
      writeFileSync(join(dir, name), text(name));
      chmodSync(join(dir, name), 0o755);
    }
  };

  it('hooks that fail and modify files never run, from .git/hooks or core.hooksPath', async () => {
    const repo = track(makeTempRepo(moduleFiles(2)));
    const marks = makeTempDir();
    install(join(repo.dir, '.git/hooks'), (name) => hook(repo, marks, name));
    await expectRunsUntouched(repo);
    expect(existsSync(join(marks, 'ran'))).toBe(false);
    const custom = join(makeTempDir(), 'hooks');
    install(custom, (name) => hook(repo, marks, name));
    repo.git('config', 'core.hooksPath', custom);
    const before = snapshotCheckout(repo);
    const again = await run(repo, { runId: 'g2' });
    expect(again.exitCode, again.text).toBe(0);
    expect(existsSync(join(marks, 'ran'))).toBe(false);
    expect(snapshotCheckout(repo)).toEqual(before);
  });

  // Found here: core.hooksPath silences hooks, but git also runs the program that core.fsmonitor
  // names; every git process of codemigrate now turns it off (git-process.ts).
  it('the fsmonitor hook never runs either', async () => {
    const repo = track(makeTempRepo(moduleFiles(1)));
    const marks = makeTempDir();
    const monitor = join(marks, 'fsmonitor.sh');
    writeFileSync(monitor, hook(repo, marks, 'fsmonitor'));
    chmodSync(monitor, 0o755);
    repo.git('config', 'core.fsmonitor', monitor);
    const before = snapshotCheckout(repo);
    const result = await run(repo);
    expect(result.exitCode, result.text).toBe(0);
    expect(existsSync(join(marks, 'ran')) ? readFileSync(join(marks, 'ran'), 'utf8') : '').toBe('');
    expect(snapshotCheckout(repo)).toEqual(before);
  });
});

describe('edited files keep their bytes', () => {
  const files: Record<string, string> = {
    'src/m/crlf.js': 'var oldName = 1;\r\nmodule.exports = oldName;\r\n',
    'src/m/no-final-newline.js': 'var oldName = 3;\nmodule.exports = oldName;',
    'src/m/exec.js': '#!/usr/bin/env node\nvar oldName = 4;\nconsole.log(oldName);\n',
    'src/m/mixed.js': 'var oldName = 6;\r\nvar other = 7;\nmodule.exports = oldName + other;\n',
  };
  const withBom: Record<string, string> = {
    'src/m/bom.js': '\uFEFFvar oldName = 2;\nmodule.exports = oldName;\n',
    'src/m/all-at-once.js': '\uFEFF// header\r\nvar oldName = 5;\r\nmodule.exports = oldName;',
  };
  const TEXT_RENAME = { codemod: join(PROJECT_ROOT, 'test/campaigns/fixtures/text-rename.cjs'), engine: 'jscodeshift' };
  const VAR_TO_LET = { codemod: join(PROJECT_ROOT, 'test/fixtures/e2e/transforms/var-to-let.ts'), engine: 'ts-morph' };

  /** Runs a recipe of `steps` over the files (exec.js executable, link.js a symlink) and reads back the step's blobs. */
  async function migrated(steps: unknown[]): Promise<{ repo: TempRepo; blob: (path: string) => string }> {
    const repo = track(makeTempRepo({ ...files, ...withBom }, { executable: ['src/m/exec.js'] }));
    symlinkSync('crlf.js', join(repo.dir, 'src/m/link.js'));
    repo.commitAll('link');
    const dir = makeTempDir();
    writeFileSync(join(dir, 'recipe.json'), JSON.stringify({ id: 'bytes', description: 'bytes', modules: { by: 'directory', include: ['src/**'] }, steps }));
    const before = snapshotCheckout(repo);
    const result = await run(repo, { recipe: join(dir, 'recipe.json') });
    expect(result.exitCode, result.text).toBe(0);
    expect(snapshotCheckout(repo)).toEqual(before);
    tally.ran += 1;
    return { repo, blob: (path) => execFileSync('git', ['cat-file', 'blob', `codemigrate/g/src-m:${path}`], { cwd: repo.dir }).toString('utf8') };
  }

  it('a jscodeshift transform keeps line endings, BOM, final newline and mode; symlinks untouched', async () => {
    const { repo, blob } = await migrated([TEXT_RENAME]);
    for (const [path, text] of Object.entries({ ...files, ...withBom })) {
      expect(JSON.stringify(blob(path)), path).toBe(JSON.stringify(text.replaceAll('oldName', 'newName')));
    }
    const modes = repo.git('ls-tree', '-r', 'codemigrate/g/src-m');
    expect(modes).toMatch(/^100755 blob \w+\tsrc\/m\/exec\.js$/m);
    expect(modes).toMatch(/^120000 blob \w+\tsrc\/m\/link\.js$/m);
    expect(repo.git('diff', '--name-only', 'codemigrate/g/base', 'codemigrate/g/src-m').split('\n')).not.toContain('src/m/link.js');
  });

  it('a ts-morph transform after it keeps line endings, final newline and mode', async () => {
    const { repo, blob } = await migrated([TEXT_RENAME, VAR_TO_LET]);
    for (const [path, text] of Object.entries(files)) {
      expect(JSON.stringify(blob(path)), path).toBe(JSON.stringify(text.replaceAll('oldName', 'newName').replaceAll('var ', 'let ')));
    }
    expect(repo.git('ls-tree', 'codemigrate/g/src-m', 'src/m/exec.js')).toMatch(/^100755 /);
    reportFigures('git-states', tally);
  });

  // TypeScript drops a leading BOM when it parses; the ts-morph engine puts it back (this found it).
  it('a ts-morph transform keeps a BOM', async () => {
    const { blob } = await migrated([VAR_TO_LET]);
    for (const [path, text] of Object.entries(withBom)) expect(JSON.stringify(blob(path)), path).toBe(JSON.stringify(text.replaceAll('var ', 'let ')));
  });
});
