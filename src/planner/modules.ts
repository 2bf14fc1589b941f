// Pure: which module each candidate file belongs to, for the recipe's grouping.

import { posix } from 'node:path';
import type { RepoPath } from '../core/paths.js';
import type { ModuleGrouping } from '../core/recipe.js';

export const ROOT_MODULE = '.';

/**
 * Module path → its files, in the order given. `packageDirs` (workspace package folders) is used
 * only by the 'package' grouping; a file outside every package belongs to the root package '.'.
 */
export function groupModules(
  files: readonly RepoPath[],
  by: ModuleGrouping,
  packageDirs: readonly string[],
): Map<string, RepoPath[]> {
  const moduleOf = moduleResolver(by, packageDirs);
  const modules = new Map<string, RepoPath[]>();
  for (const file of files) {
    const module = moduleOf(file);
    const members = modules.get(module);
    if (members === undefined) modules.set(module, [file]);
    else members.push(file);
  }
  return modules;
}

function moduleResolver(by: ModuleGrouping, packageDirs: readonly string[]): (file: RepoPath) => string {
  switch (by) {
    case 'file':
      return (file) => file;
    case 'directory':
      return (file) => {
        // A snapshot belongs with the tests that write it (Jest and Vitest keep them in
        // <dir>/__snapshots__/): in a step of their own, a codemod could not rewrite their keys
        // and verify would run no test for them.
        const dir = posix.dirname(file);
        return posix.basename(dir) === '__snapshots__' ? posix.dirname(dir) : dir;
      };
    case 'package': {
      // Deepest first, so that a nested package wins over the one around it.
      const deepestFirst = [...packageDirs].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
      return (file) => deepestFirst.find((dir) => file.startsWith(`${dir}/`)) ?? ROOT_MODULE;
    }
  }
}
