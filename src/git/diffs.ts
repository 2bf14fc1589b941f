// Diffs between two commits, as text for people and as per-file line counts.

import type { FileDiffStat } from '../core/git.js';
import { revisionArg, runGit, type GitContext } from './git-process.js';

// Fixed prefixes and no external or textconv drivers: the same text whatever the user's config.
const DIFF_ARGS = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '-M', '--src-prefix=a/', '--dst-prefix=b/'];

export async function diffText(git: GitContext, from: string, to: string): Promise<string> {
  const result = await runGit(git, [...DIFF_ARGS, revisionArg(from), revisionArg(to), '--']);
  return result.stdout.toString('utf8');
}

export async function diffStat(git: GitContext, from: string, to: string): Promise<FileDiffStat[]> {
  const args = ['diff', '--numstat', '-z', '-M', '--no-ext-diff', '--no-textconv'];
  const result = await runGit(git, [...args, revisionArg(from), revisionArg(to), '--']);
  return parseNumstat(result.stdout.toString('utf8'));
}

/**
 * Of `paths`, those `to` holds as a copy of another of `paths` in `from` (git's copy detection with
 * every unmodified file as a candidate source, `-C -C`): copy → origin. The pathspec bounds the
 * search to the files the caller suspects.
 */
export async function copiedFiles(git: GitContext, from: string, to: string, paths: readonly string[]): Promise<Map<string, string>> {
  const copies = new Map<string, string>();
  if (paths.length === 0) return copies;
  const args = ['--literal-pathspecs', 'diff', '--name-status', '-z', '-C', '-C', '--diff-filter=C', '--no-ext-diff', '--no-textconv'];
  const result = await runGit(git, [...args, revisionArg(from), revisionArg(to), '--', ...paths]);
  // "C<score>\0origin\0copy\0" per copy.
  const fields = result.stdout.toString('utf8').split('\0');
  for (let index = 0; index + 2 < fields.length; index += 3) {
    const [status = '', origin = '', copy = ''] = fields.slice(index, index + 3);
    if (status.startsWith('C')) copies.set(copy, origin);
  }
  return copies;
}

/** `--numstat -z`: "added\tremoved\tpath\0", or "added\tremoved\t\0from\0to\0" for a rename; "-" for binary. */
export function parseNumstat(text: string): FileDiffStat[] {
  const fields = text.split('\0');
  const stats: FileDiffStat[] = [];
  for (let index = 0; index < fields.length; index += 1) {
    const field = fields[index] ?? '';
    const first = field.indexOf('\t');
    const second = field.indexOf('\t', first + 1);
    if (first === -1 || second === -1) continue;
    let path = field.slice(second + 1);
    if (path === '') {
      path = fields[index + 2] ?? '';
      index += 2;
    }
    stats.push({ path, added: toCount(field.slice(0, first)), removed: toCount(field.slice(first + 1, second)) });
  }
  return stats;
}

function toCount(text: string): number {
  return text === '-' ? 0 : Number(text);
}
