// Pure: the files a recipe works on — regular files that its include globs match and that
// neither its exclude globs nor the config's exclude globs match.

import picomatch from 'picomatch';
import type { RepoPath } from '../core/paths.js';

/** Regular files; symlinks (120000) and submodules (160000) are never candidates. */
const REGULAR_FILE_MODES: readonly string[] = ['100644', '100755'];

export interface FileEntry {
  readonly path: RepoPath;
  readonly mode: string;
}

export function selectCandidates(
  files: readonly FileEntry[],
  globs: { readonly include: readonly string[]; readonly exclude: readonly string[] },
): RepoPath[] {
  const included = picomatch([...globs.include], { dot: true });
  const excluded = globs.exclude.length > 0 ? picomatch([...globs.exclude], { dot: true }) : () => false;
  return files
    .filter((file) => REGULAR_FILE_MODES.includes(file.mode) && included(file.path) && !excluded(file.path))
    .map((file) => file.path)
    .sort(comparePaths);
}

/** Code-unit order: the same everywhere, unlike localeCompare. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
