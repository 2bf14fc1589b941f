// Real temporary git repositories for tests, with hermetic git: no global or system config, a
// fixed identity, hooks only where a test installs them.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

export const HERMETIC_GIT_ENV: Record<string, string> = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.test',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.test',
  GIT_TERMINAL_PROMPT: '0',
};

/** Makes git hermetic for this whole test process (call once at the top of a test file). */
export function useHermeticGit(): void {
  Object.assign(process.env, HERMETIC_GIT_ENV);
}

export interface TempRepo {
  readonly dir: string;
  git(...args: string[]): string;
  write(files: Record<string, string>): void;
  commitAll(message?: string): string;
  cleanup(): void;
}

export function makeTempDir(prefix = 'codemigrate-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A maker of temp folders that are removed after each test of the file that calls this (at its top). */
export function useTempDirs(prefix?: string): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = makeTempDir(prefix);
    dirs.push(dir);
    return dir;
  };
}

/**
 * A byte-for-byte copy of a repository (its .git, codemigrate's state and the checkout) in a new
 * folder: tests that each change a finished run share the run and get a copy of it. Safe only for
 * a repository with no linked worktree (codemigrate removes its scratch worktrees when a run ends),
 * since a worktree's .git files name absolute paths.
 */
export function copyTempRepo(source: TempRepo): TempRepo {
  const dir = makeTempDir();
  cpSync(source.dir, dir, { recursive: true, verbatimSymlinks: true });
  const copy = tempRepoAt(dir);
  // The index records each file's inode and times: let git refresh it now, not in the middle of a
  // test that compares the index's bytes before and after a command.
  copy.git('status', '--porcelain');
  return copy;
}

/** A new repository on branch main, optionally with files committed as the first commit. */
export function makeTempRepo(files?: Record<string, string>, options: { executable?: string[] } = {}): TempRepo {
  const repo = tempRepoAt(makeTempDir());
  if (!files) {
    repo.git('init', '-q', '-b', 'main');
    return repo;
  }
  repo.write(files);
  for (const path of options.executable ?? []) chmodSync(join(repo.dir, path), 0o755);
  // The same git commands as init and commitAll, from one shell: each process this (large) test
  // process starts costs it ~5–9 ms of CPU to fork, and suites make hundreds of these repositories.
  gitSequence(repo.dir, [['init', '-q', '-b', 'main'], ['add', '-A'], ['commit', '-q', '--no-verify', '-m', 'initial']]);
  return repo;
}

/** Runs git commands one after another in `dir` from one shell, stopping at the first that fails (as execFileSync would throw); what the last one printed. */
function gitSequence(dir: string, commands: readonly (readonly string[])[]): string {
  const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;
  const script = commands.map((args) => ['git', ...args].map(quote).join(' ')).join(' && ');
  return execFileSync('/bin/sh', ['-c', script], { cwd: dir, env: { ...process.env, ...HERMETIC_GIT_ENV }, encoding: 'utf8' }).trimEnd();
}

function tempRepoAt(dir: string): TempRepo {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env: { ...process.env, ...HERMETIC_GIT_ENV }, encoding: 'utf8' }).trimEnd();
  const write = (entries: Record<string, string>) => {
    for (const [path, text] of Object.entries(entries)) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
  };
  const repo: TempRepo = {
    dir,
    git,
    write,
    commitAll(message = 'commit') {
      return gitSequence(dir, [['add', '-A'], ['commit', '-q', '--no-verify', '-m', message], ['rev-parse', 'HEAD']]);
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return repo;
}
