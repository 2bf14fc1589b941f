// Hermetic git for the bench: no global or system config, fixed identity and dates, hooks off.

import { execFileSync } from 'node:child_process';

export const HERMETIC_GIT_ENV = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'codemigrate bench',
  GIT_AUTHOR_EMAIL: 'bench@codemigrate.invalid',
  GIT_COMMITTER_NAME: 'codemigrate bench',
  GIT_COMMITTER_EMAIL: 'bench@codemigrate.invalid',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
  GIT_TERMINAL_PROMPT: '0',
};

/** The bench's runs start cold: the codemod result cache off (only the cache section turns it on). */
export function benchEnv() {
  return { ...process.env, ...HERMETIC_GIT_ENV, CODEMIGRATE_CODEMOD_CACHE: 'off' };
}

/** git's stdout, trimmed; a last argument `{ input }` is written to its stdin. */
export function git(cwd, ...args) {
  const options = typeof args.at(-1) === 'object' ? args.pop() : {};
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...args], {
    cwd,
    input: options.input,
    env: benchEnv(),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  }).trimEnd();
}

/** `git init` + add everything + one commit on main; returns the commit. */
export function commitTree(dir, message) {
  git(dir, 'init', '-q', '-b', 'main');
  // No background gc racing the bench's own timings.
  git(dir, 'config', 'gc.auto', '0');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--no-verify', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}
