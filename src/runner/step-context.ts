// A codemod's `context` (recipe: files the transform reads and never changes, such as the
// package.json setup wrote, or a lockfile) read — in a step from the step's parent commit, in setup
// and finish from the source commit with the earlier codemods' edits — and handed to the
// transform as `options.context`, path → text. Options are how both engines already take data
// from the recipe: they cross into jscodeshift's worker threads as they are, and the result
// cache keys on them, so a changed context file is never answered from the cache.

import picomatch from 'picomatch';
import type { RepoPath } from '../core/paths.js';
import type { CodemodSpec } from '../core/recipe.js';
import type { TreeFiles } from '../edits/tree-files.js';

/** The files a codemod's `context` globs pick from: a commit's tree, or setup's view of one. */
export interface ContextSource {
  readonly entries: ReadonlyMap<RepoPath, unknown>;
  readonly read: TreeFiles['read'];
}

export async function withContextFiles(specs: readonly CodemodSpec[], tree: ContextSource): Promise<CodemodSpec[]> {
  return Promise.all(
    specs.map(async (spec) => {
      if (spec.context === undefined) return spec;
      const match = picomatch([...spec.context], { dot: true });
      const files = await tree.read([...tree.entries.keys()].filter((path) => match(path)));
      const context = Object.fromEntries(files.map((file) => [file.path, file.text] as const));
      return { ...spec, options: { ...spec.options, context } };
    }),
  );
}
