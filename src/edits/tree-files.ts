// Files of one commit, read from git objects (never the user's working tree), with an in-memory
// overlay of edits not yet committed (setup edits during a dry run, earlier codemods of a step).

import type { SourceFile } from '../core/codemod.js';
import type { GitPort, TreeEntry } from '../core/git.js';
import type { RepoPath } from '../core/paths.js';

const REGULAR_MODES = new Set(['100644', '100755']);
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface TreeFiles {
  readonly commit: string;
  readonly entries: ReadonlyMap<RepoPath, TreeEntry>;
  /** Text of regular UTF-8 files; binary, symlink and submodule entries are left out. */
  read(paths: readonly RepoPath[]): Promise<SourceFile[]>;
  readOne(path: RepoPath): Promise<string | undefined>;
}

export async function openTreeFiles(
  git: GitPort,
  commit: string,
  overlay: ReadonlyMap<RepoPath, string> = new Map(),
): Promise<TreeFiles> {
  const list = await git.listTree(commit);
  const entries = new Map(list.map((entry) => [entry.path, entry] as const));

  async function read(paths: readonly RepoPath[]): Promise<SourceFile[]> {
    const wanted = paths.filter((path) => !overlay.has(path)).map((path) => entries.get(path));
    const regular = wanted.filter((entry): entry is TreeEntry => entry !== undefined && REGULAR_MODES.has(entry.mode));
    const blobs = await git.readBlobs(regular.map((entry) => entry.oid));
    const texts = new Map<RepoPath, string>();
    regular.forEach((entry, index) => {
      const text = decodeText(blobs[index]!);
      if (text !== undefined) texts.set(entry.path, text);
    });
    const files: SourceFile[] = [];
    for (const path of paths) {
      const text = overlay.get(path) ?? texts.get(path);
      if (text !== undefined) files.push({ path, text });
    }
    return files;
  }

  return {
    commit,
    entries,
    read,
    async readOne(path) {
      const [file] = await read([path]);
      return file?.text;
    },
  };
}

/** openTreeFiles with the last few commits' listings kept: listing a large tree costs a git process. */
export function cachedTreeFiles(git: GitPort, keep = 4): (commit: string) => Promise<TreeFiles> {
  const cache = new Map<string, Promise<TreeFiles>>();
  return (commit) => {
    let files = cache.get(commit);
    if (!files) {
      files = openTreeFiles(git, commit);
      cache.set(commit, files);
      files.catch(() => cache.delete(commit));
      if (cache.size > keep) cache.delete(cache.keys().next().value!);
    }
    return files;
  };
}

/** UTF-8 text with its BOM kept, or undefined for binary content. */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
