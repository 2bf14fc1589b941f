// In-memory diffs: unified patches for --dry-run and +/- line counts for status, without git.

import { createTwoFilesPatch, diffLines } from 'diff';

export interface LineCounts {
  readonly added: number;
  readonly removed: number;
}

export function countChangedLines(before: string, after: string): LineCounts {
  let added = 0;
  let removed = 0;
  for (const part of diffLines(before, after)) {
    if (part.added) added += part.count ?? 0;
    else if (part.removed) removed += part.count ?? 0;
  }
  return { added, removed };
}

/** A git-style unified patch of one file ("a/<path>" → "b/<path>"). */
export function unifiedPatch(path: string, before: string | undefined, after: string | undefined): string {
  const patch = createTwoFilesPatch(
    before === undefined ? '/dev/null' : `a/${path}`,
    after === undefined ? '/dev/null' : `b/${path}`,
    before ?? '',
    after ?? '',
    undefined,
    undefined,
    { context: 3 },
  );
  // jsdiff starts with an "Index:"-less "===" separator line; keep the header git readers expect
  // (`git apply` needs the mode line of a created or deleted file).
  const mode = before === undefined ? 'new file mode 100644\n' : after === undefined ? 'deleted file mode 100644\n' : '';
  return `diff --git a/${path} b/${path}\n${mode}${patch.replace(/^=+\n/m, '')}`;
}
