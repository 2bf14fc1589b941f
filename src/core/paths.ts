// Repo-relative paths: POSIX separators, no leading "./", never absolute, never escaping the repo,
// never inside .git. Branded so that an unchecked string cannot be passed where one is expected.

import { posix } from 'node:path';

export type RepoPath = string & { readonly __brand: 'RepoPath' };

/** Returns the normalised path, or a one-line reason why it is not a safe repo-relative path. */
export function checkRepoPath(raw: string): { ok: true; path: RepoPath } | { ok: false; reason: string } {
  if (raw.length === 0) return { ok: false, reason: 'empty path' };
  if (raw.includes('\0')) return { ok: false, reason: 'path contains a NUL byte' };
  if (raw.includes('\\')) return { ok: false, reason: 'path contains a backslash' };
  if (posix.isAbsolute(raw) || /^[A-Za-z]:/.test(raw)) return { ok: false, reason: 'absolute path' };
  const normalised = posix.normalize(raw);
  if (normalised === '.' || normalised.endsWith('/')) return { ok: false, reason: 'not a file path' };
  if (normalised === '..' || normalised.startsWith('../')) return { ok: false, reason: 'path leaves the repository' };
  const parts = normalised.split('/');
  if (parts.some((part) => part.toLowerCase() === '.git')) return { ok: false, reason: 'path inside .git' };
  if (normalised.length > 4096) return { ok: false, reason: 'path too long' };
  return { ok: true, path: normalised as RepoPath };
}

export function toRepoPath(raw: string): RepoPath {
  const checked = checkRepoPath(raw);
  if (!checked.ok) throw new Error(`${raw}: ${checked.reason}`);
  return checked.path;
}
