// Runs a list of codemods over a step's files in memory, each codemod seeing the previous one's
// output. Nothing is written. A file a codemod throws on keeps its text from before that codemod
// and becomes a leftover (for the model and the person who finishes the step); the other files keep
// their edits, as jscodeshift's CLI keeps them. The step then cannot end succeeded on codemods alone.
// A codemod with `files` globs sees only the files they match (setup's are chosen by them already).

import picomatch from 'picomatch';
import type { CodemodEngine, Leftover, SourceFile } from '../core/codemod.js';
import type { FileChange } from '../core/git.js';
import type { RepoPath } from '../core/paths.js';
import type { CodemodSpec } from '../core/recipe.js';
import { MAX_OUTPUT_FILES, type CodemodSummary } from '../core/state.js';
import { countChangedLines } from '../edits/text-diff.js';
import type { FileDiffStat } from '../core/git.js';

export interface CodemodPass {
  readonly texts: ReadonlyMap<RepoPath, string>;
  readonly summaries: readonly CodemodSummary[];
  readonly reports: readonly Leftover[];
  /** "<codemod>: <file>: <error>" for the first file a codemod threw on, and how many files in all. */
  readonly failure?: string;
  readonly failedFiles: number;
}

export async function applyCodemods(
  engine: CodemodEngine,
  specs: readonly CodemodSpec[],
  files: readonly SourceFile[],
  signal?: AbortSignal,
): Promise<CodemodPass> {
  const texts = new Map(files.map((file) => [file.path, file.text] as const));
  const summaries: CodemodSummary[] = [];
  const reports: Leftover[] = [];
  let failure: string | undefined;
  let failedFiles = 0;
  for (const spec of specs) {
    signal?.throwIfAborted();
    const seen = spec.files === undefined ? undefined : picomatch([...spec.files], { dot: true });
    const current = [...texts].filter(([path]) => seen === undefined || seen(path)).map(([path, text]) => ({ path, text }));
    const run = await engine.run(spec, current, signal);
    const count = (status: string) => run.files.filter((file) => file.status === status).length;
    summaries.push({
      codemod: spec.name,
      // A removed file counts as modified: the summary's shape is part of state.json.
      modified: count('modified') + count('deleted'),
      unchanged: count('unchanged'),
      skipped: count('skipped'),
      errors: count('error'),
      durationMs: Math.round(run.durationMs),
      ...(run.cached ? { cached: run.cached } : {}),
      ...(run.jscodeshift !== undefined && { jscodeshift: run.jscodeshift }),
      ...(run.output.length > 0 ? { output: run.output.slice(0, MAX_OUTPUT_FILES) } : {}),
    });
    reports.push(...run.reports);
    for (const file of run.files) {
      if (file.status === 'modified') texts.set(file.path, file.text);
      else if (file.status === 'deleted') texts.delete(file.path);
      else if (file.status === 'error') {
        failure ??= `${spec.name}: ${file.path}: ${firstLine(file.error)}`;
        failedFiles += 1;
        reports.push({ file: file.path, message: `${spec.name} threw on this file, which keeps its text from before it: ${firstLine(file.error)}`, codemod: spec.name });
      }
    }
  }
  return { texts, summaries, reports, failedFiles, ...(failure !== undefined ? { failure } : {}) };
}

/**
 * Files whose text changed, files a codemod added (in `after` but not in `before`), and files a
 * codemod removed (in `before` but not in `after`).
 */
export function changedFiles(before: readonly SourceFile[], after: ReadonlyMap<RepoPath, string>): FileChange[] {
  return changedPaths(before, after).map(({ path, text }) => (text === undefined ? { path, delete: true as const } : { path, content: text }));
}

export function changeStats(before: readonly SourceFile[], after: ReadonlyMap<RepoPath, string>): FileDiffStat[] {
  return changedPaths(before, after).map(({ path, was, text }) => ({ path, ...countChangedLines(was ?? '', text ?? '') }));
}

function changedPaths(before: readonly SourceFile[], after: ReadonlyMap<RepoPath, string>) {
  const original = new Map(before.map((file) => [file.path, file.text] as const));
  const changed: { path: RepoPath; was: string | undefined; text: string | undefined }[] = [...after]
    .filter(([path, text]) => original.get(path) !== text)
    .map(([path, text]) => ({ path, was: original.get(path), text }));
  for (const file of before) if (!after.has(file.path)) changed.push({ path: file.path, was: file.text, text: undefined });
  return changed;
}

function firstLine(text: string): string {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '') ?? text;
  return line.length > 300 ? `${line.slice(0, 299)}…` : line.trim();
}
