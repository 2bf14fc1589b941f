// Pure: applies a model's edits to in-memory file texts, all or nothing. Edits apply in order,
// each to the result of the previous one. Symlink and outside-repo checks against the real file
// system belong to the caller; here the allowed set (the step's files) is the gate.

import { checkRepoPath, type RepoPath } from '../core/paths.js';
import type { ModelEdit } from './types.js';

export type ApplyEditsResult =
  | {
      readonly status: 'ok';
      /** Every input file, with the edited ones replaced (and any created ones added). */
      readonly files: ReadonlyMap<RepoPath, string>;
      /** Paths whose text differs from the input, in first-edit order. */
      readonly changed: readonly RepoPath[];
    }
  | { readonly status: 'rejected'; readonly reason: string };

export function applyEdits(
  files: ReadonlyMap<string, string>,
  edits: readonly ModelEdit[],
  allowed: ReadonlySet<string>,
  /** Files the model saw only part of: a whole-file rewrite would drop what it did not see. */
  excerpted: ReadonlySet<string> = new Set(),
): ApplyEditsResult {
  const allowedPaths = new Set<string>();
  for (const path of allowed) {
    const checked = checkRepoPath(path);
    if (checked.ok) allowedPaths.add(checked.path);
  }
  const texts = new Map<RepoPath, string>();
  for (const [path, text] of files) {
    const checked = checkRepoPath(path);
    if (!checked.ok) return { status: 'rejected', reason: `input file ${path}: ${checked.reason}` };
    texts.set(checked.path, text);
  }
  const original = new Map(texts);
  const touched = new Set<RepoPath>();

  for (const [index, edit] of edits.entries()) {
    const label = `edit ${index + 1}`;
    const checked = checkRepoPath(edit.path);
    if (!checked.ok) return { status: 'rejected', reason: `${label}: ${edit.path}: ${checked.reason}` };
    const path = checked.path;
    if (!allowedPaths.has(path)) return { status: 'rejected', reason: `edit outside the step: ${path}` };

    if ('content' in edit) {
      if (excerpted.has(path)) return { status: 'rejected', reason: `${label}: ${path}: a whole-file "content" edit of a file sent as an excerpt (use search/replace)` };
      texts.set(path, edit.content);
    } else {
      const current = texts.get(path);
      if (current === undefined) return { status: 'rejected', reason: `${label}: ${path}: search in a file that does not exist` };
      const count = countOccurrences(current, edit.search);
      if (count !== 1) {
        return { status: 'rejected', reason: `${label}: ${path}: search matches ${count} times, expected exactly once` };
      }
      const at = current.indexOf(edit.search);
      // Slicing, not String#replace: a replacement holding "$&" or "$1" must stay literal.
      texts.set(path, current.slice(0, at) + edit.replace + current.slice(at + edit.search.length));
    }
    touched.add(path);
  }

  const changed = [...touched].filter((path) => texts.get(path) !== original.get(path));
  return { status: 'ok', files: texts, changed };
}

/** Counts overlapping matches too: "aa" in "aaa" is ambiguous, so it counts 2. */
export function countOccurrences(text: string, search: string): number {
  if (search.length === 0) return 0;
  let count = 0;
  for (let at = text.indexOf(search); at !== -1; at = text.indexOf(search, at + 1)) count += 1;
  return count;
}
