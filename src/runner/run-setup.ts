// Setup codemods: once per run, over the files their `files` globs pick at the source commit,
// computed in memory before anything is written. A setup codemod that fails on a file is an
// input error: the run does not start.

import picomatch from 'picomatch';
import type { CodemodEngine, Leftover } from '../core/codemod.js';
import { transformError } from '../core/errors.js';
import type { FileChange, FileDiffStat } from '../core/git.js';
import type { RepoPath } from '../core/paths.js';
import type { CodemodSpec } from '../core/recipe.js';
import type { CodemodSummary } from '../core/state.js';
import type { TreeFiles } from '../edits/tree-files.js';
import { applyCodemods, changedFiles, changeStats } from './apply-codemods.js';
import { withContextFiles, type ContextSource } from './step-context.js';

export const DEFAULT_SETUP_FILES = ['package.json'];

export interface SetupResult {
  readonly changes: readonly FileChange[];
  /**
   * Setup's edits, path → new text: the files steps see when nothing is committed (dry run). A
   * removed file is not in it (a dry run's steps still see it).
   */
  readonly overlay: ReadonlyMap<RepoPath, string>;
  readonly codemods: readonly CodemodSummary[];
  readonly reports: readonly Leftover[];
  readonly stats: readonly FileDiffStat[];
}

/** The source commit's files as the earlier setup (or finish) codemods left them. */
function currentTree(source: TreeFiles, overlay: ReadonlyMap<RepoPath, string>, removed: ReadonlySet<RepoPath>): ContextSource {
  const entries = new Map<RepoPath, true>();
  for (const path of [...source.entries.keys(), ...overlay.keys()]) if (!removed.has(path)) entries.set(path, true);
  return {
    entries,
    read: async (paths) => {
      const fromSource = new Map((await source.read(paths.filter((path) => !overlay.has(path)))).map((file) => [file.path, file.text] as const));
      return paths.flatMap((path) => {
        const text = overlay.get(path) ?? fromSource.get(path);
        return text === undefined ? [] : [{ path, text }];
      });
    },
  };
}

export async function computeSetup(
  engine: CodemodEngine,
  specs: readonly CodemodSpec[],
  source: TreeFiles,
  recipeFile: string,
  signal?: AbortSignal,
): Promise<SetupResult> {
  const overlay = new Map<RepoPath, string>();
  const original = new Map<RepoPath, string>();
  const removed = new Set<RepoPath>();
  const codemods: CodemodSummary[] = [];
  const reports: Leftover[] = [];
  for (const spec of specs) {
    const match = picomatch([...(spec.files ?? DEFAULT_SETUP_FILES)], { dot: true });
    // Files an earlier setup codemod added are matched too; files one removed are gone.
    const added = [...overlay.keys()].filter((path) => !source.entries.has(path) && match(path));
    const paths = [...source.entries.keys()].filter((path) => match(path) && !removed.has(path));
    const files = await source.read(paths);
    for (const file of files) if (!original.has(file.path)) original.set(file.path, file.text);
    const current = [...files.map((file) => ({ path: file.path, text: overlay.get(file.path) ?? file.text })), ...added.map((path) => ({ path, text: overlay.get(path)! }))];
    const pass = await applyCodemods(engine, await withContextFiles([spec], currentTree(source, overlay, removed)), current, signal);
    if (pass.failure !== undefined) throw transformError(`${recipeFile}: ${spec.field}: ${pass.failure}`);
    codemods.push(...pass.summaries);
    reports.push(...pass.reports);
    for (const [path, text] of pass.texts) overlay.set(path, text);
    for (const file of current) {
      if (pass.texts.has(file.path)) continue;
      overlay.delete(file.path);
      if (original.has(file.path)) removed.add(file.path);
    }
  }
  const before = [...original].map(([path, text]) => ({ path, text }));
  const changed = new Map([...overlay].filter(([path, text]) => original.get(path) !== text));
  return { changes: changedFiles(before, overlay), overlay: changed, codemods, reports, stats: changeStats(before, overlay) };
}
